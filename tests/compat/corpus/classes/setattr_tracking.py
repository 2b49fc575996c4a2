class Tracked:
    def __init__(self):
        object.__setattr__(self, "changes", [])

    def __setattr__(self, name, value):
        self.changes.append((name, value))
        object.__setattr__(self, name, value)

    def __delattr__(self, name):
        self.changes.append((name, "<deleted>"))
        object.__delattr__(self, name)


t = Tracked()
t.x = 1
t.y = "two"
t.x = 3
del t.y
print(t.changes)
print(t.x, hasattr(t, "y"))
