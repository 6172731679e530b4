"""Slug and link rules (L): valid, unique, stable slugs, and links between articles resolve."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator
from fnmatch import fnmatchcase
from typing import Final
from urllib.parse import unquote

import yaml

from pozo_site._article import make_slug
from pozo_site._locate import mapping_get
from pozo_site.check._finding import Edit, Finding, Fix, Severity
from pozo_site.check._rule import Family, Rule
from pozo_site.check._rules._base import Checker, Context
from pozo_site.check._rules._markdown import BodyLink, markdown_facts, prose_body
from pozo_site.check._source import ArticleDoc

__all__ = [
    "BROKEN_LINK",
    "CHECKERS",
    "RULES",
    "SLUG_DUPLICATE",
    "SLUG_INVALID",
    "SLUG_MISSING",
    "SLUG_STALE",
]

SLUG_INVALID = Rule(
    code="L001",
    name="slug-invalid",
    family=Family.LINKS,
    severity=Severity.ERROR,
    summary="The slug is not lowercase words joined by single hyphens.",
    explanation=(
        "A slug is the article's address on the site: lowercase ASCII letters and digits "
        "in words joined by single hyphens, at most 100 characters, such as "
        "'know-your-rights'. Capitals, spaces, accents or doubled hyphens make addresses "
        "that break or differ between servers. Write the slug in that form."
    ),
    example="---\ntitle: Know Your Rights\nslug: Know_Your_Rights\ndate: 2024-05-01\n---",
)
SLUG_DUPLICATE = Rule(
    code="L002",
    name="slug-duplicate",
    family=Family.LINKS,
    severity=Severity.ERROR,
    summary="Two articles have the same slug.",
    explanation=(
        "Two articles with one slug would be published at the same address and one would "
        "hide the other. The second file (in path order) is reported, naming the first; "
        "give one of them another slug. A slug derived from the title counts too."
    ),
    example="articles/a.md and articles/b.md both with slug: know-your-rights",
)
SLUG_STALE = Rule(
    code="L003",
    name="slug-stale",
    family=Family.LINKS,
    severity=Severity.WARNING,
    summary="The slug does not match the title.",
    explanation=(
        "The slug differs from the one the title gives (its words, cut at a word "
        "boundary to 80 characters), so the address does not read like the title: the "
        "title may have been edited, or the slug chosen by hand. This is a warning and is "
        "never fixed automatically: changing a published slug breaks every link to the "
        "article. Change it only before the article is first published; to keep a slug "
        "on purpose, silence the finding on its line: "
        "'slug: know-your-rights  # pozo-site: ignore L003'."
    ),
    example="---\ntitle: Know Your Rights at Work\nslug: know-your-rights\n---",
)
SLUG_MISSING = Rule(
    code="L004",
    name="slug-missing",
    family=Family.LINKS,
    severity=Severity.WARNING,
    summary="The front matter has no slug, so the address follows the title.",
    explanation=(
        "Without a slug the address is derived from the title, and it silently changes "
        "whenever the title is edited, breaking links. Write the slug into the front "
        "matter so it stays put; `--fix` inserts the derived slug after the title line, "
        "leaving every other byte as it was."
    ),
    example="---\ntitle: Know Your Rights\ndate: 2024-05-01\n---",
    fixable=True,
)
BROKEN_LINK = Rule(
    code="L005",
    name="link-broken",
    family=Family.LINKS,
    severity=Severity.ERROR,
    summary="A link to another article (by slug or .md path) resolves to no article.",
    explanation=(
        "Links in Markdown and in HTML <a href> are checked. Relative links that end in "
        ".md are resolved against the linking file's folder, and bare relative slugs "
        "(other-article, ../other-article/) against the folder's slugs; either must name "
        "an article of the content folder. Site-absolute links (/posts/other-article/) "
        "are checked when they match one of the link-patterns setting's shapes, such as "
        "'/posts/{slug}/'; others (/contact) are not, nor are links with a scheme "
        "(https:, mailto:, tel:), in-page anchors, or targets matching a link-ignore "
        "glob. A target that differs only in letter case says so and names the right "
        "one. Correct the target, or remove the link."
    ),
    example="See [our guide](know-your-rigths.md).",
)
RULES: tuple[Rule, ...] = (SLUG_INVALID, SLUG_DUPLICATE, SLUG_STALE, SLUG_MISSING, BROKEN_LINK)
"""This family's rules, in code order; the rule table is built from them."""

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
    slug = doc.slug
    if slug is not None and _SLUG.fullmatch(slug):
        first = ctx.slugs.get(slug)
        if first is not None and first.path != doc.source.path.resolve():
            at = slug_at if slug_at is not None else _value_offset(doc, "title") or 0
            how = "" if slug_at is not None else " (derived from the title)"
            yield doc.source.finding(
                SLUG_DUPLICATE,
                at,
                f"slug '{slug}'{how} is already used by {first.display}; "
                "give this article another slug",
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


def _check_links(doc: ArticleDoc, ctx: Context) -> Iterator[Finding]:
    folder = doc.source.path.parent
    config = ctx.config
    lowered = {str(path).lower(): path for path in ctx.articles}
    slugs_lowered = {slug.lower(): slug for slug in ctx.slugs}
    for link in (*markdown_facts(doc).links, *_html_links(doc)):
        href = link.href
        if not href or href.startswith("#") or _SCHEME.match(href):
            continue
        if any(fnmatchcase(href, pattern) for pattern in config.link_ignore):
            continue
        path = unquote(href.split("#", 1)[0].split("?", 1)[0])
        if path.startswith("/"):
            for pattern in _url_patterns(tuple(config.link_patterns)):
                match = pattern.fullmatch(path)
                if match is not None:
                    yield from _check_slug(doc, link, match.group(1), slugs_lowered, ctx)
                    break
            continue
        if path.endswith(".md"):
            target = (folder / path).resolve()
            if target not in ctx.articles:
                near = lowered.get(str(target).lower())
                if near is not None:
                    name = os.path.relpath(near, folder).replace(os.sep, "/")
                    yield _broken(
                        doc,
                        link,
                        f"link target '{href}' differs only in letter case from the article "
                        f"'{name}'; write '{name}' (servers that tell case apart would not "
                        "find it)",
                    )
                else:
                    yield _broken(
                        doc,
                        link,
                        f"link target '{href}' is not an article of this content folder; "
                        "correct the path",
                    )
            continue
        last = path.rstrip("/").rsplit("/", 1)[-1]
        if "." in last or not _SLUG.fullmatch(last.lower()):
            continue
        yield from _check_slug(doc, link, last, slugs_lowered, ctx)


def _check_slug(
    doc: ArticleDoc, link: BodyLink, slug: str, lowered: dict[str, str], ctx: Context
) -> Iterator[Finding]:
    if slug in ctx.slugs:
        return
    right = lowered.get(slug.lower())
    if right is not None:
        yield _broken(
            doc,
            link,
            f"link target '{link.href}' differs only in letter case from the slug '{right}'; "
            f"write '{right}'",
        )
    else:
        yield _broken(
            doc, link, f"link target '{link.href}' names no article's slug; correct the slug"
        )


CHECKERS = (
    Checker(
        codes=(SLUG_INVALID.code, SLUG_DUPLICATE.code, SLUG_STALE.code, SLUG_MISSING.code),
        article=_check_slugs,
    ),
    Checker(codes=(BROKEN_LINK.code,), article=_check_links),
)
