from dataclasses import dataclass, field


@dataclass
class Team:
    name: str
    members: list = field(default_factory=list)
    scores: dict = field(default_factory=dict)

    def add(self, person, score=0):
        self.members.append(person)
        self.scores[person] = score


a = Team("red")
b = Team("blue")
a.add("ann", 5)
a.add("bob", 3)
b.add("cy")
print(a)
print(b)
print(a.members is b.members)
