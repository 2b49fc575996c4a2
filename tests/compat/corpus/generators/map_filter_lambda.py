nums = [5, 12, 7, 3, 20, 18, 1]
print(list(map(lambda x: x * 10, nums)))
print(list(filter(lambda x: x > 6, nums)))
print(list(map(str.upper, ["a", "b"])))
print(list(map(lambda a, b: a + b, [1, 2, 3], [10, 20, 30])))
print(list(filter(None, [0, 1, "", "x", None, [], [0]])))
print(sorted(nums, key=lambda x: (x % 5, x)))
words = ["Banana", "apple", "Cherry", "date"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len, reverse=True))
print(min(words, key=lambda w: w[-1]), max(map(len, words)))
