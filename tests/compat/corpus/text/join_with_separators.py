parts = ["usr", "local", "bin"]
print("/" + "/".join(parts))
print(", ".join(str(n) for n in range(1, 6)))
print(" -> ".join(map(str.upper, parts)))
print("".join(reversed("drawer")))
print("\n".join(f"{i}. {p}" for i, p in enumerate(parts, 1)))
items = ["eggs", "milk", "bread"]
print(", ".join(items[:-1]) + " and " + items[-1])
print("-".join("2024 05 17".split()))
print("|".join([]) == "")
