import configparser

text = """
[DEFAULT]
retries = 3

[server]
host = example.org
port = 8443
secure = yes

[client]
timeout = 2.5
"""

cp = configparser.ConfigParser()
cp.read_string(text)
print(cp.sections())
print(cp.get("server", "host"))
print(cp.getint("server", "port") + 1)
print(cp.getboolean("server", "secure"))
print(cp.getfloat("client", "timeout") * 2)
print(cp["client"]["retries"])
print(sorted(cp["server"].keys()))
