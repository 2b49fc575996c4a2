# Helpers shared by the overlay modules in /lib (guest code: runs in MicroPython).
import sys


def builtin(name):
    """The built-in MicroPython module `name`, even when an overlay file shadows it."""
    saved = sys.path
    sys.path = []
    try:
        mod = sys.modules.pop(name, None)
        try:
            return __import__(name)
        finally:
            if mod is not None:
                sys.modules[name] = mod
    finally:
        sys.path = saved
