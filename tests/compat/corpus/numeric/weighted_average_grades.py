courses = [
    ("Math", 4, 3.7),
    ("History", 3, 3.3),
    ("Art", 2, 4.0),
    ("Physics", 4, 2.7),
    ("PE", 1, 4.0),
]
total_credits = sum(c for _, c, _ in courses)
gpa = sum(c * g for _, c, g in courses) / total_credits
print(f"credits: {total_credits}")
print(f"GPA: {gpa:.3f}")
print(f"rounded: {round(gpa, 2)}")
best = max(courses, key=lambda x: x[2] * x[1])
print("biggest contributor:", best[0])
without = [c for c in courses if c[0] != "Physics"]
print(f"without physics: {sum(c * g for _, c, g in without) / sum(c for _, c, _ in without):.3f}")
