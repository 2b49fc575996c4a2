values = [
    "plain",
    "it's",
    'say "hi"',
    "both ' and \"",
    "tab\there",
    "newline\n",
    "back\\slash",
    "é",
    "",
]
for v in values:
    print(str(v), "|", repr(v), "|", ascii(v))
print(repr(["a", 'b"c', "d'e"]))
print(str(1.0), repr(0.1), str([1.5, "x"]), repr((1,)))
print(repr(None), str(True), repr(b"bytes\x00"))
