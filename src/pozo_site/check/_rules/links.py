"""Slug and link rules (L): valid, unique, stable slugs, and links between articles resolve."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING, Final
from urllib.parse import unquote

import yaml

from pozo_site._article import make_slug
from pozo_site._locate import mapping_get
from pozo_site.check._codes.links import (
    BROKEN_LINK,
    RULES,
    SLUG_DUPLICATE,
    SLUG_INVALID,
    SLUG_MISSING,
    SLUG_STALE,
)
from pozo_site.check._facts import LinkFact, SlugFact
from pozo_site.check._finding import Edit, Finding, Fix
from pozo_site.check._rules._base import Checker, Context
from pozo_site.check._rules._markdown import BodyLink, markdown_facts, prose_body
from pozo_site.check._rules._spanning import FolderIndex, broken_links, duplicate_slug
from pozo_site.check._source import ArticleDoc

if TYPE_CHECKING:
    from pozo_site.check._config import Config

__all__ = [
    "BROKEN_LINK",
    "CHECKERS",
    "RULES",
    "SLUG_DUPLICATE",
    "SLUG_INVALID",
    "SLUG_MISSING",
    "SLUG_STALE",
    "FolderIndex",
    "LinkFact",
    "SlugFact",
    "broken_links",
    "duplicate_slug",
    "link_facts",
    "slug_fact",
]


_SLUG: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_SCHEME: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_LINE_END: Final = re.compile(r"\r\n|\r|\n")


def _value_offset(doc: ArticleDoc, key: str) -> int | None:
    pair = mapping_get(doc.node, key)
    return doc.node_offset(pair[1]) if pair else None


def _check_slugs(doc: ArticleDoc, ctx: Context) -> Iterator[Finding]:
    data = doc.data
    written = data.get("slug")
    title = data.get("title")
    slug_at = _value_offset(doc, "slug")
    for error in doc.errors:
        if tuple(error["loc"]) == ("slug",) and error["type"] == "slug_invalid":
            yield doc.source.finding(
                SLUG_INVALID,
                slug_at or 0,
                f"slug '{written}' is not lowercase words joined by single hyphens "
                f"(such as '{make_slug(str(written)) or 'know-your-rights'}')",
            )
    if not isinstance(title, str):
        return
    derived = make_slug(title)
    if isinstance(written, str) and _SLUG.fullmatch(written) and derived and written != derived:
        yield doc.source.finding(
            SLUG_STALE,
            slug_at or 0,
            f"the slug does not match the title: '{written}', where the title gives "
            f"'{derived}'; keep it if the article is published (a new slug breaks links), "
            "and to keep it on purpose add '# pozo-site: ignore L003' after it",
        )
    if "slug" not in data and derived:
        pair = mapping_get(doc.node, "title")
        at = doc.node_offset(pair[0]) if pair else 0
        yield doc.source.finding(
            SLUG_MISSING,
            at,
            f"the front matter has no slug; add 'slug: {derived}' so the address stays "
            "when the title changes",
            fix=_insert_slug(doc, derived),
        )


def _insert_slug(doc: ArticleDoc, slug: str) -> Fix | None:
    """Insert ``slug: <slug>`` on a new line right after the title's last line."""
    node = doc.node
    pair = mapping_get(node, "title")
    if node is None or pair is None or node.flow_style:
        return None
    key, value = pair
    text = doc.source.text
    end = doc.node_offset(value, end=True)
    line_end = _LINE_END.search(text, end)
    if line_end is None or line_end.end() > doc.body_start:  # pragma: no cover
        return None  # cannot happen: the closing '---' line follows the title
    if isinstance(value, yaml.ScalarNode) and value.style in ("|", ">"):
        return None  # a block scalar's end mark is past its last line; leave it to the writer
    indent = " " * key.start_mark.column
    insertion = f"{indent}slug: {slug}{line_end.group(0)}"
    return Fix(f"insert 'slug: {slug}'", (Edit(line_end.end(), line_end.end(), insertion),))


_ANCHOR: Final = re.compile(r"<a\b[^<>]*>", re.IGNORECASE)  # [^<>]: linear on "<a<a<a"
_HREF: Final = re.compile(r"""\shref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


def _html_links(doc: ArticleDoc) -> Iterator[BodyLink]:
    """``<a href>`` links of the body (not in code or comments), at their target."""
    body = doc.body
    if "<a" not in body.lower():
        return
    for match in _ANCHOR.finditer(prose_body(doc)):
        tag = body[match.start() : match.end()]
        href = _HREF.search(tag)
        if href is not None:
            group = 1 if href.group(1) is not None else 2
            yield BodyLink(doc.body_start + match.start() + href.start(group), href.group(group))


@functools.lru_cache(maxsize=16)
def _url_patterns(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    compiled = []
    for pattern in patterns:
        before, after = pattern.split("{slug}", 1)
        tail = re.escape(after.rstrip("/")) + "/?" if after.endswith("/") else re.escape(after)
        compiled.append(re.compile(re.escape(before) + "([^/?#]+)" + tail))
    return tuple(compiled)


def _broken(doc: ArticleDoc, link: BodyLink, message: str) -> Finding:
    return doc.source.finding(BROKEN_LINK, link.offset, message, end=link.offset + len(link.href))


def slug_fact(doc: ArticleDoc) -> SlugFact | None:
    """The article's slug and where L002 would point, if the slug can be another's."""
    slug = doc.slug
    if slug is None or not _SLUG.fullmatch(slug):
        return None
    slug_at = _value_offset(doc, "slug")
    at = slug_at if slug_at is not None else _value_offset(doc, "title") or 0
    line, column = doc.source.position(at)
    return SlugFact(slug, line, column, slug_at is None)


def link_facts(doc: ArticleDoc, config: Config) -> tuple[LinkFact, ...]:
    """Every link of ``doc`` that names another article (what L005 resolves)."""
    facts = []
    patterns = _url_patterns(tuple(config.link_patterns))
    for link in (*markdown_facts(doc).links, *_html_links(doc)):
        href = link.href
        if not href or href.startswith("#") or _SCHEME.match(href):
            continue
        if any(fnmatchcase(href, pattern) for pattern in config.link_ignore):
            continue
        path = unquote(href.split("#", 1)[0].split("?", 1)[0])
        kind, target = "slug", ""
        if path.startswith("/"):
            for pattern in patterns:
                match = pattern.fullmatch(path)
                if match is not None:
                    target = match.group(1)
                    break
            else:
                continue
        elif path.endswith(".md"):
            kind, target = "md", path
        else:
            last = path.rstrip("/").rsplit("/", 1)[-1]
            if "." in last or not _SLUG.fullmatch(last.lower()):
                continue
            target = last
        line, column = doc.source.position(link.offset)
        end_line, end_column = doc.source.position(link.offset + len(href))
        facts.append(LinkFact(kind, target, href, line, column, end_line, end_column))
    return tuple(facts)


CHECKERS = (
    Checker(
        codes=(SLUG_INVALID.code, SLUG_STALE.code, SLUG_MISSING.code),
        article=_check_slugs,
    ),
)
"""The rules of one file; L002 and L005 span files: the runner applies
:func:`duplicate_slug` and :func:`broken_links` to facts read from each file."""
