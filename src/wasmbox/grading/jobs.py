"""Batches as files: submissions in JSON Lines in, one result line each out, and a summary.

An input line is ``{"id": ..., "code": "...", "cases": [...]}``; ``cases`` may be
left out when the batch has cases shared by every submission (``--cases``). A
line that is not such an object, or whose cases are malformed, is reported with
its line number and skipped: one bad line never stops a batch of a million.

An output line is ``{"id": ..., "verdict": ..., "passed": n, "total": m,
"cases": [...], "duration_ms": ...}``, or ``{"id": ..., "error": "..."}`` for
a submission that could not be graded at all (its worker died on it twice).
"""

from __future__ import annotations

import collections
import contextlib
import json
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import ConfigError
from .batch import Graded, Job
from .cases import Case, parse_cases
from .grader import Verdict

__all__ = ["Malformed", "Summary", "output_line", "read_jobs"]


@dataclass(frozen=True, slots=True)
class Malformed:
    """An input line that cannot be graded, and why."""

    line: int
    reason: str


def read_jobs(
    lines: Iterable[str], shared: Sequence[Mapping[str, Any] | Case] | None = None
) -> Iterator[Job | Malformed]:
    """Each non-blank line as a :class:`Job`, or :class:`Malformed` with its number."""
    if shared is not None:  # checked once, not on every line (a bad one is each line's error)
        with contextlib.suppress(ConfigError):
            shared = parse_cases(shared)
    for number, text in enumerate(lines, 1):
        if not text.strip():
            continue
        try:
            yield _job(text, shared)
        except (ValueError, RecursionError) as exc:  # JSONDecodeError and ConfigError too
            yield Malformed(number, str(exc) or type(exc).__name__)


def _job(text: str, shared: Sequence[Mapping[str, Any] | Case] | None) -> Job:
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ConfigError("a line is a JSON object with 'id', 'code' and 'cases'")
    unknown = set(data) - {"id", "code", "cases"}
    if unknown:
        raise ConfigError(f"unknown keys: {', '.join(sorted(unknown))}")
    code = data.get("code")
    if not isinstance(code, str):
        raise ConfigError("'code' must be a string")
    cases = data.get("cases")
    if cases is None:
        if shared is None:
            raise ConfigError("no 'cases' here and no shared cases (--cases)")
        cases = shared
    elif not isinstance(cases, list):
        raise ConfigError("'cases' must be a list")
    # Checked now, so that a bad case is this line's error; the job carries the checked
    # cases, so that a worker does not check (and parse) them again.
    return Job(data.get("id"), code, parse_cases(cases))


def output_line(graded: Graded) -> str:
    """The result line of one graded job."""
    if graded.result is None:
        return json.dumps({"id": graded.job.id, "error": graded.error})
    return json.dumps({"id": graded.job.id, **graded.result.to_dict()})


@dataclass
class Summary:
    """What a batch came to: verdict counts, the pass rate, the time it took."""

    started: float = field(default_factory=time.monotonic)
    verdicts: collections.Counter[str] = field(default_factory=collections.Counter)
    malformed: int = 0
    failed: int = 0
    elapsed: float = 0.0

    def add(self, graded: Graded) -> None:
        if graded.result is None:
            self.failed += 1
        else:
            self.verdicts[graded.result.verdict.value] += 1

    @property
    def graded(self) -> int:
        return sum(self.verdicts.values())

    @property
    def pass_rate(self) -> float:
        return self.verdicts[Verdict.ACCEPTED.value] / self.graded if self.graded else 0.0

    def finish(self) -> Summary:
        self.elapsed = time.monotonic() - self.started
        return self

    def to_dict(self) -> dict[str, Any]:
        """The ``--json`` form."""
        return {
            "graded": self.graded,
            "malformed": self.malformed,
            "failed": self.failed,
            "verdicts": {v.value: self.verdicts[v.value] for v in Verdict},
            "pass_rate": round(self.pass_rate, 6),
            "seconds": round(self.elapsed, 3),
            "per_second": round(self.graded / self.elapsed, 1) if self.elapsed else None,
        }
