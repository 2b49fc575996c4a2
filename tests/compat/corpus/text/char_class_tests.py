samples = ["123", "12.5", "abc", "abc123", "   ", "", "ABC", "Title Case", "½", "٣", "x_y"]
print(f"{'text':>12} alpha digit numer decim alnum space upper ident")
for s in samples:
    flags = [
        s.isalpha(),
        s.isdigit(),
        s.isnumeric(),
        s.isdecimal(),
        s.isalnum(),
        s.isspace(),
        s.isupper(),
        s.isidentifier(),
    ]
    print(f"{s!r:>12} " + " ".join(f"{str(f)[0]:>5}" for f in flags))
print("hello".isascii(), "héllo".isascii(), "Hi\n".isprintable())
