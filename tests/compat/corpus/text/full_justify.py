def justify(words, width):
    lines, line, length = [], [], 0
    for w in words:
        if line and length + len(line) + len(w) > width:
            lines.append((line, length))
            line, length = [], 0
        line.append(w)
        length += len(w)
    out = []
    for ws, ln in lines:
        gaps = len(ws) - 1
        if gaps == 0:
            out.append(ws[0].ljust(width))
            continue
        spaces = width - ln
        q, r = divmod(spaces, gaps)
        s = ""
        for i, w in enumerate(ws[:-1]):
            s += w + " " * (q + (1 if i < r else 0))
        out.append(s + ws[-1])
    out.append(" ".join(line).ljust(width))
    return out


text = "This is an example of text justification done by hand for a fixed width column."
for row in justify(text.split(), 20):
    print(f"|{row}|")
