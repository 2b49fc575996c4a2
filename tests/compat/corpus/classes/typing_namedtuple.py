from typing import NamedTuple


class Employee(NamedTuple):
    name: str
    dept: str
    salary: int = 50000

    def monthly(self) -> float:
        return round(self.salary / 12, 2)


staff = [Employee("Ann", "eng", 120000), Employee("Bob", "ops"), Employee("Cy", "eng", 95000)]
for e in staff:
    print(e, e.monthly())
name, dept, salary = staff[0]
print(name, dept, salary)
print(staff[1]._asdict())
print(staff[2]._replace(salary=99000))
print(Employee._fields, sorted(staff, key=lambda e: e.salary)[0].name)
