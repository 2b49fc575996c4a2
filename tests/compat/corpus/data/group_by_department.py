employees = [
    ("Alice", "Engineering", 120000),
    ("Bob", "Sales", 70000),
    ("Cara", "Engineering", 105000),
    ("Dan", "Marketing", 65000),
    ("Eve", "Sales", 82000),
    ("Finn", "Engineering", 98000),
]

by_dept = {}
for name, dept, salary in employees:
    by_dept.setdefault(dept, []).append((name, salary))

for dept, members in sorted(by_dept.items()):
    total = sum(s for _, s in members)
    names = ", ".join(n for n, _ in members)
    print(f"{dept}: {len(members)} people, total {total}, avg {total // len(members)}")
    print("   ", names)

richest = max(by_dept, key=lambda d: max(s for _, s in by_dept[d]))
print("dept with top earner:", richest)
