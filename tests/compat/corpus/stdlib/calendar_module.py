import calendar

print(calendar.isleap(2024), calendar.isleap(1900), calendar.leapdays(2000, 2025))
print(calendar.monthrange(2024, 2), calendar.weekday(2024, 7, 4))
print(calendar.month_name[3], calendar.day_abbr[0], list(calendar.month_abbr)[1:4])
print(calendar.month(2024, 2))
cal = calendar.Calendar(firstweekday=0)
weeks = cal.monthdayscalendar(2024, 9)
print(len(weeks), weeks[0], weeks[-1])
