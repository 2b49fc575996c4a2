from dataclasses import dataclass, field


@dataclass(order=True)
class Task:
    priority: int
    name: str = field(compare=False)
    done: bool = field(default=False, compare=False)


tasks = [Task(3, "write docs"), Task(1, "fix bug"), Task(2, "review PR"), Task(1, "deploy")]
for t in sorted(tasks):
    print(t.priority, t.name)
print(Task(1, "a") == Task(1, "b"), Task(2, "x") > Task(1, "y"))
print(min(tasks))
