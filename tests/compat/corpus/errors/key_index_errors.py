data = {"name": "Ann", "langs": ["py", "go"]}
try:
    print(data["email"])
except KeyError as e:
    print("KeyError:", e, repr(e), e.args)

try:
    print(data["langs"][5])
except IndexError as e:
    print("IndexError:", e)

try:
    [].pop()
except IndexError as e:
    print("pop:", e)

try:
    {}.popitem()
except KeyError as e:
    print("popitem:", e)

for key in ["name", "age"]:
    try:
        value = data[key]
    except LookupError as e:
        print("lookup failed for", e)
    else:
        print("found", value)
