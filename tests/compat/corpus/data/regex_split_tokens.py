import re

line = "apples, oranges;bananas  |  kiwis,,grapes ;  melons"
parts = [p for p in re.split(r"\s*[,;|]\s*", line) if p]
print(parts)

expr = "12+ 4*(3 -1)/ 2"
tokens = re.findall(r"\d+|[-+*/()]", expr)
print(tokens)
print(re.split(r"(\d+)", "abc12def345g"))
print(re.sub(r"\s+", " ", "  too    many   spaces ").strip())
print(len(re.findall(r"\b\w+\b", "It's a dog-eat-dog world.")))
