ids = [7, 42, 305, 12345]
for i in ids:
    print(str(i).zfill(6), f"{i:06d}", "INV-" + str(i).zfill(4))

print("-42".zfill(5))
print("+7".zfill(4))
print("abc".zfill(6))
times = [(9, 5), (14, 30), (0, 0)]
print([f"{str(h).zfill(2)}:{str(m).zfill(2)}" for h, m in times])
