class Resource:
    log = []

    def __init__(self, name):
        self.name = name

    def __enter__(self):
        Resource.log.append(f"open {self.name}")
        return self

    def __exit__(self, exc_type, exc, tb):
        Resource.log.append(f"close {self.name} ({exc_type.__name__ if exc_type else 'ok'})")
        return exc_type is KeyError


with Resource("db") as r:
    Resource.log.append(f"using {r.name}")

with Resource("cache"):
    raise KeyError("missing")

try:
    with Resource("file"), Resource("lock"):
        raise ValueError("boom")
except ValueError as e:
    Resource.log.append(f"caught {e}")

print("\n".join(Resource.log))
