"""Python source that runs *inside* MicroPython. Never imported as host code."""

from __future__ import annotations

import hashlib
from importlib import resources
from typing import Any

#: The program every instance boots with (``micropython -c BOOTSTRAP``).
BOOTSTRAP = (resources.files(__name__) / "bootstrap.py").read_text()
#: The build derives which functions Asyncify instruments from the bootstrap's
#: call structure, so the built artifact is keyed by it.
BOOTSTRAP_SHA256 = hashlib.sha256(BOOTSTRAP.encode()).hexdigest()


def browser_files() -> dict[str, bytes]:
    """The browser worker's own guest modules (``browser/``), added to its ``/lib``.

    The official MicroPython WebAssembly build gets the same overlay as the
    WASI engine plus these: the runner that ``web/src/worker.js`` calls.
    """
    root = resources.files(__name__) / "browser"
    return {c.name: c.read_bytes() for c in root.iterdir() if c.name.endswith(".py")}


def overlay_files() -> dict[str, bytes]:
    """The guest standard-library overlay, mounted read-only at ``/lib`` in every run.

    Modules MicroPython lacks (or lacks parts of), written in the Python
    MicroPython runs; first on ``sys.path`` after the workspace.
    """
    root = resources.files(__name__) / "lib"
    out: dict[str, bytes] = {}

    def walk(node: Any, prefix: str) -> None:
        for child in node.iterdir():
            if child.is_dir():
                if child.name != "__pycache__":
                    walk(child, prefix + child.name + "/")
            elif child.name.endswith((".py", ".mpy")):
                out[prefix + child.name] = child.read_bytes()

    if root.is_dir():
        walk(root, "")
    return out
