def parse_all(items):
    results = []
    for item in items:
        try:
            value = float(item)
        except ValueError:
            print(f"skipping {item!r}")
            continue
        else:
            results.append(value)
            print(f"parsed {item!r}")
        finally:
            print("  checked", item)
    return results


print(parse_all(["1.5", "x", "3", "", "-2e1"]))
