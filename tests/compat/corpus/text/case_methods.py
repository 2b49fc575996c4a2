words = ["Hello", "WORLD", "python", "MiXeD", "Straße", "123abc"]
for w in words:
    print(w, w.upper(), w.lower(), w.swapcase(), w.capitalize(), w.casefold())
print("STRASSE".casefold() == "Straße".casefold())
print("ǅ".isupper(), "abc".islower(), "ABC".isupper(), "Abc".islower())
