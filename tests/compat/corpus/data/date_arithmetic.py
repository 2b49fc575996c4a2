from datetime import date, timedelta

start = date(2024, 2, 25)
for i in range(7):
    d = start + timedelta(days=i)
    print(d.isoformat(), d.strftime("%A"), d.day)

deadline = date(2024, 12, 25)
print("days until deadline:", (deadline - start).days)
print("leap day weekday:", date(2024, 2, 29).weekday())
print(date(2023, 12, 31) + timedelta(weeks=1))
