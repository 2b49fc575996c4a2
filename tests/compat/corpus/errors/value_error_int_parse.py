inputs = ["42", " 7 ", "3.14", "abc", "", "1e3", "-0", "0x1A"]
for text in inputs:
    try:
        n = int(text)
        print(f"{text!r} -> {n}")
    except ValueError as e:
        print(f"{text!r} -> ValueError: {e}")

for text in ["2.5", "nan", "inf", "1,5", "  -3e-2 "]:
    try:
        print(text, "->", float(text))
    except ValueError as e:
        print(text, "-> error:", e)
