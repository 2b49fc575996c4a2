def depth(n):
    return depth(n + 1)


try:
    depth(0)
except RecursionError:
    print("RecursionError caught")


def countdown(n):
    return 0 if n == 0 else 1 + countdown(n - 1)


print(countdown(200))
