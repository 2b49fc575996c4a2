import csv

lines = [
    "id,title,authors,year",
    '1,"Dune","Herbert, Frank",1965',
    '2,"The ""Hobbit""","Tolkien, J.R.R.",1937',
    '3,Neuromancer,"Gibson, William",1984',
]

reader = csv.reader(lines)
header = next(reader)
books = [dict(zip(header, row)) for row in reader]
for b in books:
    last, first = b["authors"].split(", ")
    print(f"{b['title']} ({b['year']}) by {first} {last}")
print(sorted(int(b["year"]) for b in books))
