import json
from datetime import date, datetime


def encode(obj):
    if isinstance(obj, (date, datetime)):
        return obj.isoformat()
    if isinstance(obj, set):
        return sorted(obj)
    raise TypeError(f"cannot serialize {type(obj).__name__}")


event = {
    "title": "Launch",
    "when": datetime(2024, 7, 4, 18, 30),
    "day": date(2024, 7, 4),
    "tags": {"b", "a", "c"},
}
print(json.dumps(event, default=encode))
try:
    json.dumps({"x": object()}, default=encode)
except TypeError as e:
    print("error:", e)
