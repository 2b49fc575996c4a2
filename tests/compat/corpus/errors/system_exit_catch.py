import sys


def main(argv):
    if len(argv) < 2:
        print("usage: prog NAME")
        sys.exit(2)
    print("hello", argv[1])
    return 0


for args in (["prog", "ann"], ["prog"]):
    try:
        main(args)
    except SystemExit as e:
        print("exit code:", e.code)
print("still running")
try:
    raise SystemExit("fatal message")
except SystemExit as e:
    print(repr(e.code))
