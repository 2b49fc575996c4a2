def dedupe(s):
    seen = set()
    out = []
    for ch in s:
        if ch not in seen:
            seen.add(ch)
            out.append(ch)
    return "".join(out)


for word in ["mississippi", "banana", "abcabcabc", "aAbBaA", ""]:
    print(repr(word), "->", repr(dedupe(word)), "".join(dict.fromkeys(word)) == dedupe(word))
print(len(set("hello world")) - 1, "distinct letters")
print(all(s.count(c) == 1 for s in ["abc"] for c in s))
