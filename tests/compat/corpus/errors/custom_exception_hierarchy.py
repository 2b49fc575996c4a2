class AppError(Exception):
    """Base for application errors."""


class ValidationError(AppError):
    def __init__(self, field, message):
        super().__init__(f"{field}: {message}")
        self.field = field


class NotFoundError(AppError):
    pass


def handle(request):
    if "id" not in request:
        raise ValidationError("id", "is required")
    if request["id"] > 100:
        raise NotFoundError(f"item {request['id']} does not exist")
    return f"item {request['id']}"


for req in [{"id": 5}, {}, {"id": 404}]:
    try:
        print("ok:", handle(req))
    except ValidationError as e:
        print("invalid:", e, "| field =", e.field)
    except AppError as e:
        print(type(e).__name__, "->", e)
print(issubclass(NotFoundError, Exception), ValidationError.__mro__[1].__name__)
