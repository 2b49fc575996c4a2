puzzle = """
53..7....
6..195...
.98....6.
8...6...3
4..8.3..1
7...2...6
.6....28.
...419..5
....8..79
"""

board = [[int(c) if c != "." else 0 for c in line] for line in puzzle.split()]


def ok(r, c, v):
    if v in board[r] or any(board[i][c] == v for i in range(9)):
        return False
    br, bc = 3 * (r // 3), 3 * (c // 3)
    return all(board[br + i][bc + j] != v for i in range(3) for j in range(3))


def solve():
    for r in range(9):
        for c in range(9):
            if board[r][c] == 0:
                for v in range(1, 10):
                    if ok(r, c, v):
                        board[r][c] = v
                        if solve():
                            return True
                        board[r][c] = 0
                return False
    return True


print(solve())
for row in board:
    print("".join(map(str, row)))
