for a, b in [(17, 5), (-17, 5), (17, -5), (-17, -5), (7.5, 2), (-7.5, 2)]:
    print(f"{a} // {b} = {a // b}, {a} % {b} = {a % b}, divmod = {divmod(a, b)}")
seconds = 100000
days, rem = divmod(seconds, 86400)
hours, rem = divmod(rem, 3600)
minutes, secs = divmod(rem, 60)
print(f"{days}d {hours}h {minutes}m {secs}s")
print(-7 // 2, int(-7 / 2), -(7 // 2))
print(2**-1, -(8 ** (1 / 3)), pow(2, 10), 7**0)
