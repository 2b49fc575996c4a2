"""heapq: the built-in heappush/heappop/heapify, plus what MicroPython lacks:
heappushpop, heapreplace, nlargest, nsmallest (with key=, stable like CPython)
and merge (with key= and reverse=). Not supported: the _max variants.
"""
import _wasmbox

_h = _wasmbox.builtin('heapq')
heappush = _h.heappush
heappop = _h.heappop
heapify = _h.heapify


def heappushpop(heap, item):
    if heap and heap[0] < item:
        item, heap[0] = heap[0], item
        heapify(heap)
    return item


def heapreplace(heap, item):
    if not heap:
        raise IndexError('index out of range')
    top = heap[0]
    heap[0] = item
    heapify(heap)
    return top


def nsmallest(n, iterable, key=None):
    # sorted() is stable here (wasmbox's runtime), as CPython's result is.
    return sorted(iterable, key=key)[:max(n, 0)]


def nlargest(n, iterable, key=None):
    return sorted(iterable, key=key, reverse=True)[:max(n, 0)]


def merge(*iterables, key=None, reverse=False):
    items = []
    for it in iterables:
        items.extend(it)
    return iter(sorted(items, key=key, reverse=reverse))
