"""The adversarial suite's tally: hostile cases per category, worst time and memory.

Tests that feed hostile input call :func:`record`; ``tests/conftest.py`` prints the tally
at the end of the run, so the counts are in the test output (issue 13). The figures are
what this run measured on this machine; the tests assert ratios, never these numbers.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Tally:
    """What one category of hostile input saw."""

    cases: int = 0
    worst_seconds: float = 0.0
    worst_case: str = ""
    worst_bytes: int = 0
    worst_bytes_case: str = ""


TALLIES: dict[str, Tally] = {}


def record(
    category: str,
    cases: int = 1,
    *,
    seconds: float | None = None,
    peak_bytes: int | None = None,
    case: str = "",
) -> None:
    """Count ``cases`` hostile inputs under ``category``, with what one took, if measured."""
    tally = TALLIES.setdefault(category, Tally())
    tally.cases += cases
    if seconds is not None and seconds > tally.worst_seconds:
        tally.worst_seconds, tally.worst_case = seconds, case
    if peak_bytes is not None and peak_bytes > tally.worst_bytes:
        tally.worst_bytes, tally.worst_bytes_case = peak_bytes, case


def summary() -> list[str]:
    """The tally as lines, one per category, sorted by name."""
    lines = []
    for name in sorted(TALLIES):
        tally = TALLIES[name]
        line = f"{name}: {tally.cases} cases"
        if tally.worst_case:
            line += f"; worst time {tally.worst_seconds * 1000:.1f} ms ({tally.worst_case})"
        if tally.worst_bytes_case:
            line += (
                f"; worst peak memory {tally.worst_bytes / 1e6:.1f} MB ({tally.worst_bytes_case})"
            )
        lines.append(line)
    return lines
