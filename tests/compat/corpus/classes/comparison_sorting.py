class Version:
    def __init__(self, text):
        self.parts = tuple(int(p) for p in text.split("."))
        self.text = text

    def __eq__(self, other):
        return self.parts == other.parts

    def __lt__(self, other):
        return self.parts < other.parts

    def __repr__(self):
        return f"v{self.text}"


versions = [Version(v) for v in ["1.10.0", "1.2.3", "1.2.10", "0.9", "1.2.3", "2.0"]]
print(sorted(versions))
print(max(versions), min(versions))
print(Version("1.0") == Version("1.0"), Version("1.0") < Version("1.0.1"))
print(sorted(versions, reverse=True)[:2])
