"""Benchmark: PhoneNumber.parse with its bounded cache, against the uncached work.

Run by hand (never part of the test suite): ``python benchmarks/bench_phone.py``.
Three variants run side by side, interleaved, on the same inputs:

- baseline: what every parse would cost without the cache (phonenumbers.parse, validity
  check and the formats PhoneNumber computes), via the uncached internal function;
- cached: PhoneNumber.parse as content checks call it, the same few texts over and over;
- raw phonenumbers.parse alone, for scale.

It prints the median time per parse of each and the ratio to the baseline.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import phonenumbers

from pozo_site import PhoneNumber
from pozo_site._phone import _parse_cached, _parse_uncached

TEXTS = [
    "(212) 201-9031",
    "212-201-9031",
    "1-88-VISA-LAW-1",
    "+1 888 472 5291",
    "tel:+1-212-555-0123;ext=12",
    "212-555-0142 x7",
]
ROUNDS = 15
PER_ROUND = 2_000


def time_per_call(function: Callable[[str], object]) -> float:
    started = time.perf_counter()
    for index in range(PER_ROUND):
        function(TEXTS[index % len(TEXTS)])
    return (time.perf_counter() - started) / PER_ROUND


def main() -> None:
    variants: dict[str, Callable[[str], object]] = {
        "baseline (uncached parse)": lambda text: _parse_uncached(text, "US"),
        "PhoneNumber.parse (cached)": PhoneNumber.parse,
        "phonenumbers.parse only": lambda text: phonenumbers.parse(text, "US"),
    }
    samples: dict[str, list[float]] = {name: [] for name in variants}
    _parse_cached.cache_clear()
    for _ in range(ROUNDS):  # interleave so that machine noise hits every variant alike
        for name, function in variants.items():
            samples[name].append(time_per_call(function))
    baseline = statistics.median(samples["baseline (uncached parse)"])
    print(f"{'variant':<30} {'median us/parse':>16} {'vs baseline':>12}")
    for name, values in samples.items():
        median = statistics.median(values)
        print(f"{name:<30} {median * 1e6:>16.2f} {median / baseline:>11.3f}x")
    info = _parse_cached.cache_info()
    print(f"cache: {info.hits} hits, {info.misses} misses, maxsize {info.maxsize}")


if __name__ == "__main__":
    main()
