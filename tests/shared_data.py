"""Where the tests find the workplace's shared data (``../shared`` beside the repository)."""

from __future__ import annotations

import functools
import json
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED_PAGE = SHARED / "seed" / "firm-page.txt"
SARIF_SCHEMA = SHARED / "data" / "sarif" / "sarif-schema-2.1.0.json"
BLNS_FILE = SHARED / "data" / "blns" / "blns.json"


@functools.cache
def blns() -> tuple[str, ...]:
    """The Big List of Naughty Strings (MIT licence beside the file)."""
    strings: list[str] = json.loads(BLNS_FILE.read_text(encoding="utf-8"))
    return tuple(strings)
