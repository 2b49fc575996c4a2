rows = ["name\tqty\tprice", "apple\t3\t1.20", "watermelon\t1\t4.50"]
for r in rows:
    print(r.expandtabs(12))
for r in rows:
    print(r.expandtabs(4) + "|")
print(repr("a\tb".expandtabs()))
