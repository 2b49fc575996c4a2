def safe_divide(a, b):
    try:
        return a / b
    except ZeroDivisionError as e:
        print(f"cannot divide {a} by {b}: {e}")
        return None


print(safe_divide(10, 4))
print(safe_divide(1, 0))
try:
    print(5 // 0)
except ZeroDivisionError as e:
    print("floor division:", e)
try:
    print(5 % 0)
except ZeroDivisionError as e:
    print("modulo:", e)
try:
    1.5 / 0
except ArithmeticError as e:
    print(type(e).__name__, "caught as ArithmeticError")
