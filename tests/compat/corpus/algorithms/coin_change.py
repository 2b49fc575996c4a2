def min_coins(coins, amount):
    INF = float("inf")
    dp = [0] + [INF] * amount
    for a in range(1, amount + 1):
        for c in coins:
            if c <= a and dp[a - c] + 1 < dp[a]:
                dp[a] = dp[a - c] + 1
    return dp[amount] if dp[amount] != INF else -1


def count_ways(coins, amount):
    ways = [1] + [0] * amount
    for c in coins:
        for a in range(c, amount + 1):
            ways[a] += ways[a - c]
    return ways[amount]


print(min_coins([1, 5, 10, 25], 63))
print(min_coins([2], 3))
print(min_coins([1, 3, 4], 6))
print(count_ways([1, 2, 5], 5))
print(count_ways([1, 5, 10, 25, 50, 100], 300))
