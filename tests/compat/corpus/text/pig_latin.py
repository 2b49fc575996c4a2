VOWELS = "aeiouAEIOU"


def pig(word):
    if word[0] in VOWELS:
        return word + "way"
    for i, ch in enumerate(word):
        if ch in VOWELS:
            return word[i:] + word[:i] + "ay"
    return word + "ay"


sentence = "the quick brown fox jumps over an idle lazy dog"
print(" ".join(pig(w) for w in sentence.split()))
print(pig("rhythm"), pig("Apple"), pig("string"))
