raw = "   hello world \t\n"
print(repr(raw.strip()), repr(raw.lstrip()), repr(raw.rstrip()))
print("xxhixyx".strip("xy"))
print("www.example.com".lstrip("w."))
print("report.csv.bak".rstrip(".bak"))
print("report.csv.bak".removesuffix(".bak"))
print("Mr. Smith".removeprefix("Mr. "))
print("nothing".removeprefix("zz"))
print([line.strip() for line in " a \n  b\n c  ".split("\n")])
