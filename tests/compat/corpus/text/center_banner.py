title = "Welcome"
for width in (11, 20, 25):
    print("[" + title.center(width) + "]")
print(title.center(21, "*"))
print("ab".center(7, "-"), "abc".center(6, "-"))

rows = 5
for i in range(1, rows + 1):
    print(("*" * (2 * i - 1)).center(2 * rows - 1).rstrip())
