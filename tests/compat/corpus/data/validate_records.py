import re

records = [
    {"name": "Ann", "email": "ann@example.com", "age": 34},
    {"name": "", "email": "nobody@example", "age": 20},
    {"name": "Carl", "email": "carl@example.com", "age": -5},
    {"name": "Di", "email": "di@ex.io", "age": "forty"},
]

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")


def validate(rec):
    problems = []
    if not rec.get("name"):
        problems.append("name missing")
    if not EMAIL.match(rec.get("email", "")):
        problems.append("bad email")
    age = rec.get("age")
    if not isinstance(age, int):
        problems.append("age not a number")
    elif not 0 <= age <= 130:
        problems.append("age out of range")
    return problems


for i, rec in enumerate(records):
    errs = validate(rec)
    print(i, "OK" if not errs else "; ".join(errs))
