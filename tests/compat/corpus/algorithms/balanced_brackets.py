PAIRS = {")": "(", "]": "[", "}": "{"}


def check(s):
    stack = []
    for i, ch in enumerate(s):
        if ch in "([{":
            stack.append((ch, i))
        elif ch in PAIRS:
            if not stack or stack[-1][0] != PAIRS[ch]:
                return f"unexpected {ch!r} at {i}"
            stack.pop()
    if stack:
        return f"unclosed {stack[-1][0]!r} at {stack[-1][1]}"
    return "balanced"


for s in ["([]{})", "((a+b)*c", "{[(])}", "", "print(x[0])", "}{"]:
    print(f"{s!r:14} {check(s)}")
