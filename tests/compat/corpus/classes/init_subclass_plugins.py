class Plugin:
    registry = {}

    def __init_subclass__(cls, name=None, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.plugin_name = name or cls.__name__.lower()
        Plugin.registry[cls.plugin_name] = cls

    def run(self):
        return f"running {self.plugin_name}"


class Compress(Plugin, name="zip"):
    pass


class Encrypt(Plugin):
    def run(self):
        return super().run() + " with AES"


for name, cls in Plugin.registry.items():
    print(name, cls.__name__, cls().run())
