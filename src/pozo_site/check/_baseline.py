"""Baselines: the findings a site already had, recorded so that only new ones are reported.

``pozo-site check --write-baseline FILE`` records every current finding; ``--baseline
FILE`` then reports only findings that are not in it. A finding is recorded by a
*fingerprint* that does not hold its line or column, so that lines added above it do
not make it new: the rule code, the file (relative to the baseline file's folder), the
text the finding marks and the text of its line around it (blanks collapsed). A finding
without a place in a readable text (a file that cannot be read) is fingerprinted by its
message. Identical findings in one file (the same number twice on one line) are counted:
a baseline with two lets two through, and a third is new.

A finding that was fixed simply no longer matches its entry; the entry is dropped the
next time the baseline is written. The file is JSON, sorted and indented, one entry per
fingerprint, written atomically::

    {
      "version": 1,
      "findings": [
        {"code": "C003", "path": "content/articles/a.md", "fingerprint": "9f2c...",
         "count": 1, "text": "We specialize in"}
      ]
    }

``text`` is for the person reading a diff of the baseline; only ``code``, ``path``,
``fingerprint`` and ``count`` are compared.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from pozo_site._atomic import atomic_write
from pozo_site._errors import BaselineError
from pozo_site.check._finding import Finding
from pozo_site.check._source import Source

__all__ = [
    "BASELINE_VERSION",
    "Baseline",
    "BaselineError",
    "BaselineFilter",
    "apply_baseline",
    "fingerprint",
]

BASELINE_VERSION: Final = 1
_TEXT_LIMIT: Final = 60
_BLANKS: Final = re.compile(r"\s+")
_HEX: Final = re.compile(r"[0-9a-f]{16}")


Key = tuple[str, str, str]
"""``(path, code, fingerprint)``."""


def _marked(finding: Finding, source: Source | None) -> tuple[str, str]:
    """``(marked text, its line)`` of ``finding`` in ``source``; empty when it has no place."""
    if source is None or not source.text or finding.line > len(source.line_starts):
        return "", ""
    starts = source.line_starts
    start = starts[finding.line - 1] + finding.column - 1
    if finding.end_line is not None and finding.end_column is not None:
        end_line = min(finding.end_line, len(starts))
        end = starts[end_line - 1] + finding.end_column - 1
    else:
        end = starts[finding.line - 1] + len(source.line_text(finding.line))
    return source.text[start : max(start, end)], source.line_text(finding.line)


def fingerprint(finding: Finding, source: Source | None) -> tuple[str, str]:
    """``(fingerprint, marked text)`` of ``finding``: a 16-digit hex digest of its code,
    the text it marks and the line around it, none of which move when lines are added
    above it (the path is kept beside it, not in it)."""
    marked, line = _marked(finding, source)
    if marked or line:
        parts = [finding.code, _BLANKS.sub(" ", marked).strip(), _BLANKS.sub(" ", line).strip()]
    else:
        parts = [finding.code, "message", finding.message]
    digest = hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return digest[:16], _BLANKS.sub(" ", marked).strip()


def _relative(display: str, folder: Path) -> str:
    """A finding's path relative to the baseline's folder, with ``/``."""
    absolute = Path(os.path.abspath(display))
    try:
        return Path(os.path.relpath(absolute, folder)).as_posix()
    except ValueError:  # pragma: no cover - another drive on Windows
        return absolute.as_posix()


@dataclass(frozen=True)
class Baseline:
    """Recorded findings: how many of each ``(path, code, fingerprint)``."""

    counts: Mapping[Key, int]
    texts: Mapping[Key, str]

    @classmethod
    def of(
        cls, findings: Iterable[Finding], sources: Mapping[str, Source], folder: Path
    ) -> Baseline:
        """The baseline of ``findings`` for a file in ``folder``."""
        counts: Counter[Key] = Counter()
        texts: dict[Key, str] = {}
        for finding in findings:
            digest, marked = fingerprint(finding, sources.get(finding.path))
            key = (_relative(finding.path, folder), finding.code, digest)
            counts[key] += 1
            texts.setdefault(key, marked[:_TEXT_LIMIT])
        return cls(dict(counts), texts)

    def to_json(self) -> str:
        """The file's text: sorted entries, two-space indents, a final newline."""
        entries = [
            {
                "code": code,
                "path": path,
                "fingerprint": digest,
                "count": self.counts[(path, code, digest)],
                "text": self.texts.get((path, code, digest), ""),
            }
            for path, code, digest in sorted(self.counts)
        ]
        data = {"version": BASELINE_VERSION, "findings": entries}
        return json.dumps(data, indent=2, ensure_ascii=True) + "\n"

    def write(self, path: Path) -> None:
        """Write the baseline to ``path`` atomically. Raises ``OSError``."""
        atomic_write(path, self.to_json().encode("utf-8"))

    @classmethod
    def read(cls, path: Path) -> Baseline:
        """The baseline in the file at ``path``. Raises :class:`BaselineError`."""
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise BaselineError(
                "no such baseline file (write one with --write-baseline)", path=path
            ) from None
        except OSError as error:
            raise BaselineError(f"cannot read: {error.strerror or error}", path=path) from None
        except UnicodeDecodeError:
            raise BaselineError("the file is not UTF-8 text", path=path) from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise BaselineError(
                f"not JSON: {error.msg} at line {error.lineno}, column {error.colno}", path=path
            ) from None
        return cls._parse(data, path)

    @classmethod
    def _parse(cls, data: Any, path: Path) -> Baseline:
        if not isinstance(data, dict) or "findings" not in data:
            raise BaselineError(
                "not a pozo-site baseline: expected an object with 'version' and 'findings'",
                path=path,
            )
        if data.get("version") != BASELINE_VERSION:
            raise BaselineError(
                f"baseline version {data.get('version')!r} is not supported (this pozo-site "
                f"reads version {BASELINE_VERSION}); write it again with --write-baseline",
                path=path,
            )
        entries = data["findings"]
        if not isinstance(entries, list):
            raise BaselineError("'findings' must be a list", path=path)
        counts: dict[Key, int] = {}
        texts: dict[Key, str] = {}
        for number, entry in enumerate(entries, start=1):
            key, count = cls._entry(entry, number, path)
            counts[key] = counts.get(key, 0) + count
            text = entry.get("text")
            texts[key] = text if isinstance(text, str) else ""
        return cls(counts, texts)

    @staticmethod
    def _entry(entry: Any, number: int, path: Path) -> tuple[Key, int]:
        where = f"finding {number}"
        if not isinstance(entry, dict):
            raise BaselineError(f"{where} must be an object", path=path)
        for name in ("code", "path", "fingerprint"):
            if not isinstance(entry.get(name), str) or not entry[name]:
                raise BaselineError(f"{where}: '{name}' must be a non-empty string", path=path)
        if not _HEX.fullmatch(entry["fingerprint"]):
            raise BaselineError(f"{where}: 'fingerprint' must be 16 hex digits", path=path)
        count = entry.get("count", 1)
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise BaselineError(f"{where}: 'count' must be a whole number from 1", path=path)
        return (entry["path"], entry["code"], entry["fingerprint"]), count


@dataclass(frozen=True)
class BaselineFilter:
    """What a baseline leaves of a run's findings."""

    kept: tuple[Finding, ...]
    """The findings not in the baseline (sorted, as they came)."""
    known: int
    """How many findings the baseline matched and left out."""
    stale: int
    """How many recorded findings of the files checked no longer occur (fixed, or their
    text changed); entries of files the run did not check are not counted."""


def apply_baseline(
    baseline: Baseline,
    findings: Iterable[Finding],
    sources: Mapping[str, Source],
    folder: Path,
) -> BaselineFilter:
    """Leave out of ``findings`` those ``baseline`` records (a file in ``folder``): for
    each fingerprint, as many as it counts, the first ones in order."""
    left = dict(baseline.counts)
    kept: list[Finding] = []
    known = 0
    for finding in findings:
        digest, _ = fingerprint(finding, sources.get(finding.path))
        key = (_relative(finding.path, folder), finding.code, digest)
        if left.get(key, 0) > 0:
            left[key] -= 1
            known += 1
        else:
            kept.append(finding)
    checked = {_relative(display, folder) for display in sources}
    stale = sum(n for (path, _, _), n in left.items() if path in checked)
    return BaselineFilter(tuple(kept), known, stale)
