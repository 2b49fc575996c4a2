sentence = "Python makes text processing pleasant"
print(sentence[::-1])
print(" ".join(sentence.split()[::-1]))
print(" ".join(w[::-1] for w in sentence.split()))
print(sentence[::2])
print(sentence[-1:-8:-1])
print(sentence[7:12], sentence[:6], sentence[-8:])
