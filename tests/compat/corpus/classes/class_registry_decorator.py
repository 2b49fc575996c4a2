HANDLERS = {}


def register(kind):
    def wrap(cls):
        HANDLERS[kind] = cls
        cls.kind = kind
        return cls

    return wrap


@register("csv")
class CsvHandler:
    def handle(self, data):
        return data.split(",")


@register("lines")
class LineHandler:
    def handle(self, data):
        return data.splitlines()


def process(kind, data):
    handler = HANDLERS[kind]()
    return f"{type(handler).__name__}[{handler.kind}] -> {handler.handle(data)}"


print(process("csv", "a,b,c"))
print(process("lines", "x\ny"))
print(sorted(HANDLERS))
