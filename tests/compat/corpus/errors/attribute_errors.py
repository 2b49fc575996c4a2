class User:
    def __init__(self, name):
        self.name = name


u = User("ann")
for attr in ["name", "email", "upper"]:
    try:
        print(attr, "=", getattr(u, attr))
    except AttributeError:
        print(attr, "-> missing")

try:
    None.strip()
except AttributeError as e:
    print("AttributeError on None:", type(e).__name__)

value = [1, 2]
try:
    value.push(3)
except AttributeError:
    print("lists have append, not push")
print(getattr("text", "upper")(), getattr(u, "age", 0))
