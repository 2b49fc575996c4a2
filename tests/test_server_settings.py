"""Settings of ``wasmbox serve`` (``server/settings.py``): files, defaults and refusals.

The end-to-end path (a file given to a real server, bad files as exit 64)
is in ``test_server_process.py``; these are the rules themselves.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wasmbox.errors import ConfigError
from wasmbox.server.settings import ServiceSettings, load_settings


def settings_from(tmp_path: Path, text: str) -> ServiceSettings:
    path = tmp_path / "wasmbox.toml"
    path.write_text(text)
    return load_settings(path)


def test_long_runs_give_way_after_4_ms_by_default() -> None:
    assert ServiceSettings().yield_after == 0.004


@pytest.mark.parametrize(
    ("value", "seconds"), [('"10ms"', 0.01), ('"1s"', 1.0), ("0.25", 0.25), ('"off"', None)]
)
def test_yield_after_is_a_duration_or_off(
    tmp_path: Path, value: str, seconds: float | None
) -> None:
    assert settings_from(tmp_path, f"[service]\nyield_after = {value}\n").yield_after == seconds


@pytest.mark.parametrize("value", ['"soon"', "0", "-1", "true", "[1]", '"-5ms"', "inf", "nan"])
def test_a_yield_after_that_is_not_a_positive_duration_is_refused(
    tmp_path: Path, value: str
) -> None:
    with pytest.raises(ConfigError, match="yield_after"):
        settings_from(tmp_path, f"[service]\nyield_after = {value}\n")
