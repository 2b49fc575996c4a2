import re

raw = [
    "(555) 123-4567",
    "555.123.4567",
    "555-123-4567",
    "+1 555 123 4567",
    "5551234567",
    "123-45",
]

for number in raw:
    digits = re.sub(r"\D", "", number)
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10:
        print(f"{number!r}: invalid")
        continue
    formatted = re.sub(r"(\d{3})(\d{3})(\d{4})", r"(\1) \2-\3", digits)
    print(f"{number!r} -> {formatted}")
