class Config:
    def __init__(self, **values):
        self._values = values

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(f"no setting {name!r}") from None


cfg = Config(host="localhost", port=8080)
print(cfg.host, cfg.port)
print(getattr(cfg, "debug", False))
print(hasattr(cfg, "host"), hasattr(cfg, "missing"))
try:
    cfg.timeout
except AttributeError as e:
    print("AttributeError:", e)
