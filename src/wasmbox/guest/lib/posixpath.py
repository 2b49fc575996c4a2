# posixpath is os.path (/lib/os/path.py), which registers itself as
# sys.modules['posixpath'] when it loads. Only an `import posixpath` that comes
# before any use of os.path runs this file: it binds a copy of the names.
from os.path import *  # noqa: F401,F403
from os.path import _fs  # noqa: F401
