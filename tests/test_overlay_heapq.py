"""The heapq overlay against CPython 3.11."""

from __future__ import annotations

import pytest

from cpython import reference_outputs
from wasmbox import Sandbox

SNIPPETS = {
    "n-smallest-largest": "import heapq\nd = [5, 1, 8, 3, 9, 2]\nprint(heapq.nsmallest(3, d), heapq.nlargest(2, d), heapq.nlargest(0, d))",
    "key-and-ties": "import heapq\nw = ['bb', 'a', 'cc', 'd', 'eee']\nprint(heapq.nlargest(3, w, key=len), heapq.nsmallest(2, w, key=len))",
    "push-pop": "import heapq\nh = []\nfor x in [4, 1, 7, 3]:\n    heapq.heappush(h, x)\nprint([heapq.heappop(h) for _ in range(4)])",
    "pushpop-replace": "import heapq\nh = [1, 3, 5]\nprint(heapq.heappushpop(h, 0), heapq.heappushpop(h, 4), heapq.heapreplace(h, 9), sorted(h))",
    "merge": "import heapq\nprint(list(heapq.merge([1, 4, 7], [2, 5], [3])), list(heapq.merge([7, 4], [5, 2], reverse=True)))",
    "tuples": "import heapq\ntasks = [(3, 'c'), (1, 'a'), (2, 'b')]\nheapq.heapify(tasks)\nprint(heapq.heappop(tasks), heapq.nsmallest(1, tasks))",
}


@pytest.fixture(scope="module")
def reference() -> dict[str, str]:
    return reference_outputs(SNIPPETS)


@pytest.mark.parametrize("key", SNIPPETS)
def test_same_stdout_as_cpython(sandbox: Sandbox, reference: dict[str, str], key: str) -> None:
    result = sandbox.run(SNIPPETS[key])
    assert result.ok, result.stderr
    assert result.stdout == reference[key]
