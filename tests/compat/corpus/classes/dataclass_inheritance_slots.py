from dataclasses import dataclass, field


@dataclass
class Person:
    name: str
    age: int


@dataclass
class Employee(Person):
    company: str = "ACME"
    skills: list[str] = field(default_factory=list)

    @property
    def is_senior(self) -> bool:
        return self.age >= 40 or len(self.skills) > 3


staff = [
    Employee("Ann", 45, skills=["python"]),
    Employee("Bob", 28, "Globex", ["go", "sql", "k8s", "rust"]),
    Employee("Cy", 31),
]
for e in staff:
    print(e, e.is_senior)
print(
    isinstance(staff[0], Person),
    staff[1] == Employee("Bob", 28, "Globex", ["go", "sql", "k8s", "rust"]),
)
