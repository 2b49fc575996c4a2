import csv
import io

rows = [
    ["name", "city", "note"],
    ["Ann", "Paris", "likes, commas"],
    ["Bo", "New York", 'says "hi"'],
    ["Cy", "Rome", ""],
]

buf = io.StringIO()
writer = csv.writer(buf, lineterminator="\n")
writer.writerows(rows)
out = buf.getvalue()
print(out, end="")
print("lines:", len(out.splitlines()))

back = list(csv.reader(io.StringIO(out)))
print(back == rows)
print(back[2][2])
