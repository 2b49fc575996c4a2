class ConfigError(Exception):
    pass


def load_port(settings):
    try:
        return int(settings["port"])
    except KeyError as e:
        raise ConfigError("port is missing") from e
    except ValueError as e:
        raise ConfigError(f"port must be a number, got {settings['port']!r}") from e


for s in [{"port": "8080"}, {}, {"port": "eighty"}]:
    try:
        print("port:", load_port(s))
    except ConfigError as e:
        print("ConfigError:", e)
        print("  caused by:", type(e.__cause__).__name__, e.__cause__)

try:
    try:
        raise ValueError("inner")
    except ValueError:
        raise RuntimeError("outer") from None
except RuntimeError as e:
    print(e, e.__cause__, e.__suppress_context__)
