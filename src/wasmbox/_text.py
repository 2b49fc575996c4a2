"""Text a caller hands over, as the UTF-8 bytes the guest reads.

A Python ``str`` can hold what UTF-8 cannot: a lone surrogate, which JSON
lets through (``"\\ud800"``). Encoding it raised ``UnicodeEncodeError`` deep
inside a run, where the service's worker answered 500; it is the caller's
input that is wrong, so it is a :class:`~wasmbox.ConfigError` naming it.
"""

from __future__ import annotations

from .errors import ConfigError

__all__ = ["utf8"]


def utf8(text: str, what: str) -> bytes:
    """``text`` as UTF-8; ConfigError naming ``what`` if it has no UTF-8 form."""
    try:
        return text.encode()
    except UnicodeEncodeError as exc:
        raise ConfigError(
            f"{what} is not valid Unicode text: a lone surrogate at position {exc.start}"
        ) from None
