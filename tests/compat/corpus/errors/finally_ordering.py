def process(x):
    print(f"start {x}")
    try:
        if x == 0:
            raise ValueError("zero not allowed")
        result = 10 / x
        print("computed", result)
        return result
    except ValueError as e:
        print("handled:", e)
        return None
    finally:
        print(f"finally for {x}")


print("returned", process(2))
print("returned", process(0))
try:
    process("a")
except TypeError:
    print("TypeError propagated after finally")
