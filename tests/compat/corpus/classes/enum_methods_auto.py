from enum import Enum, IntEnum, auto


class Status(Enum):
    PENDING = auto()
    ACTIVE = auto()
    CLOSED = auto()

    def can_edit(self):
        return self in (Status.PENDING, Status.ACTIVE)

    @classmethod
    def parse(cls, text):
        return cls[text.upper()]


class Priority(IntEnum):
    LOW = 1
    MEDIUM = 2
    HIGH = 3


for s in Status:
    print(s.name, s.value, s.can_edit())
print(Status.parse("closed"))
print(Priority.HIGH > Priority.LOW, Priority.MEDIUM + 1, sorted([Priority.HIGH, Priority.LOW]))
print(max(Priority).name)
