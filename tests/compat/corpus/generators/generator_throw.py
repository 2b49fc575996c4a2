def worker():
    processed = 0
    while True:
        try:
            item = yield processed
            print("processing", item)
            processed += 1
        except ValueError as e:
            print("worker recovered from:", e)


w = worker()
next(w)
w.send("job-1")
print(w.throw(ValueError("bad input")))
w.send("job-2")
w.close()
try:
    w.send("job-3")
except StopIteration:
    print("worker is closed")
