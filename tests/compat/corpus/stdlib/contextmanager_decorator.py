from contextlib import contextmanager

events = []


@contextmanager
def tag(name):
    events.append(f"<{name}>")
    try:
        yield name.upper()
    finally:
        events.append(f"</{name}>")


@contextmanager
def transaction(store):
    snapshot = dict(store)
    try:
        yield store
    except Exception as e:
        store.clear()
        store.update(snapshot)
        events.append(f"rollback: {e}")


with tag("html") as t:
    with tag("body"):
        events.append(f"content in {t}")
print("".join(events))

events.clear()
db = {"balance": 100}
with transaction(db) as s:
    s["balance"] -= 30
with transaction(db) as s:
    s["balance"] -= 500
    raise ValueError("overdraft")
print(db, events)
