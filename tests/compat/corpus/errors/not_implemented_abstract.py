class Exporter:
    def export(self, data):
        raise NotImplementedError(f"{type(self).__name__} must implement export()")


class CsvExporter(Exporter):
    def export(self, data):
        return "\n".join(",".join(map(str, row)) for row in data)


class XmlExporter(Exporter):
    pass


rows = [(1, "a"), (2, "b")]
for exp in (CsvExporter(), XmlExporter()):
    try:
        print(exp.export(rows))
    except NotImplementedError as e:
        print("NotImplementedError:", e)


class Shape:
    def __eq__(self, other):
        return NotImplemented


print(Shape() == Shape(), NotImplemented is not None)
