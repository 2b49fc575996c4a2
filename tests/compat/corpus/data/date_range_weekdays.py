import datetime as dt

start = dt.date(2024, 4, 1)
end = dt.date(2024, 4, 30)

workdays = []
d = start
while d <= end:
    if d.weekday() < 5:
        workdays.append(d)
    d += dt.timedelta(days=1)

print("working days in April 2024:", len(workdays))
print("first:", workdays[0], "last:", workdays[-1])
fridays = [x.day for x in workdays if x.weekday() == 4]
print("fridays:", fridays)
print(start.strftime("%B %Y"), start.isoweekday(), end.timetuple().tm_yday)
