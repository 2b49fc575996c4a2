class Date:
    def __init__(self, year, month, day):
        self.year, self.month, self.day = year, month, day

    @classmethod
    def from_string(cls, s):
        y, m, d = map(int, s.split("-"))
        return cls(y, m, d)

    @staticmethod
    def is_leap(year):
        return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)

    def __repr__(self):
        return f"{type(self).__name__}({self.year}, {self.month}, {self.day})"


class EuroDate(Date):
    def __str__(self):
        return f"{self.day:02d}/{self.month:02d}/{self.year}"


d = Date.from_string("2024-02-29")
e = EuroDate.from_string("2023-07-04")
print(d, e, str(e))
print(Date.is_leap(2024), Date.is_leap(1900), d.is_leap(2000))
