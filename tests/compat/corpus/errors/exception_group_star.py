def validate(user):
    errors = []
    if not user.get("name"):
        errors.append(ValueError("name is empty"))
    if not isinstance(user.get("age"), int):
        errors.append(TypeError("age must be int"))
    if isinstance(user.get("age"), int) and user["age"] < 0:
        errors.append(ValueError("age is negative"))
    if errors:
        raise ExceptionGroup("invalid user", errors)


for user in [{"name": "ann", "age": 3}, {"name": "", "age": "x"}, {"name": "", "age": -1}]:
    try:
        validate(user)
        print("valid:", user)
    except* ValueError as eg:
        print("value errors:", [str(e) for e in eg.exceptions])
    except* TypeError as eg:
        print("type errors:", [str(e) for e in eg.exceptions])
