class TransientError(Exception):
    pass


attempts_log = []


def unreliable(counter=[0]):
    counter[0] += 1
    if counter[0] < 4:
        raise TransientError(f"attempt {counter[0]} failed")
    return "success"


def retry(fn, max_attempts=5, base_delay=0.1):
    delay = base_delay
    for attempt in range(1, max_attempts + 1):
        try:
            return fn()
        except TransientError as e:
            attempts_log.append(f"{e}; would wait {delay:.1f}s")
            delay *= 2
    raise RuntimeError("gave up")


print(retry(unreliable))
print("\n".join(attempts_log))
try:
    retry(lambda: (_ for _ in ()).throw(TransientError("always")), max_attempts=2)
except RuntimeError as e:
    print("RuntimeError:", e)
