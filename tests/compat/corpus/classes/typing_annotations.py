from typing import Dict, List, Optional, Tuple, Union


def parse_pairs(text: str) -> Dict[str, int]:
    result: Dict[str, int] = {}
    for part in text.split(","):
        key, value = part.split("=")
        result[key.strip()] = int(value)
    return result


def find(items: List[str], target: str) -> Optional[int]:
    return items.index(target) if target in items else None


def stats(values: List[float]) -> Tuple[float, float]:
    return min(values), max(values)


def describe(x: Union[int, str]) -> str:
    return f"int {x}" if isinstance(x, int) else f"str {x!r}"


print(parse_pairs("a=1, b=2, c=30"))
print(find(["x", "y"], "y"), find(["x"], "z"))
print(stats([3.5, -1.0, 8.25]))
print(describe(5), describe("5"))
print(parse_pairs.__annotations__["return"])
