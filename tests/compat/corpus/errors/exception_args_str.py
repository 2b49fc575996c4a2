class HttpError(Exception):
    def __init__(self, status, reason):
        super().__init__(status, reason)
        self.status = status
        self.reason = reason

    def __str__(self):
        return f"HTTP {self.status}: {self.reason}"


try:
    raise HttpError(404, "Not Found")
except HttpError as e:
    print(e)
    print(e.args, e.status)
    print(repr(str(e)))

e = ValueError("a", 1)
print(e.args, str(e))
print(str(ValueError()), repr(ValueError("x")))
print(str(KeyError("k")), str(Exception("multi", "args")))
