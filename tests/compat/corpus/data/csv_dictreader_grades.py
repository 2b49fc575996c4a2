import csv
from io import StringIO

text = """name,math,physics,chemistry
Ana,88,92,79
Ben,72,65,80
Chloe,95,98,91
Dev,60,70,55
"""

rows = list(csv.DictReader(StringIO(text)))
subjects = [k for k in rows[0] if k != "name"]
for row in rows:
    scores = [int(row[s]) for s in subjects]
    avg = sum(scores) / len(scores)
    print(f"{row['name']}: avg={avg:.1f} best={max(subjects, key=lambda s: int(row[s]))}")

for s in subjects:
    col = [int(r[s]) for r in rows]
    print(s, "mean", round(sum(col) / len(col), 2), "max", max(col))
