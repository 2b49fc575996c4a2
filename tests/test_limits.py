from __future__ import annotations

import dataclasses

import pytest

from wasmbox import ConfigError, Limits, WasmboxError, parse_duration, parse_size


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("32M", 32 << 20),
        ("512k", 512 << 10),
        ("1G", 1 << 30),
        ("1GiB", 1 << 30),
        ("1000", 1000),
        ("1.5M", 3 << 19),
        (" 2 m ", 2 << 20),
        (64, 64),
    ],
)
def test_parse_size(text: str | int, expected: int) -> None:
    assert parse_size(text) == expected


@pytest.mark.parametrize("text", ["", "M", "12X", "-1M", "1e9", "lots"])
def test_parse_size_rejects(text: str) -> None:
    with pytest.raises(ConfigError, match="not a size"):
        parse_size(text)


@pytest.mark.parametrize(
    ("text", "expected"), [("2", 2.0), ("2s", 2.0), ("500ms", 0.5), ("1m", 60.0), (1.5, 1.5)]
)
def test_parse_duration(text: str | float, expected: float) -> None:
    assert parse_duration(text) == expected


def test_parse_duration_rejects() -> None:
    with pytest.raises(ConfigError):
        parse_duration("soon")


def test_defaults_are_sensible() -> None:
    limits = Limits()
    assert limits.wall_time == 5.0
    assert limits.memory == 32 << 20
    assert limits.max_output == 1 << 20
    assert limits.max_files_bytes == 16 << 20
    assert limits.max_files == 1000


def test_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Limits().memory = 1  # type: ignore[misc]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"wall_time": 0},
        {"wall_time": -1},
        {"memory": 1 << 20},
        {"memory": 1 << 40},
        {"fuel": 0},
        {"max_output": -1},
        {"max_files": -5},
    ],
)
def test_invalid_limits_raise_config_error(kwargs: dict[str, float]) -> None:
    with pytest.raises(ConfigError) as info:
        Limits(**kwargs)  # type: ignore[arg-type]
    assert isinstance(info.value, WasmboxError) and isinstance(info.value, ValueError)


@pytest.mark.parametrize("memory", [3 << 20, 4 << 20, 8 << 20, 32 << 20, 1 << 30])
def test_heap_fits_inside_memory(memory: int) -> None:
    heap = Limits(memory=memory).heap_size
    assert 1 << 20 <= heap <= memory - (2 << 20)
    assert heap % 65536 == 0
