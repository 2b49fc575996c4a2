import traceback


def level3():
    raise ValueError("deep problem")


def level2():
    level3()


def level1():
    level2()


try:
    level1()
except ValueError as e:
    lines = traceback.format_exception_only(type(e), e)
    print("".join(lines).strip())
    tb = traceback.extract_tb(e.__traceback__)
    print([frame.name for frame in tb])
    print(len(traceback.format_exc().splitlines()) > 3)
