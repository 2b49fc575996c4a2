import re

data = [4, 8, 15, 16, 23, 42]
if (n := len(data)) > 5:
    print(f"list is long ({n} elements)")

stream = iter(["a", "b", "", "c"])
while (item := next(stream)) != "":
    print("item:", item)

text = "Order #1234 shipped, order #987 pending"
if m := re.search(r"#(\d+)", text):
    print("first order:", m.group(1))
print([y for x in data if (y := x * x) > 200])
chunks = []
buf = list(range(10))
while chunk := buf[:3]:
    chunks.append(chunk)
    buf = buf[3:]
print(chunks)
