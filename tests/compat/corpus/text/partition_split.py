line = "key=value=with=equals"
print(line.partition("="))
print(line.rpartition("="))
print("no-separator".partition(":"))
print(line.split("=", 1), line.rsplit("=", 1))
print("a,b,,c".split(","))
print("  spaced   out words ".split())
print("one\ntwo\r\nthree\n".splitlines())
print("one\ntwo\n".splitlines(keepends=True))
path = "/usr/local/lib/python3.11/site.py"
head, _, tail = path.rpartition("/")
print(head, tail, tail.split(".")[0])
