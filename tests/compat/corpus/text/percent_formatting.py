name = "Ana"
score = 91.456
rank = 3
print("Player %s scored %.1f points" % (name, score))
print("%-10s|%5d|%08.3f" % (name, rank, score))
print("%x %o %e" % (255, 8, 12345.678))
print("%(who)s has %(n)d items" % {"who": "Bo", "n": 4})
print("100%% done")
print("%5s|%-5s|" % ("ab", "cd"))
print("%c%c" % (72, "i"))
print("%r" % "quoted")
