import re


def camel_to_snake(name):
    s = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s).lower()


def snake_to_camel(name, upper_first=False):
    parts = name.split("_")
    head = parts[0].capitalize() if upper_first else parts[0]
    return head + "".join(p.title() for p in parts[1:])


for n in ["getHTTPResponseCode", "userId", "SimpleXMLParser", "already_snake", "v2Api"]:
    print(n, "->", camel_to_snake(n))
for n in ["user_id", "max_retry_count", "x"]:
    print(n, "->", snake_to_camel(n), snake_to_camel(n, True))
