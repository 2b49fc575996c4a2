cases = [
    lambda: "age: " + 30,
    lambda: len(5),
    lambda: None + 1,
    lambda: [1, 2] * "3",
    lambda: int([1]),
    lambda: sorted([3, "a", 1]),
    lambda: {}[[]],
    lambda: (lambda x: x)(1, 2),
]
for i, case in enumerate(cases):
    try:
        case()
    except TypeError:
        print(i, "TypeError")
    except Exception as e:
        print(i, "other:", type(e).__name__)
