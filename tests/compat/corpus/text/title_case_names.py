names = ["john smith", "MARY-ANN o'neil", "dr. jekyll and mr. hyde", "élodie durand"]
for n in names:
    print(n.title())
    print(n.capitalize())

headline = "the lord of the rings: the return of the king"
small = {"of", "the", "a", "and", "to"}
words = headline.split()
fixed = [w if (i and w in small) else w.capitalize() for i, w in enumerate(words)]
print(" ".join(fixed))
print("hello world".istitle(), "Hello World".istitle())
