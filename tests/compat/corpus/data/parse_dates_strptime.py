from datetime import datetime

events = [
    ("deploy", "2024-01-15 09:30"),
    ("incident", "2024-01-15 14:05"),
    ("resolved", "2024-01-16 08:45"),
]

parsed = [(name, datetime.strptime(ts, "%Y-%m-%d %H:%M")) for name, ts in events]
for name, dt in parsed:
    print(f"{name:<9} {dt.strftime('%a %d %b %Y, %H:%M')}")

start = parsed[1][1]
end = parsed[2][1]
delta = end - start
print("outage:", delta)
print("hours:", delta.total_seconds() / 3600)
print("same day?", start.date() == end.date())
