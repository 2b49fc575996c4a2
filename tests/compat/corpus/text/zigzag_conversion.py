def zigzag(s, rows):
    if rows == 1 or rows >= len(s):
        return s
    lines = [""] * rows
    row, step = 0, 1
    for ch in s:
        lines[row] += ch
        if row == 0:
            step = 1
        elif row == rows - 1:
            step = -1
        row += step
    return "".join(lines)


print(zigzag("PAYPALISHIRING", 3))
print(zigzag("PAYPALISHIRING", 4))
print(zigzag("AB", 1))
