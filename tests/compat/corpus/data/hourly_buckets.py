from datetime import datetime

stamps = [
    "2024-05-01T08:05:11",
    "2024-05-01T08:45:00",
    "2024-05-01T09:01:59",
    "2024-05-01T09:30:30",
    "2024-05-01T09:59:59",
    "2024-05-01T11:10:00",
]

buckets = {}
for s in stamps:
    t = datetime.fromisoformat(s)
    hour = t.replace(minute=0, second=0)
    buckets.setdefault(hour, []).append(t)

for hour, items in buckets.items():
    print(hour.strftime("%H:00"), len(items), [i.strftime("%M:%S") for i in items])
first, last = datetime.fromisoformat(stamps[0]), datetime.fromisoformat(stamps[-1])
print("span minutes:", (last - first).seconds // 60)
