import string

print(string.ascii_lowercase)
print(string.ascii_uppercase)
print(string.digits, string.hexdigits, string.octdigits)
print(string.punctuation)
print(len(string.printable), repr(string.whitespace))
print(string.capwords("hello   wonderful world"))
pw = "Tr0ub4dor&3"
checks = {
    "lower": any(c in string.ascii_lowercase for c in pw),
    "upper": any(c in string.ascii_uppercase for c in pw),
    "digit": any(c in string.digits for c in pw),
    "symbol": any(c in string.punctuation for c in pw),
}
print(checks)
