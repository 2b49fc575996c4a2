pairs = [
    (KeyError, LookupError),
    (IndexError, LookupError),
    (ZeroDivisionError, ArithmeticError),
    (FileNotFoundError, OSError),
    (ValueError, Exception),
    (KeyboardInterrupt, Exception),
    (StopIteration, Exception),
    (UnicodeDecodeError, ValueError),
    (RecursionError, RuntimeError),
    (NotImplementedError, RuntimeError),
    (ModuleNotFoundError, ImportError),
    (bool, int),
]
for sub, sup in pairs:
    print(f"{sub.__name__:<20} {sup.__name__:<16} {issubclass(sub, sup)}")
print(BaseException in KeyError.__mro__)
