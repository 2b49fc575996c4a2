class FieldError(Exception):
    def __init__(self, field, msg):
        self.field, self.msg = field, msg
        super().__init__(f"{field}: {msg}")


def check(form):
    errs = []
    rules = {
        "username": lambda v: len(v) >= 3 or "too short",
        "password": lambda v: any(c.isdigit() for c in v) or "needs a digit",
        "email": lambda v: "@" in v or "missing @",
    }
    for field, rule in rules.items():
        try:
            outcome = rule(form[field])
            if outcome is not True:
                raise FieldError(field, outcome)
        except KeyError:
            errs.append(FieldError(field, "required"))
        except FieldError as e:
            errs.append(e)
    return errs


for form in [
    {"username": "ann", "password": "abc1", "email": "a@b"},
    {"username": "al", "password": "secret"},
]:
    problems = check(form)
    print("valid" if not problems else [str(p) for p in problems])
