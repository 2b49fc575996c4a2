import random

random.seed(42)
deck = [f"{r}{s}" for r in "A23456789TJQK" for s in "SHDC"]
random.shuffle(deck)
print(len(deck), sorted(deck) == sorted(f"{r}{s}" for r in "A23456789TJQK" for s in "SHDC"))
hand = random.sample(deck, 5)
print(len(hand), len(set(hand)), all(c in deck for c in hand))
rolls = [random.randint(1, 6) for _ in range(1000)]
print(min(rolls) >= 1, max(rolls) <= 6, len(rolls))
x = random.random()
print(0 <= x < 1, isinstance(random.choice(deck), str))
u = random.uniform(10, 20)
print(10 <= u <= 20, random.randrange(0, 100, 5) % 5)
