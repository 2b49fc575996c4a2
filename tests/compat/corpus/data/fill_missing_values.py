readings = [12.5, None, 14.0, 13.5, None, None, 15.5, 16.0, None]

present = [r for r in readings if r is not None]
mean = sum(present) / len(present)
print("mean of present:", mean)
filled_mean = [r if r is not None else round(mean, 2) for r in readings]
print(filled_mean)

filled_ffill = []
last = None
for r in readings:
    if r is None:
        r = last
    filled_ffill.append(r)
    last = r
print(filled_ffill)
print("missing count:", readings.count(None))
