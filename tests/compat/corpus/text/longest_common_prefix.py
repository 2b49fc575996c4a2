def lcp(words):
    if not words:
        return ""
    prefix = words[0]
    for w in words[1:]:
        while not w.startswith(prefix):
            prefix = prefix[:-1]
            if not prefix:
                return ""
    return prefix


tests = [
    ["flower", "flow", "flight"],
    ["interspecies", "interstellar", "interstate"],
    ["dog", "racecar", "car"],
    ["same", "same"],
    [],
]
for t in tests:
    print(t, "->", repr(lcp(t)))
