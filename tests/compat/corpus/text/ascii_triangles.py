n = 5
for i in range(1, n + 1):
    print(" " * (n - i) + "*" * (2 * i - 1))
print()
for i in range(n, 0, -1):
    print(str(i) * i)
print()
for i in range(1, n + 1):
    print(" ".join(str(j) for j in range(1, i + 1)).rjust(2 * n - 1))
print()
for row in range(4):
    print("".join("#" if (row + col) % 2 == 0 else "." for col in range(8)))
