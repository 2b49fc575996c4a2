tree = {
    "name": "root",
    "children": [
        {
            "name": "src",
            "children": [{"name": "main.py", "children": []}, {"name": "util.py", "children": []}],
        },
        {"name": "docs", "children": [{"name": "index.md", "children": []}]},
        {"name": "README", "children": []},
    ],
}


def walk(node, depth=0):
    yield depth, node["name"]
    for child in node["children"]:
        yield from walk(child, depth + 1)


def leaves(node, path=()):
    path = path + (node["name"],)
    if not node["children"]:
        yield "/".join(path)
    for c in node["children"]:
        yield from leaves(c, path)


for depth, name in walk(tree):
    print("  " * depth + name)
print(list(leaves(tree)))
