text = "Programming in Python is fun and rewarding!"
vowels = set("aeiou")
v = c = other = 0
for ch in text.lower():
    if ch in vowels:
        v += 1
    elif ch.isalpha():
        c += 1
    else:
        other += 1
print("vowels:", v, "consonants:", c, "other:", other)
per_vowel = {x: text.lower().count(x) for x in "aeiou"}
print(per_vowel)
print("".join(ch for ch in text if ch.lower() not in vowels))
