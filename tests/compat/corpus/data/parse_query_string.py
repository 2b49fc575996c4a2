from urllib.parse import parse_qs, unquote, urlencode, urlparse

url = "https://shop.example.com/search?q=red%20shoes&size=42&size=43&sort=price&page=2"
parts = urlparse(url)
print(parts.scheme, parts.netloc, parts.path)

params = parse_qs(parts.query)
for key in sorted(params):
    print(key, params[key])

manual = {}
for pair in parts.query.split("&"):
    k, _, v = pair.partition("=")
    manual.setdefault(k, []).append(unquote(v))
print(manual == params)
print(urlencode({"q": "blue hat", "page": 3}))
