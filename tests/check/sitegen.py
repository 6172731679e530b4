"""A small generator of content folders for the cache and parallel tests.

A reduced copy of ``benchmarks/generate.py`` (the tests do not import the benchmarks):
a firm file and N articles with phone numbers in prose (in and off the house style, an
unknown one), links between articles by file and by slug, images with and without alt
text, and a broken link now and then, so that every file has facts the rules spanning
files use. Fictional numbers (555-01xx) and example.com only.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pozo_site.check import Finding

FIRM = """\
name: Example Immigration Law
advertising_notice: Attorney Advertising
phones:
  - role: main
    number: (212) 555-0123
  - role: toll_free
    number: 1-800-555-0199
"""


def slug(index: int) -> str:
    return f"notes-on-case-{index}"


def article(index: int, total: int) -> str:
    """Article ``index`` of ``total``; deterministic."""
    number = "212-555-0123" if index % 4 else "(212) 555-0123"  # one in four: P002
    agency = f"718-555-01{index % 100:02d}" if index % 7 == 3 else "800-555-0199"
    alt = "" if index % 9 == 5 else f"The courthouse, {index}"
    target = (index + 1) % total
    by_slug = slug(target) if index % 11 != 9 else "no-such-article"
    return (
        "---\n"
        f"title: Notes on case {index}\n"
        f"slug: {slug(index)}\n"
        f"date: 2024-{1 + index % 12:02d}-{1 + index % 28:02d}\n"
        f"summary: What families should know about case {index}.\n"
        "---\n"
        f"In {2010 + index % 15} the office received {1000 + index} requests.\n\n"
        f"See [the next one](article-{target:04d}.md) and [by slug]({by_slug}).\n\n"
        f"![{alt}](/images/court-{index}.jpg)\n\n"
        f"The agency's line is {agency}. To reach us, call {number}.\n"
    )


def build_site(folder: Path, count: int) -> Path:
    """Write the firm file and ``count`` articles under ``folder``; return ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "firm.yaml").write_text(FIRM, encoding="utf-8")
    articles = folder / "articles"
    articles.mkdir(exist_ok=True)
    for index in range(count):
        path = articles / f"article-{index:04d}.md"
        path.write_text(article(index, count), encoding="utf-8")
    return folder


def read_cache_file(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """A result cache file's header and entries, read as its format says (JSON lines:
    the header, then each batch's summary and entries); raises if it is not whole or a
    summary does not describe its entries exactly."""
    header, *lines = path.read_bytes().decode("ascii").splitlines(keepends=True)
    assert len(lines) % 2 == 0  # summary and entries, batch after batch
    entries: dict[str, Any] = {}
    for line, body in zip(lines[::2], lines[1::2], strict=True):
        length, names, stats, flags, slugs = json.loads(line)
        batch = json.loads(body)
        assert isinstance(batch, dict)
        assert length == len(body)
        assert names == list(batch)
        assert not set(batch) & set(entries)  # each name once
        for name, stat, flag, slug in zip(names, stats, flags, slugs, strict=True):
            entry = batch[name]
            assert (stat, flag, slug) == (entry[0], int(entry[2]) | 2 * int(entry[3]), entry[4])
        entries.update(batch)
    return json.loads(header), entries


def full(findings: Sequence[Finding]) -> list[tuple[Any, ...]]:
    """Every field of every finding (a ``Finding``'s equality looks only at its place and
    code): what the cache tests compare."""
    return [
        (
            f.path,
            f.line,
            f.column,
            f.code,
            f.severity,
            f.message,
            f.end_line,
            f.end_column,
            f.fix,
        )
        for f in findings
    ]
