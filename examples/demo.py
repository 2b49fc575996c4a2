"""A tour of wasmbox: friendly code, hostile code, and what comes back."""

from __future__ import annotations

import time

from wasmbox import Limits, Sandbox

PROGRAMS = {
    "friendly": "import json\nrows = [{'n': i, 'sq': i * i} for i in range(4)]\nprint(json.dumps(rows))",
    "guest exception": "def parse(s):\n    return int(s)\n\nparse('forty-two')",
    "infinite loop": "while True:\n    pass",
    "sleeps forever": "import time\ntime.sleep(3600)",
    "eats memory": "hog = []\nwhile True:\n    hog.append('x' * 100_000)",
    "floods stdout": "while True:\n    print('spam ' * 20)",
    "escapes the fs": "print(open('../../../etc/passwd').read())",
    "reads host env": "import os\nprint('HOME =', os.getenv('HOME'), '| PATH =', os.getenv('PATH'))",
    "writes files": "import os\nos.mkdir('out')\nopen('out/report.txt', 'w').write('42 rows')\nprint(os.listdir('out'))",
}


def main() -> None:
    sandbox = Sandbox(Limits(wall_time=1.0, memory=16 << 20, max_output=4096))
    for name, code in PROGRAMS.items():
        result = sandbox.run(code)
        line = result.stdout.strip().splitlines()[0][:60] if result.stdout.strip() else ""
        print(f"{name:16s} -> {result.status.value:13s} {result.duration_ms:8.1f} ms  {line}")
        if result.error:
            print(f"{'':16s}    {result.error.summary}")
        if result.files:
            print(f"{'':16s}    files: {result.files}")

    runs = 500
    started = time.perf_counter()
    for _ in range(runs):
        sandbox.run("print(1 + 1)")
    per_run = (time.perf_counter() - started) / runs * 1000
    print(f"\n{runs} fresh, isolated runs of print(1 + 1): {per_run:.3f} ms each")


if __name__ == "__main__":
    main()
