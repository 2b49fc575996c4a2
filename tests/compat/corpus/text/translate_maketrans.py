leet = str.maketrans("aeiost", "431057")
print("leetspeak is the best".translate(leet))

remove_punct = str.maketrans("", "", ",.!?;:")
print("Hello, world! How are you? Fine; thanks.".translate(remove_punct))

rot13 = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    "NOPQRSTUVWXYZABCDEFGHIJKLMnopqrstuvwxyzabcdefghijklm",
)
secret = "Why did the chicken cross the road?".translate(rot13)
print(secret)
print(secret.translate(rot13))
print("dna: ATTGCA ->", "ATTGCA".translate(str.maketrans("ATGC", "TACG"))[::-1])
