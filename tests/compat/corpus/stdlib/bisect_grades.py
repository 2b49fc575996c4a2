import bisect


def grade(score, breakpoints=(60, 70, 80, 90), grades="FDCBA"):
    return grades[bisect.bisect(breakpoints, score)]


print([grade(s) for s in [33, 99, 77, 70, 89, 90, 100, 60]])
sorted_list = [1, 3, 3, 5, 8]
print(bisect.bisect_left(sorted_list, 3), bisect.bisect_right(sorted_list, 3))
bisect.insort(sorted_list, 4)
bisect.insort_left(sorted_list, 3)
print(sorted_list)
timeline = [(0, "start"), (10, "warmup"), (30, "main"), (55, "cooldown")]
times = [t for t, _ in timeline]
for t in [5, 10, 31, 60]:
    print(t, timeline[bisect.bisect_right(times, t) - 1][1])
