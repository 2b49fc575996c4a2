from collections import ChainMap

defaults = {"theme": "light", "lang": "en", "font": 12}
env = {"lang": "fr"}
cli = {"font": 14}
settings = ChainMap(cli, env, defaults)
print(settings["theme"], settings["lang"], settings["font"])
print(len(settings), sorted(settings))
settings["theme"] = "dark"
print(cli, defaults["theme"])
child = settings.new_child({"lang": "de"})
print(child["lang"], settings["lang"], len(child.maps))
print(dict(settings))
