class Gadget:
    """A small gadget."""

    category = "tools"

    def __init__(self, name, weight):
        self.name = name
        self.weight = weight

    def heavy(self):
        return self.weight > 1


g = Gadget("drill", 1.8)
print(g.__class__.__name__, Gadget.__name__, Gadget.__doc__)
print(vars(g))
print(g.__dict__["name"], getattr(g, "category"))
setattr(g, "color", "red")
print(sorted(vars(g)))
methods = [n for n in dir(Gadget) if not n.startswith("_")]
print(methods)
print(callable(getattr(g, "heavy")), g.heavy())
delattr(g, "color")
print(hasattr(g, "color"))
