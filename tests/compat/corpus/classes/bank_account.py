class InsufficientFunds(Exception):
    pass


class Account:
    interest = 0.02

    def __init__(self, owner, balance=0):
        self.owner = owner
        self._balance = balance
        self.history = []

    @property
    def balance(self):
        return self._balance

    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self._balance += amount
        self.history.append(("deposit", amount))

    def withdraw(self, amount):
        if amount > self._balance:
            raise InsufficientFunds(f"{self.owner} has only {self._balance}")
        self._balance -= amount
        self.history.append(("withdraw", amount))

    def add_interest(self):
        self.deposit(round(self._balance * self.interest, 2))


class Savings(Account):
    interest = 0.05


acc = Savings("ann", 100)
acc.deposit(50)
acc.withdraw(30)
acc.add_interest()
print(acc.balance, acc.history)
try:
    acc.withdraw(1000)
except InsufficientFunds as e:
    print("denied:", e)
try:
    acc.balance = 5
except AttributeError:
    print("balance is read-only")
