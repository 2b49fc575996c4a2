scores = {"ana": 93, "ben": 78, "cy": 85, "dia": 61, "eli": 99, "fay": 70, "gus": 45}


def grade(score):
    for cutoff, letter in ((90, "A"), (80, "B"), (70, "C"), (60, "D")):
        if score >= cutoff:
            return letter
    return "F"


report = {}
for name, s in scores.items():
    report.setdefault(grade(s), []).append(name)

for letter in "ABCDF":
    names = report.get(letter, [])
    print(f"{letter}: {len(names)} {', '.join(names)}")
passed = [n for n, s in scores.items() if grade(s) != "F"]
print(f"pass rate: {len(passed) / len(scores):.0%}")
