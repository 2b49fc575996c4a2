s = "the cat sat on the mat with the hat"
print(s.count("the"), s.count("at"), s.count("the", 5))
print(s.find("cat"), s.find("dog"), s.rfind("the"), s.find("the", 1))
print(s.index("mat"))
try:
    s.index("dog")
except ValueError:
    print("no dog")
positions = []
start = 0
while (i := s.find("at", start)) != -1:
    positions.append(i)
    start = i + 1
print(positions)
print(s.rindex("at"), s.count(""), "at" in s)
