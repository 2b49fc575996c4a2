import difflib

words = ["apple", "apply", "ape", "maple", "pineapple", "grape"]
print(difflib.get_close_matches("appel", words))
print(difflib.get_close_matches("grap", words, n=1))
sm = difflib.SequenceMatcher(None, "kitten", "sitting")
print(round(sm.ratio(), 4))
a = ["one", "two", "three", "four"]
b = ["one", "three", "four", "five"]
for line in difflib.unified_diff(a, b, "old", "new", lineterm=""):
    print(line)
