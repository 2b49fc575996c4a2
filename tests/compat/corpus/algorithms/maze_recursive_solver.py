maze = [
    "#########",
    "#S..#...#",
    "#.#.#.#.#",
    "#.#...#.#",
    "#.#####.#",
    "#...#..E#",
    "#########",
]
grid = [list(r) for r in maze]


def solve(r, c):
    if grid[r][c] == "E":
        return True
    if grid[r][c] not in ".S":
        return False
    grid[r][c] = "+"
    for dr, dc in ((0, 1), (1, 0), (0, -1), (-1, 0)):
        if solve(r + dr, c + dc):
            return True
    grid[r][c] = "x"
    return False


print(solve(1, 1))
for row in grid:
    print("".join(row))
print("path length:", sum(row.count("+") for row in grid))
