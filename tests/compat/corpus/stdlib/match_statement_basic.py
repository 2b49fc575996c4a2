def http_status(code):
    match code:
        case 200 | 201:
            return "success"
        case 301 | 302:
            return "redirect"
        case 404:
            return "not found"
        case c if 500 <= c < 600:
            return "server error"
        case _:
            return "unknown"


for c in [200, 201, 302, 404, 503, 418]:
    print(c, http_status(c))


def command(text):
    match text.split():
        case ["go", direction]:
            return f"moving {direction}"
        case ["take", *items] if items:
            return f"taking {', '.join(items)}"
        case ["quit" | "exit"]:
            return "bye"
        case []:
            return "empty"
        case _:
            return f"unknown: {text!r}"


for t in ["go north", "take sword shield", "take", "exit", "", "dance now"]:
    print(command(t))
