from datetime import date

dates = [date(2024, 1, 1), date(2024, 12, 30), date(2021, 1, 3), date(2020, 12, 31)]
for d in dates:
    year, week, weekday = d.isocalendar()
    print(d, "-> ISO", year, "week", week, "day", weekday)

by_week = {}
for day in range(1, 32):
    d = date(2024, 3, day)
    by_week.setdefault(d.isocalendar()[1], []).append(day)
for w, days in by_week.items():
    print(f"W{w:02d}", days)
