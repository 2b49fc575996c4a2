words = ["listen", "silent", "enlist", "google", "gooegl", "cat", "act", "tac", "dog"]

groups = {}
for w in words:
    key = "".join(sorted(w))
    groups.setdefault(key, []).append(w)

for key, members in groups.items():
    if len(members) > 1:
        print(key, "->", members)

print("is anagram:", sorted("Dormitory".lower()) == sorted("dirtyroom"))
singles = [m[0] for m in groups.values() if len(m) == 1]
print("no anagram:", singles)
