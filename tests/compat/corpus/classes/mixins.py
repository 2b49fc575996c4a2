import json


class JsonMixin:
    def to_json(self):
        return json.dumps(self.__dict__, sort_keys=True)


class ReprMixin:
    def __repr__(self):
        fields = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{self.__class__.__name__}({fields})"


class CompareMixin:
    def __eq__(self, other):
        return type(self) is type(other) and self.__dict__ == other.__dict__


class User(JsonMixin, ReprMixin, CompareMixin):
    def __init__(self, name, email):
        self.name = name
        self.email = email


u = User("ann", "ann@example.com")
print(u)
print(u.to_json())
print(u == User("ann", "ann@example.com"), u == User("bob", "b@x"))
