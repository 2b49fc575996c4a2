from collections import deque


def window(iterable, n):
    buf = deque(maxlen=n)
    for x in iterable:
        buf.append(x)
        if len(buf) == n:
            yield tuple(buf)


print(list(window(range(6), 3)))
text = "the cat sat on the mat"
bigrams = list(window(text.split(), 2))
print(bigrams)
print(["".join(w) for w in window("hello", 2)])
print(max(window([3, 1, 4, 1, 5, 9, 2, 6], 3), key=sum))
