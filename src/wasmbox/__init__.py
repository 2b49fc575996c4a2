"""wasmbox: run untrusted Python safely and fast, as MicroPython in WebAssembly.

>>> from wasmbox import Sandbox
>>> result = Sandbox().run("print(6 * 7)")
>>> result.stdout
'42\\n'
"""

from .errors import ArtifactError, ConfigError, EngineError, WasmboxError
from .limits import Limits, parse_duration, parse_size
from .result import GuestError, RunResult, RunStatus
from .sandbox import Sandbox

__all__ = [
    "ArtifactError",
    "ConfigError",
    "EngineError",
    "GuestError",
    "Limits",
    "RunResult",
    "RunStatus",
    "Sandbox",
    "WasmboxError",
    "parse_duration",
    "parse_size",
]

__version__ = "0.1.0"
