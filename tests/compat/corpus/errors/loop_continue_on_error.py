rows = ["10,20", "5,x", "7", "1,2,3", "8,4", "9,0"]
ok, bad = [], []
for i, row in enumerate(rows):
    try:
        a, b = row.split(",")
        ok.append(int(a) // int(b))
    except ValueError as e:
        bad.append((i, "ValueError"))
        continue
    except ZeroDivisionError:
        bad.append((i, "ZeroDivisionError"))
        continue
    print(f"row {i} ok")
print(ok)
print(bad)
