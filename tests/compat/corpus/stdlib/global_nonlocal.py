counter = 0
config = {"debug": False}


def increment():
    global counter
    counter += 1
    return counter


def enable_debug():
    config["debug"] = True


def outer():
    total = 0
    calls = []

    def add(n):
        nonlocal total
        total += n
        calls.append(n)
        return total

    add(5)
    add(10)
    return total, calls


for _ in range(3):
    increment()
enable_debug()
print(counter, config, outer())


def shadow():
    counter = 100
    return counter


print(shadow(), counter)
