"""Where the tests find their data: ``tests/data/``, inside the repository and the sdist.

Each file's source and licence are in ``tests/data/README.md``.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
SEED_PAGE = DATA / "seed" / "firm-page.txt"
SARIF_SCHEMA = DATA / "sarif" / "sarif-schema-2.1.0.json"
BLNS_FILE = DATA / "blns" / "blns.json"


@functools.cache
def blns() -> tuple[str, ...]:
    """The Big List of Naughty Strings (MIT licence beside the file)."""
    strings: list[str] = json.loads(BLNS_FILE.read_text(encoding="utf-8"))
    return tuple(strings)
