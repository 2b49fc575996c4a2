candidates = [
    "A man, a plan, a canal: Panama",
    "racecar",
    "hello",
    "Was it a car or a cat I saw?",
    "No 'x' in Nixon",
    "",
]


def is_palindrome(s):
    cleaned = "".join(ch.lower() for ch in s if ch.isalnum())
    return cleaned == cleaned[::-1]


for c in candidates:
    print(f"{c!r}: {is_palindrome(c)}")

longest = max((w for w in "level noon civic refer stats radar".split()), key=len)
print(longest)
