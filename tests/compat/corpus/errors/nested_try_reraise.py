def risky(n):
    if n % 3 == 0:
        raise ValueError(f"{n} divisible by 3")
    if n % 5 == 0:
        raise KeyError(n)
    return n


def wrapper(n):
    try:
        return risky(n)
    except ValueError:
        print(f"  wrapper logging ValueError for {n}, re-raising")
        raise


for n in [1, 3, 5, 7]:
    try:
        print("result:", wrapper(n))
    except ValueError as e:
        print("outer caught ValueError:", e)
    except KeyError as e:
        print("outer caught KeyError:", e)
