from itertools import count, cycle, islice, repeat

for i, color in zip(count(1), ["red", "green", "blue"]):
    print(i, color)
print(list(islice(count(10, 5), 4)))
print(list(islice(count(0.5, 0.25), 3)))
players = cycle(["X", "O"])
print([next(players) for _ in range(5)])
print(list(repeat("ab", 3)), list(map(pow, range(5), repeat(2))))
