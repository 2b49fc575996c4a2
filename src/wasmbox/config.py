"""Configuration of a served sandbox (``wasmbox mcp``), from a TOML file and command-line flags.

Everything defaults to the least access: no mounts, no environment, no host
functions, no network. What a file or flag grants is checked as it is read:
a mount must be a real directory that is neither the filesystem root, nor a
system directory, nor the user's home directory or an ancestor of it (any of
those would hand a model the machine's secrets by accident); host functions
are named by import path and must import and be callable. Example::

    [limits]
    wall_time = "5s"
    memory = "64M"
    fuel = "off"          # or a number of fuel units

    [mounts]
    "/data" = "/srv/datasets/sales"

    [env]
    REPORT_YEAR = "2026"

    [functions]
    lookup_customer = "myapp.tools:lookup_customer"

    [fetch]
    allow = ["https://api.github.com/repos/*"]
    methods = ["GET"]
    timeout = "5s"

    [sessions]
    max = 8
    idle_timeout = "10m"
"""

from __future__ import annotations

import importlib
import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .capabilities.fetch import FetchPolicy
from .errors import ConfigError
from .limits import Limits, parse_duration, parse_size

__all__ = [
    "ServeConfig",
    "check_mount_source",
    "fetch_from_mapping",
    "limits_from_mapping",
    "load_config",
    "resolve_function",
]

#: Host directories never mounted, whatever is asked: they hold the machine's secrets.
_SYSTEM = frozenset({"/", "/etc", "/root", "/proc", "/sys", "/dev", "/boot", "/var", "/usr", "/bin",
                     "/lib", "/home", "/tmp"})  # fmt: skip
#: ...nor anything inside these.
_SYSTEM_TREES = ("/etc/", "/root/", "/proc/", "/sys/", "/dev/", "/boot/")


@dataclass(frozen=True, slots=True)
class ServeConfig:
    """What a served sandbox grants, all in one place."""

    limits: Limits = field(default_factory=Limits)
    mounts: Mapping[str, str] = field(default_factory=dict)
    env: Mapping[str, str] = field(default_factory=dict)
    functions: Mapping[str, str] = field(default_factory=dict)
    fetch: FetchPolicy | None = None
    max_sessions: int = 8
    idle_timeout: float = 600.0

    def sandbox_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for :class:`wasmbox.Sandbox`."""
        return {
            "limits": self.limits,
            "mounts": dict(self.mounts),
            "env": dict(self.env),
            "functions": {name: resolve_function(path) for name, path in self.functions.items()},
            "fetch": self.fetch,
            "max_sessions": self.max_sessions,
        }


def check_mount_source(path: str) -> str:
    """``path`` resolved, or :class:`ConfigError` if mounting it would expose the host."""
    real = Path(path).expanduser().resolve()
    if not real.is_dir():
        raise ConfigError(f"mount source {path!r} is not a directory")
    home = Path.home().resolve()
    text = str(real)
    if text in _SYSTEM or text.startswith(_SYSTEM_TREES):
        raise ConfigError(f"refusing to mount {path!r}: it is a system directory")
    if real == home or real in home.parents:
        raise ConfigError(f"refusing to mount {path!r}: it is the home directory or holds it")
    return text


def resolve_function(path: str) -> Callable[..., Any]:
    """The callable at ``"package.module:name"``."""
    module_name, sep, attr = path.partition(":")
    if not sep or not module_name or not attr:
        raise ConfigError(f"host functions are 'module:name', not {path!r}")
    try:
        obj: Any = importlib.import_module(module_name)
        for part in attr.split("."):
            obj = getattr(obj, part)
    except (ImportError, AttributeError) as exc:
        raise ConfigError(f"cannot import host function {path!r}: {exc}") from exc
    if not callable(obj):
        raise ConfigError(f"host function {path!r} is not callable")
    return obj  # type: ignore[no-any-return]


def load_config(path: str | os.PathLike[str] | None, **overrides: Any) -> ServeConfig:
    """A :class:`ServeConfig` from a TOML file (or defaults), then ``overrides`` (flags)."""
    data: dict[str, Any] = {}
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config {path}: {exc}") from exc
    unknown = set(data) - {"limits", "mounts", "env", "functions", "fetch", "sessions"}
    if unknown:
        raise ConfigError(f"unknown config sections: {', '.join(sorted(unknown))}")
    config = ServeConfig(
        limits=limits_from_mapping(_table(data, "limits")),
        mounts={
            point: check_mount_source(str(src)) for point, src in _table(data, "mounts").items()
        },
        env={str(k): str(v) for k, v in _table(data, "env").items()},
        functions={str(k): str(v) for k, v in _table(data, "functions").items()},
        fetch=fetch_from_mapping(_table(data, "fetch")) if "fetch" in data else None,
        **_sessions(_table(data, "sessions")),
    )
    if overrides.get("mounts"):
        added = {p: check_mount_source(src) for p, src in overrides["mounts"].items()}
        config = replace(config, mounts={**config.mounts, **added})
    if overrides.get("env"):
        config = replace(config, env={**config.env, **overrides["env"]})
    if overrides.get("functions"):
        config = replace(config, functions={**config.functions, **overrides["functions"]})
    if overrides.get("limits"):
        config = replace(config, limits=replace(config.limits, **overrides["limits"]))
    if overrides.get("fetch_allow"):
        base = config.fetch or FetchPolicy()
        config = replace(
            config, fetch=replace(base, allow=(*base.allow, *overrides["fetch_allow"]))
        )
    if overrides.get("max_sessions") is not None:
        config = replace(config, max_sessions=overrides["max_sessions"])
    return config


def _table(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, Mapping):
        raise ConfigError(f"[{key}] must be a table")
    return value


_LIMIT_KEYS = {
    "wall_time": parse_duration,
    "memory": parse_size,
    "max_output": parse_size,
    "max_files_bytes": parse_size,
    "max_value": parse_size,
}


def _sessions(table: Mapping[str, Any]) -> dict[str, Any]:
    """``[sessions]``: ``max`` and ``idle_timeout``, nothing else (a typo was ignored)."""
    unknown = set(table) - {"max", "idle_timeout"}
    if unknown:
        raise ConfigError(f"unknown [sessions] settings: {', '.join(sorted(unknown))}")
    try:
        most = table.get("max", 8)
        whole = not isinstance(most, bool | float) or float(most).is_integer()
        count = int(most) if whole and not isinstance(most, bool) else -1
        if count < 0:
            raise ValueError(f"max is a whole number of 0 or more, not {most!r}")
        idle = parse_duration(str(table.get("idle_timeout", "600s")))
    except (TypeError, ValueError, OverflowError) as exc:
        raise ConfigError(f"[sessions] {exc}") from exc
    return {"max_sessions": count, "idle_timeout": idle}


def limits_from_mapping(table: Mapping[str, Any], *, where: str = "limits") -> Limits:
    """:class:`Limits` from a TOML table, sizes and durations in human form."""
    if not isinstance(table, Mapping):
        raise ConfigError(f"[{where}] must be a table")
    kwargs: dict[str, Any] = {}
    for key, value in table.items():
        try:
            if key in _LIMIT_KEYS:
                kwargs[key] = _LIMIT_KEYS[key](str(value))
            elif key == "fuel":
                kwargs[key] = parse_fuel(value)
            elif key in ("max_files", "max_calls"):
                if isinstance(value, bool):
                    raise ValueError("a whole number, not true or false")
                kwargs[key] = int(value)
            else:
                raise ConfigError(f"unknown limit {key!r}")
        except (TypeError, ValueError, OverflowError) as exc:
            if isinstance(exc, ConfigError):
                raise
            raise ConfigError(f"[{where}] {key}: {exc}") from exc
    return Limits(**kwargs)


def parse_fuel(value: object) -> int | None:
    """A fuel budget: units (``1e9``, ``500M``), or ``off``; ConfigError otherwise."""
    text = str(value)
    if isinstance(value, bool):  # TOML's true became 1 unit of fuel
        raise ConfigError("fuel is a number of units or 'off', not true or false")
    if text.lower() in ("off", "none"):
        return None
    try:
        return int(parse_size(text))
    except ConfigError:
        try:
            return int(float(text))
        except (ValueError, OverflowError):
            raise ConfigError(f"fuel is a number of units or 'off', not {text!r}") from None


def fetch_from_mapping(table: Mapping[str, Any], *, where: str = "fetch") -> FetchPolicy:
    """:class:`FetchPolicy` from a TOML table (sizes and durations in human form)."""
    if not isinstance(table, Mapping):
        raise ConfigError(f"[{where}] must be a table")
    kwargs: dict[str, Any] = {}
    for key, value in table.items():
        try:
            if key in ("allow", "methods", "headers"):
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise ConfigError(f"[{where}] {key} is a list of strings, not {value!r}")
                kwargs[key] = tuple(value) if key == "allow" else frozenset(value)
            elif key == "timeout":
                kwargs[key] = parse_duration(str(value))
            elif key in ("max_request_bytes", "max_response_bytes"):
                kwargs[key] = parse_size(str(value))
            elif key in ("max_redirects",):
                kwargs[key] = int(value)
            elif key in ("allow_private",):
                if not isinstance(value, bool):
                    raise ConfigError(f"[{where}] allow_private is true or false")
                kwargs[key] = value
            elif key == "add_headers":
                kwargs[key] = {str(k): str(v) for k, v in dict(value).items()}
            elif key == "origin_headers":
                kwargs[key] = {
                    str(origin): {str(k): str(v) for k, v in dict(headers).items()}
                    for origin, headers in dict(value).items()
                }
            else:
                raise ConfigError(f"unknown fetch setting {key!r}")
        except (TypeError, ValueError) as exc:
            if isinstance(exc, ConfigError):
                raise
            raise ConfigError(f"[{where}] {key}: {exc}") from exc
    return FetchPolicy(**kwargs)
