image = [
    list("..........."),
    list(".####..###."),
    list(".#..#..#.#."),
    list(".####..###."),
    list("..........."),
]


def fill(img, r, c, new):
    old = img[r][c]
    if old == new:
        return 0
    stack = [(r, c)]
    count = 0
    while stack:
        r, c = stack.pop()
        if 0 <= r < len(img) and 0 <= c < len(img[0]) and img[r][c] == old:
            img[r][c] = new
            count += 1
            stack.extend([(r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)])
    return count


print(fill(image, 0, 0, "~"))
print(fill(image, 2, 2, "o"))
for row in image:
    print("".join(row))
