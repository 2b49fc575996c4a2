import copy

original = {"name": "cfg", "servers": ["a", "b"], "opts": {"retries": 3}}
shallow = copy.copy(original)
deep = copy.deepcopy(original)
original["servers"].append("c")
original["opts"]["retries"] = 5
original["name"] = "changed"
print(shallow)
print(deep)

grid = [[0] * 3] * 2
grid[0][0] = 1
print(grid)
grid2 = [row[:] for row in [[0] * 3] * 2]
grid2[0][0] = 1
print(grid2)


class Node:
    def __init__(self, v):
        self.v = v
        self.children = []


root = Node(1)
root.children.append(Node(2))
clone = copy.deepcopy(root)
clone.children[0].v = 99
print(root.children[0].v, clone.children[0].v)
