class Stack:
    def __init__(self):
        self._data = []

    def push(self, x):
        self._data.append(x)

    def pop(self):
        if not self._data:
            raise IndexError("pop from empty stack")
        return self._data.pop()

    def peek(self):
        return self._data[-1]

    def __len__(self):
        return len(self._data)


class Queue:
    def __init__(self):
        self._in, self._out = Stack(), Stack()

    def enqueue(self, x):
        self._in.push(x)

    def dequeue(self):
        if not len(self._out):
            while len(self._in):
                self._out.push(self._in.pop())
        return self._out.pop()


def evaluate_rpn(tokens):
    s = Stack()
    ops = {
        "+": lambda a, b: a + b,
        "-": lambda a, b: a - b,
        "*": lambda a, b: a * b,
        "/": lambda a, b: a / b,
    }
    for t in tokens.split():
        if t in ops:
            b, a = s.pop(), s.pop()
            s.push(ops[t](a, b))
        else:
            s.push(float(t))
    return s.pop()


q = Queue()
for i in range(4):
    q.enqueue(i)
print([q.dequeue() for _ in range(4)])
print(evaluate_rpn("3 4 + 2 *"), evaluate_rpn("5 1 2 + 4 * + 3 -"))
try:
    Stack().pop()
except IndexError as e:
    print(e)
