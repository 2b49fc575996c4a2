import operator
from itertools import accumulate

sales = [120, 80, 45, 200, 10]
print(list(accumulate(sales)))
print(list(accumulate(sales, max)))
print(list(accumulate(sales, operator.mul))[:3])
print(list(accumulate([1, 2, 3], initial=100)))
balance = list(accumulate([50, -20, -40, 100], lambda a, b: max(a + b, 0)))
print(balance)
