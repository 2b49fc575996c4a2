def rle_encode(s):
    if not s:
        return ""
    out = []
    prev, count = s[0], 1
    for ch in s[1:]:
        if ch == prev:
            count += 1
        else:
            out.append(f"{count}{prev}")
            prev, count = ch, 1
    out.append(f"{count}{prev}")
    return "".join(out)


def rle_decode(s):
    out, num = [], ""
    for ch in s:
        if ch.isdigit():
            num += ch
        else:
            out.append(ch * int(num))
            num = ""
    return "".join(out)


for text in ["aaabccdddd", "abc", "", "zzzzzzzzzzzz", "aabbaa"]:
    enc = rle_encode(text)
    print(repr(text), "->", repr(enc), rle_decode(enc) == text)
