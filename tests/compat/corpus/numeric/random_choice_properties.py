import random

random.seed(2024)
colors = ["red", "green", "blue"]
picks = [random.choice(colors) for _ in range(300)]
print(set(picks) <= set(colors), len(picks))
weights = random.choices(["a", "b"], weights=[0, 1], k=10)
print(weights)
population = list(range(100))
sample = random.sample(population, 10)
print(len(sample), len(set(sample)), all(0 <= x < 100 for x in sample))
nums = list(range(20))
random.shuffle(nums)
print(sorted(nums) == list(range(20)))
g = random.gauss(0, 1)
print(isinstance(g, float))
bits = random.getrandbits(16)
print(0 <= bits < 2**16)
