"""``pozo-site check --add-ignore REASON``: a suppression comment for every current finding.

Where each comment goes (the places the language server's "ignore" quick fix uses):

- in front matter and in YAML or TOML firm files, ``# pozo-site: ignore CODE -- REASON``
  at the end of the finding's line;
- in an article's body, where the finding's line starts a block (the body's first line,
  or a line after a blank one), a comment line of its own above it,
  ``<!-- pozo-site: ignore CODE -- REASON -->``;
- inside a paragraph, ``<!-- pozo-site: ignore CODE -->`` at the end of the line, without
  the reason: CommonMark parsers read an inline comment holding ``--`` as text, which would
  show on the page, and a comment line of its own would split the paragraph;
- a finding on the opening ``---`` of the front matter (a missing key) gets
  ``<!-- pozo-site: ignore-file CODE -- REASON -->`` as the body's first line.

Several codes on one line share one comment. A file's edits are kept only if the check of
the edited text has no finding left in it, its front matter data is unchanged and its
Markdown renders the same less the comments; otherwise each comment is tried alone, and a
finding no comment can suppress is returned as skipped with the reason. Files that cannot
be parsed, and JSON firm files, take no comments. Files are written as ``--fix`` writes
them: byte for byte the same but for the comments, atomically, never through a link.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Literal

import yaml
from markdown_it import MarkdownIt

from pozo_site._files import FIRM_FILE_NAMES
from pozo_site._toml import tomllib
from pozo_site.check._config import Config
from pozo_site.check._finding import Finding
from pozo_site.check._fix import FileChange, _encode, _write
from pozo_site.check._load import parse_article
from pozo_site.check._runner import run
from pozo_site.check._source import ArticleDoc, Source

__all__ = ["IgnoreOutcome", "add_ignores"]

_Kind = Literal["hash", "block", "inline", "file"]
_COMMENT: Final = re.compile(r"<!-- pozo-site: ignore(?:-file)? [^>]*-->")
_LINE_BREAK: Final = re.compile(r"\r\n|\r|\n")


@dataclass
class IgnoreOutcome:
    """The files changed, how many comments were added, and the findings left as they were."""

    changes: list[FileChange] = field(default_factory=list)
    added: int = 0
    skipped: list[Finding] = field(default_factory=list)
    why: dict[Finding, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Insert:
    at: int
    text: str
    findings: tuple[Finding, ...]


def _line_break(source: Source, line: int) -> str:
    starts = source.line_starts
    if line < len(starts):
        start = starts[line - 1] + len(source.line_text(line))
        return source.text[start : starts[line]]
    match = _LINE_BREAK.search(source.text)
    return match.group(0) if match else "\n"


def _kind(source: Source, doc: ArticleDoc | None, line: int) -> _Kind:
    if doc is None:
        return "hash"
    start = source.line_starts[line - 1]
    if line == 1:
        return "file"
    if start < doc.body_start:
        return "hash"
    if start == doc.body_start or not source.line_text(line - 1).strip():
        return "block"
    return "inline"


def _inserts(
    source: Source, doc: ArticleDoc | None, found: Sequence[Finding], reason: str
) -> list[_Insert]:
    groups: dict[tuple[int, _Kind], list[Finding]] = defaultdict(list)
    for finding in found:
        groups[(finding.line, _kind(source, doc, finding.line))].append(finding)
    why = f" -- {reason}" if reason else ""
    inserts = []
    for (line, kind), members in sorted(groups.items()):
        codes = ", ".join(sorted({f.code for f in members}))
        starts = source.line_starts
        line_end = starts[line - 1] + len(source.line_text(line))
        if kind == "hash":
            inserts.append(_Insert(line_end, f"  # pozo-site: ignore {codes}{why}", tuple(members)))
        elif kind == "inline":
            inserts.append(
                _Insert(line_end, f" <!-- pozo-site: ignore {codes} -->", tuple(members))
            )
        else:
            assert doc is not None
            at = starts[line - 1] if kind == "block" else doc.body_start
            target = line if kind == "block" else source.position(doc.body_start)[0]
            directive = "ignore" if kind == "block" else "ignore-file"
            text = f"<!-- pozo-site: {directive} {codes}{why} -->{_line_break(source, target)}"
            inserts.append(_Insert(at, text, tuple(members)))
    return inserts


def _edited(source: Source, inserts: Sequence[_Insert]) -> str:
    text = source.text
    for insert in sorted(inserts, key=lambda i: i.at, reverse=True):
        text = text[: insert.at] + insert.text + text[insert.at :]
    return text


def _rendered(doc: ArticleDoc) -> str:
    html = MarkdownIt("commonmark").render(doc.body)
    return "".join(_COMMENT.sub("", html).split())  # blanks beside a comment may differ


def _data(source: Source, firm: bool) -> object:
    if firm:
        return _firm_data(source)
    doc = parse_article(source)
    return doc.data if isinstance(doc, ArticleDoc) else doc


def _firm_data(source: Source) -> object:
    if source.path.suffix.lower() == ".toml":
        try:
            return tomllib.loads(source.text)
        except tomllib.TOMLDecodeError:
            return None
    try:
        return yaml.safe_load(source.text)
    except yaml.YAMLError:
        return None


def add_ignores(paths: Sequence[Path], config: Config, reason: str) -> IgnoreOutcome:
    """Add a suppression comment with ``reason`` for every finding under ``paths``, and
    write the files (see the module docstring). The check runs once more for all edited
    files together; a file whose comments do not all work is then tried comment by
    comment."""
    outcome = IgnoreOutcome()
    output = run(paths, config)
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in output.result.findings:
        source = output.sources.get(finding.path)
        if source is None or finding.code[:1] == "F" or source.path.name == "firm.json":
            outcome.skipped.append(finding)
            outcome.why[finding] = "a comment cannot be placed in this file"
            continue
        by_file[finding.path].append(finding)
    planned: dict[str, list[_Insert]] = {}
    docs: dict[str, ArticleDoc | None] = {}
    for display, found in by_file.items():
        source = output.sources[display]
        parsed = (
            None
            if source.path.name in FIRM_FILE_NAMES
            else parse_article(source, config.extra_keys)
        )
        doc = parsed if isinstance(parsed, ArticleDoc) else None
        docs[display] = doc
        inserts = _inserts(source, doc, found, reason)
        if not _keeps_content(source, doc, inserts, config):
            inserts = [i for i in inserts if _keeps_content(source, doc, [i], config)]
            if not _keeps_content(source, doc, inserts, config):
                inserts = []
        planned[display] = inserts
    overrides = {
        output.sources[d].path: _after(output.sources[d], inserts) for d, inserts in planned.items()
    }
    remaining = Counter(
        (f.path, f.code) for f in run(paths, config, overrides=overrides).result.findings
    )
    tops = [Path(os.path.abspath(p)) for p in paths]
    for display, found in by_file.items():
        source, doc, kept = output.sources[display], docs[display], planned[display]
        have = Counter({code: n for (path, code), n in remaining.items() if path == display})
        if have != _left(found, kept):
            kept = [i for i in kept if _suppresses(source, found, [i], config)]
            if not _suppresses(source, found, kept, config):
                kept = []
        _record(outcome, source, display, found=found, kept=kept, tops=tops)
    outcome.skipped.sort()
    return outcome


def _record(
    outcome: IgnoreOutcome,
    source: Source,
    display: str,
    *,
    found: Sequence[Finding],
    kept: Sequence[_Insert],
    tops: Sequence[Path],
) -> None:
    """Write one file's comments and note the outcome."""
    done = {f for i in kept for f in i.findings}
    for finding in found:
        if finding not in done:
            outcome.skipped.append(finding)
            outcome.why[finding] = "a comment here would change the content or not suppress it"
    if not kept:
        return
    after = _after(source, kept)
    problem = _write(source.path, _encode(source), _encode(after), tops)
    if problem is not None:
        for finding in done:
            outcome.skipped.append(finding)
            outcome.why[finding] = problem
        return
    bom = "\ufeff" if source.bom else ""
    outcome.changes.append(FileChange(Path(display), bom + source.text, bom + after.text))
    outcome.added += len(kept)


def _after(source: Source, inserts: Sequence[_Insert]) -> Source:
    return dataclasses.replace(source, text=_edited(source, inserts), _line_starts=None)


def _left(found: Sequence[Finding], inserts: Sequence[_Insert]) -> Counter[str]:
    """The codes of ``found`` that ``inserts`` do not target, counted."""
    done = {id(f) for i in inserts for f in i.findings}
    return Counter(f.code for f in found if id(f) not in done)


def _keeps_content(
    source: Source, doc: ArticleDoc | None, inserts: Sequence[_Insert], config: Config
) -> bool:
    """Whether ``inserts`` leave the data and the rendered Markdown as they were."""
    firm = doc is None
    after = _after(source, inserts)
    if _data(source, firm) != _data(after, firm):
        return False
    if doc is not None:
        new_doc = parse_article(after, config.extra_keys)
        if not isinstance(new_doc, ArticleDoc) or _rendered(new_doc) != _rendered(doc):
            return False
    return True


def _suppresses(
    source: Source, found: Sequence[Finding], inserts: Sequence[_Insert], config: Config
) -> bool:
    """Whether ``inserts`` suppress their findings of ``found`` (the file's) and no other."""
    result = run([source.path], config, overrides={source.path: _after(source, inserts)}).result
    remaining = Counter(
        f.code for f in result.findings if Path(os.path.abspath(f.path)) == source.path
    )
    return remaining == _left(found, inserts)
