class Book:
    def __init__(self, title, author, pages):
        self.title = title
        self.author = author
        self.pages = pages

    def __str__(self):
        return f"{self.title} by {self.author}"

    def __repr__(self):
        return f"Book({self.title!r}, {self.author!r}, {self.pages})"

    def is_long(self):
        return self.pages > 400


shelf = [Book("Dune", "Frank Herbert", 412), Book("Emma", "Jane Austen", 320)]
for b in shelf:
    print(b)
    print(repr(b), b.is_long())
print(shelf)
print(str(shelf[0]) == f"{shelf[0]}")
