text = """
; sample config
[database]
host = db.local
port = 5432
user = admin

[cache]
enabled = true
ttl = 300

[empty]
"""

config = {}
section = None
for raw in text.splitlines():
    line = raw.strip()
    if not line or line.startswith((";", "#")):
        continue
    if line.startswith("[") and line.endswith("]"):
        section = line[1:-1]
        config[section] = {}
    elif "=" in line and section is not None:
        key, value = (p.strip() for p in line.split("=", 1))
        if value.isdigit():
            value = int(value)
        elif value.lower() in ("true", "false"):
            value = value.lower() == "true"
        config[section][key] = value

for sec, values in config.items():
    print(f"[{sec}]", values)
print(config["database"]["port"] + 1)
