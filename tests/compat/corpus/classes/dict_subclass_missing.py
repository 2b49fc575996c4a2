class DefaultList(dict):
    def __missing__(self, key):
        value = self[key] = []
        return value


class CaseInsensitive(dict):
    def __setitem__(self, key, value):
        super().__setitem__(key.lower(), value)

    def __getitem__(self, key):
        return super().__getitem__(key.lower())

    def __contains__(self, key):
        return super().__contains__(key.lower())


groups = DefaultList()
for word in ["apple", "avocado", "banana", "blueberry", "cherry"]:
    groups[word[0]].append(word)
print(groups)

headers = CaseInsensitive()
headers["Content-Type"] = "text/html"
print(headers["CONTENT-TYPE"], "content-type" in headers, dict(headers))
