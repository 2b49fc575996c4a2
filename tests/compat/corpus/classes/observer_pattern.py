class EventBus:
    def __init__(self):
        self._subs = {}

    def subscribe(self, event, fn):
        self._subs.setdefault(event, []).append(fn)
        return lambda: self._subs[event].remove(fn)

    def emit(self, event, *args):
        results = []
        for fn in list(self._subs.get(event, [])):
            results.append(fn(*args))
        return results


bus = EventBus()
log = []
unsub = bus.subscribe("order", lambda oid: log.append(f"email for {oid}") or "emailed")
bus.subscribe("order", lambda oid: f"stock updated for {oid}")
print(bus.emit("order", 17))
unsub()
print(bus.emit("order", 18))
print(bus.emit("unknown"))
print(log)
