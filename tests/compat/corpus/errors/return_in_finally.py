def swallow():
    try:
        raise ValueError("lost")
    finally:
        return "finally wins"


def order():
    log = []
    try:
        log.append("try")
        return log
    finally:
        log.append("finally")


def nested():
    try:
        try:
            raise KeyError("inner")
        finally:
            print("inner finally")
    except KeyError as e:
        print("handled", e)
    finally:
        print("outer finally")


print(swallow())
print(order())
nested()
