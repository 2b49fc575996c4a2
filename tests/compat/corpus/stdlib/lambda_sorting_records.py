inventory = [
    ("laptop", "electronics", 999.99, 5),
    ("mouse", "electronics", 19.99, 50),
    ("desk", "furniture", 249.0, 2),
    ("chair", "furniture", 129.5, 0),
    ("pen", "office", 1.25, 300),
]
print([i[0] for i in sorted(inventory, key=lambda i: i[2])])
print([i[0] for i in sorted(inventory, key=lambda i: (i[1], -i[2]))])
print(max(inventory, key=lambda i: i[2] * i[3])[0])
in_stock = list(filter(lambda i: i[3] > 0, inventory))
print(len(in_stock), sorted(map(lambda i: i[0].upper(), in_stock)))
apply = {"double": lambda x: x * 2, "neg": lambda x: -x, "sq": lambda x: x**2}
print({name: fn(7) for name, fn in apply.items()})
compose = lambda f, g: lambda x: f(g(x))  # noqa: E731
print(compose(apply["neg"], apply["sq"])(3))
