population = 7_951_000_000
print(f"{population:,}", f"{population:_}", f"{population:.3e}")
for n in [999, 1_500, 2_340_000, 7_800_000_000, 1_200_000_000_000]:
    for div, suffix in ((10**12, "T"), (10**9, "B"), (10**6, "M"), (10**3, "K"), (1, "")):
        if n >= div:
            print(n, "->", f"{n / div:.1f}{suffix}")
            break


def human_bytes(b):
    for unit in ["B", "KiB", "MiB", "GiB", "TiB"]:
        if b < 1024:
            return f"{b:.1f} {unit}"
        b /= 1024
    return f"{b:.1f} PiB"


print([human_bytes(x) for x in (512, 2048, 5_000_000, 3 * 1024**4)])
