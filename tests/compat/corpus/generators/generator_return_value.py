def limited(n):
    for i in range(n):
        yield i
    return f"produced {n}"


g = limited(2)
print(next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("stopped with:", e.value)

print(list(limited(3)))


def gen_with_cleanup():
    try:
        yield "first"
        yield "second"
    finally:
        print("cleanup ran")


g = gen_with_cleanup()
print(next(g))
g.close()
print("after close")
for x in gen_with_cleanup():
    print(x)
