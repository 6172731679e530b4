"""Benchmark: the ``PhoneNumber`` and ``import pozo_site`` targets, beside their yardsticks.

Run by hand (never part of the test suite), after ``pip install -e ".[dev,bench]"``::

    python benchmarks/bench_phone.py [--rounds 9] [--imports 11]

It prints one row per target of issue 11 (items 5 and 8), each measured in the same run
as its yardstick by :mod:`phone_figures` (interleaved rounds, medians):

- a number seen before: ``PhoneNumber.parse`` against pydantic-extra-types'
  ``PhoneNumber`` through a ``TypeAdapter``, at least 20x faster;
- a number never seen before: ``PhoneNumber.parse`` against ``phonenumbers.parse`` +
  ``is_valid_number`` + ``format_number`` called directly, at most 1.1x;
- ``import pozo_site`` against ``import pydantic, phonenumbers``, at most 1.3x; and, for
  information, ``from pozo_site import PhoneNumber`` (and ``FirmProfile``) against the
  same yardstick.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run from anywhere

from phone_figures import import_figures, phone_figures
from pozo_site._phone import _parse_cached

Row = tuple[str, str, str, str, str, str]


def rows(phone: dict[str, float], imports: dict[str, float]) -> list[Row]:
    """The table's rows: case, pozo-site, yardstick, ratio, target, met."""
    seen = phone["pet_seen"] / phone["ours_seen"]
    new = phone["ours_new"] / phone["raw_new"]
    base = imports["import_base"]
    table: list[Row] = [
        (
            "PhoneNumber, seen before",
            f"{phone['ours_seen'] * 1e6:.2f} us",
            f"pydantic-extra-types: {phone['pet_seen'] * 1e6:.2f} us",
            f"{seen:.0f}x faster",
            ">= 20x faster",
            "yes" if seen >= 20 else "NO",
        ),
        (
            "PhoneNumber, never seen",
            f"{phone['ours_new'] * 1e6:.2f} us",
            f"phonenumbers parse+valid+format: {phone['raw_new'] * 1e6:.2f} us",
            f"{new:.2f}x",
            "<= 1.1x",
            "yes" if new <= 1.1 else "NO",
        ),
        (
            "import pozo_site",
            f"{imports['import_ours'] * 1e3:.1f} ms",
            f"import pydantic, phonenumbers: {base * 1e3:.1f} ms",
            f"{imports['import_ours'] / base:.2f}x",
            "<= 1.3x",
            "yes" if imports["import_ours"] / base <= 1.3 else "NO",
        ),
    ]
    for key, case in (
        ("import_phone", "from pozo_site import PhoneNumber"),
        ("import_phone_firm", "... PhoneNumber, FirmProfile"),
    ):
        ratio = imports[key] / base
        table.append((case, f"{imports[key] * 1e3:.1f} ms", "(same)", f"{ratio:.2f}x", "", ""))
    return table


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9, help="phone rounds per median")
    parser.add_argument("--imports", type=int, default=11, help="interpreters per import median")
    args = parser.parse_args(argv)
    table = rows(phone_figures(args.rounds), import_figures(args.imports))
    headers: Row = ("case", "pozo-site", "yardstick, same run", "ratio", "target", "met")
    widths = [max(len(r[i]) for r in [headers, *table]) for i in range(6)]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    print(line.format(*headers))
    print(line.format(*("-" * w for w in widths)))
    for row in table:
        print(line.format(*row).rstrip())
    info = _parse_cached.cache_info()
    print(f"\nphone cache: {info.hits} hits, {info.misses} misses, maxsize {info.maxsize}")
    print("per-call figures: CPU time of this process; import figures: wall time, each in a")
    print("new interpreter, timed inside it; medians of interleaved rounds.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
