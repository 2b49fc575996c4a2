import re

logs = """2024-03-01 10:15:02 INFO  server started on port 8000
2024-03-01 10:15:07 WARN  disk usage at 85%
2024-03-01 10:16:11 ERROR failed to connect to db (timeout=30s)
2024-03-01 10:16:12 INFO  retrying connection
2024-03-01 10:16:15 ERROR failed to connect to db (timeout=30s)
2024-03-01 10:17:00 INFO  connection established
"""

pattern = re.compile(r"^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) (\w+)\s+(.*)$")
levels = {}
errors = []
for line in logs.splitlines():
    m = pattern.match(line)
    if not m:
        continue
    date, time, level, msg = m.groups()
    levels[level] = levels.get(level, 0) + 1
    if level == "ERROR":
        errors.append((time, msg))

print(levels)
for t, msg in errors:
    print(t, "->", msg)
