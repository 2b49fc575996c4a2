from datetime import timedelta

laps = ["1:32", "1:29", "1:41", "1:30", "1:35"]
durations = []
for lap in laps:
    m, s = lap.split(":")
    durations.append(timedelta(minutes=int(m), seconds=int(s)))

total = sum(durations, timedelta())
print("total:", total)
print("fastest:", min(durations))
avg = total / len(durations)
print("average seconds:", avg.total_seconds())
print("over 1:33:", sum(1 for d in durations if d > timedelta(minutes=1, seconds=33)))
