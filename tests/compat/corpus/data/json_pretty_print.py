import json

config = {
    "server": {"host": "localhost", "port": 8080},
    "debug": False,
    "features": ["auth", "cache"],
    "limits": {"max_users": 100, "timeout": 2.5},
    "owner": None,
}

text = json.dumps(config, indent=2, sort_keys=True)
print(text)
back = json.loads(text)
print(back == config)
print(json.dumps(config["features"], separators=(",", ":")))
