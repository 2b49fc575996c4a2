students = [
    ("maria", 88, 21),
    ("li", 92, 20),
    ("omar", 88, 19),
    ("zoe", 75, 22),
    ("ana", 92, 23),
]

by_score = sorted(students, key=lambda s: (-s[1], s[0]))
for name, score, age in by_score:
    print(f"{name:<6}{score:>4}{age:>4}")

print([s[0] for s in sorted(students, key=lambda s: s[2], reverse=True)])
students.sort(key=lambda s: s[0])
print(students[0], students[-1])
print(sorted(["b10", "a2", "a10", "b1"], key=lambda x: (x[0], int(x[1:]))))
