def factorial(n):
    result = 1
    for i in range(2, n + 1):
        result *= i
    return result


f50 = factorial(50)
print(f50)
print(len(str(factorial(500))), "digits in 500!")
print(sum(int(d) for d in str(factorial(100))))
trailing = len(str(factorial(100))) - len(str(factorial(100)).rstrip("0"))
print("trailing zeros in 100!:", trailing)
print(2**256)
print((2**127 - 1) % 1000000007, -(3**100) // 7, (-(3**100)) % 7)
print(int("9" * 40) + 1)
