"""Benchmark: the whole check of 1 MB hostile files beside a 1 MB ordinary article.

Run by hand (never part of the test suite): ``python benchmarks/bench_hostile.py``. For
each hostile case (the worst inputs of issue 13, one or more per rule family) it writes
a 1 MB file, checks it in a fresh folder (phone cache cold) and prints the time, the peak
memory (``tracemalloc``) and the ratio to a 1 MB ordinary article (prose with numbers,
links and headings). The figures are in ``docs/security.md``.
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from pozo_site.check import Config, check_paths
from pozo_site.check._rules import phone

SIZE = 1_000_000
FRONT = "---\ntitle: T\nslug: t\ndate: 2024-01-01\n---\n"
PARAGRAPH = (
    "In 2021 the agency received 1,204 requests and answered few of them; see "
    "[the guide](guide.md) or call 212-555-0100. Families facing these issues in New "
    "York have options, and the report of 2021-03-04 explains why in 42 pages.\n\n"
)


def _body(unit: str) -> Callable[[], dict[str, str]]:
    return lambda: {"a.md": FRONT + unit * (SIZE // len(unit))}


CASES: dict[str, Callable[[], dict[str, str]]] = {
    "ordinary article": lambda: {
        "a.md": FRONT + "".join(f"## Part {i}\n\n{PARAGRAPH}" for i in range(SIZE // 320))
    },
    "F: front matter of many keys": lambda: {
        "a.md": FRONT[:-4] + "".join(f"k{i}: 1\n" for i in range(SIZE // 8)) + "---\n"
    },
    "S: TOML firm, 80k non-ASCII keys": lambda: {
        "firm.toml": "name = 'x'\n"
        + "".join(f'"\u043a\u043b\u044e\u0447{i}" = 1\n' for i in range(SIZE // 12))
    },
    "P: a line of digits": _body("1"),
    "P: (212) repeated": _body("(212) "),
    "L: ]( and blanks": lambda: {"a.md": FRONT + "](" + " " * SIZE + "x"},
    "L: [a]( repeated": _body("[a]("),
    "L: [ repeated": _body("["),
    "D: dates": _body("2024-01-01 "),
    "A: unclosed <img": _body("<img"),
    "A: ![ repeated": _body("!["),
    "C: compliance words": _body("specialist best "),
    "H: zero-width spaces": _body("1\u200b"),
    "code spans: `` `": _body("`` ` "),
    "comments: <!--": _body("<!--"),
}


def measure(files: dict[str, str]) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as folder:
        for name, text in files.items():
            (Path(folder) / name).write_text(text, "utf-8")
        phone._window_matches.cache_clear()
        started = time.perf_counter()
        check_paths([Path(folder)], Config(max_file_bytes=4 * SIZE))
        elapsed = time.perf_counter() - started
        phone._window_matches.cache_clear()
        tracemalloc.start()
        check_paths([Path(folder)], Config(max_file_bytes=4 * SIZE))
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return elapsed, peak


def main() -> None:
    baseline = None
    print(f"{'case (1 MB)':36s} {'seconds':>8s} {'x ordinary':>10s} {'peak MB':>8s}")
    for name, make in CASES.items():
        elapsed, peak = measure(make())
        baseline = baseline or elapsed
        print(f"{name:36s} {elapsed:8.2f} {elapsed / baseline:10.1f} {peak / 1e6:8.1f}")


if __name__ == "__main__":
    main()
