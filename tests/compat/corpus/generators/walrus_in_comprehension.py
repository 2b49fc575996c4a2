import re

lines = ["id=42 ok", "no id here", "id=7 retry", "id=x bad", "id=1000 ok"]
ids = [int(m.group(1)) for line in lines if (m := re.search(r"id=(\d+)", line))]
print(ids)
values = [3, 8, 1, 9, 4]
total = 0
running = [total := total + v for v in values]
print(running, total)
data = {"a": 5, "b": 0, "c": 12}
print({k: half for k, v in data.items() if (half := v / 2) > 1})
