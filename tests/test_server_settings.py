"""Settings of ``wasmbox serve`` (``server/settings.py``): files, defaults and refusals.

The end-to-end path (a file given to a real server, bad files as exit 64)
is in ``test_server_process.py``; these are the rules themselves.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from wasmbox.errors import ConfigError
from wasmbox.server.settings import ServiceSettings, load_settings


def settings_from(tmp_path: Path, text: str) -> ServiceSettings:
    path = tmp_path / "wasmbox.toml"
    path.write_text(text)
    return load_settings(path)


def test_long_runs_give_way_after_1_ms_by_default() -> None:
    assert ServiceSettings().yield_after == 0.001


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


def test_as_many_spare_workers_as_workers_by_default_and_none_without_yielding() -> None:
    settings = ServiceSettings(workers=3)
    assert settings.spares == 3
    assert ServiceSettings(workers=3, yield_after=None).spares == 0
    assert ServiceSettings(workers=3, spare_workers=1).spares == 1
    # A default follows the settings it depends on, also in a copy.
    assert dataclasses.replace(settings, workers=5).spares == 5
    assert dataclasses.replace(settings, yield_after=None).spares == 0


def test_spare_workers_come_from_the_file(tmp_path: Path) -> None:
    text = "[service]\nworkers = 2\nspare_workers = 5\n"
    settings = settings_from(tmp_path, text)
    assert (settings.workers, settings.spares) == (2, 5)
    assert settings_from(tmp_path, "[service]\nworkers = 2\n").spares == 2


@pytest.mark.parametrize("value", [-1, 1.5, True, "2"])
def test_spare_workers_that_are_not_a_count_are_refused(value: object) -> None:
    with pytest.raises(ConfigError, match="spare_workers"):
        ServiceSettings(spare_workers=value)  # type: ignore[arg-type]


def test_the_metrics_token_comes_from_the_file_and_is_long_enough(tmp_path: Path) -> None:
    assert ServiceSettings().metrics_token is None  # /metrics answers this machine only
    token = "t" * 32
    assert settings_from(tmp_path, f'[service]\nmetrics_token = "{token}"\n').metrics_token == token
    for bad in ('"short"', "12345678901234567890"):
        with pytest.raises(ConfigError, match="metrics_token"):
            settings_from(tmp_path, f"[service]\nmetrics_token = {bad}\n")


def test_the_metrics_token_may_come_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WASMBOX_METRICS_TOKEN", "e" * 20)
    assert load_settings().metrics_token == "e" * 20
    # A file that sets one wins; so does a flag.
    assert (
        settings_from(tmp_path, f'[service]\nmetrics_token = "{"f" * 20}"\n').metrics_token
        == "f" * 20
    )
    monkeypatch.setenv("WASMBOX_METRICS_TOKEN", "")
    assert load_settings().metrics_token is None
