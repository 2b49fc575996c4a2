"""Python source that runs *inside* MicroPython. Never imported as host code."""

from __future__ import annotations

import hashlib
from importlib import resources

#: The program every instance boots with (``micropython -c BOOTSTRAP``).
BOOTSTRAP = (resources.files(__name__) / "bootstrap.py").read_text()
#: The build derives which functions Asyncify instruments from the bootstrap's
#: call structure, so the built artifact is keyed by it.
BOOTSTRAP_SHA256 = hashlib.sha256(BOOTSTRAP.encode()).hexdigest()
