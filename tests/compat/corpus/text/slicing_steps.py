s = "abcdefghijklmnopqrstuvwxyz"
print(s[::3])
print(s[1::4])
print(s[::-2])
print(s[20:5:-3])
print(s[-5:])
print(s[:-20])
print(s[100:], repr(s[5:2]))
print(s[slice(2, 10, 2)])
word = "stressed"
print(word[::-1], word[::-1] == "desserts")
nums = list(range(10))
print(nums[::2], nums[::-3], nums[-3:-1])
nums[1::2] = [0] * 5
print(nums)
