import heapq

scores = [42, 7, 19, 88, 3, 56, 23, 91, 15]
print(heapq.nlargest(3, scores), heapq.nsmallest(3, scores))
heap = []
for s in scores:
    heapq.heappush(heap, s)
print([heapq.heappop(heap) for _ in range(4)])
data = scores[:]
heapq.heapify(data)
print(data[0], heapq.heappushpop(data, 1), heapq.heapreplace(data, 100), data[0])
tasks = [(3, "low"), (1, "urgent"), (2, "normal"), (1, "also urgent")]
heapq.heapify(tasks)
while tasks:
    print(heapq.heappop(tasks))
people = [{"n": "a", "age": 40}, {"n": "b", "age": 22}, {"n": "c", "age": 35}]
print([p["n"] for p in heapq.nsmallest(2, people, key=lambda p: p["age"])])
print(list(heapq.merge([1, 4, 9], [2, 3, 10])))
