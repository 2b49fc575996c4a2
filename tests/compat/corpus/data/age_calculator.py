from datetime import date

people = {"Ana": date(1990, 6, 15), "Ben": date(2000, 2, 29), "Cy": date(1985, 12, 31)}
today = date(2024, 6, 14)


def age_on(born, when):
    years = when.year - born.year
    if (when.month, when.day) < (born.month, born.day):
        years -= 1
    return years


for name, born in people.items():
    print(f"{name}: born {born:%d/%m/%Y}, age {age_on(born, today)}")

oldest = min(people, key=people.get)
print("oldest:", oldest)
print("days lived by Ana:", (today - people["Ana"]).days)
