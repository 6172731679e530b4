"""Garbage collection in a ``pozo-site`` process: less often, as mypy runs it.

A check keeps nearly everything it makes (the modules its rules import, every cache
entry, every file's facts) and makes almost no reference cycles. CPython's default
starts a young collection every 2,000 net allocations, and each of those, and the older
collections they lead to, walks objects that all survive: measured on a pre-commit run
in a folder of 10,000 articles (one changed file, cache warm), 42 collections took 30 to
42 ms of a 0.46 s run and freed about 400 objects; on a cold run of 5,000 articles in
one process, 52 collections freed 441 objects in all.

:func:`collect_less_often` sets mypy's thresholds (``gc.set_threshold(200 * 1000, 30,
30)``, "as otherwise we can spend a large fraction of cpu in gc"). Only the console
script calls it (:func:`pozo_site.cli.run`: the process runs one command and exits;
``pozo-site server`` is one command too, a long one, and keeps these thresholds as mypy's
daemon does), not :func:`pozo_site.cli.main`, so a program or a test that calls ``main``
keeps its own collector. Putting the old thresholds back at the end of a command would
cost more than it saves: the allocations counted meanwhile start a full young and middle
collection at once (17 ms on that pre-commit run). Collection still runs, only less often: cycles
are freed, later. Only on CPython, whose collector these thresholds are for.
"""

from __future__ import annotations

import gc
import sys
from typing import Final

__all__ = ["THRESHOLDS", "collect_less_often"]

THRESHOLDS: Final = (200_000, 30, 30)
"""The collector's thresholds in a ``pozo-site`` process (mypy's)."""


def collect_less_often() -> None:
    """Set :data:`THRESHOLDS` (see the module docstring)."""
    if sys.implementation.name == "cpython":
        gc.set_threshold(*THRESHOLDS)
