"""Slug and link rules (L): valid, unique, stable slugs, and links between articles resolve."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING, Final
from urllib.parse import unquote

import yaml

from pozo_site._article import make_slug
from pozo_site._locate import mapping_get
from pozo_site.check._facts import LinkFact, SlugFact
from pozo_site.check._finding import Edit, Finding, Fix, Severity
from pozo_site.check._rule import Family, Rule
from pozo_site.check._rules._base import ArticleRef, Checker, Context
from pozo_site.check._rules._markdown import BodyLink, markdown_facts, prose_body
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


class FolderIndex:
    """The articles of one content folder, for the rules that span files (L002, L005).

    Paths are strings (absolute, as :func:`os.path.realpath` gives them): a folder of
    10,000 articles is indexed on every run, cached or not, and ``pathlib`` objects cost
    several times more to hash, compare and join than the strings they wrap."""

    def __init__(
        self,
        slugs: Mapping[str, ArticleRef],
        articles: Mapping[str, str | None],
        *,
        known: Mapping[str, str] | None = None,
    ) -> None:
        """``articles`` maps resolved paths to slugs; ``known`` maps the articles' paths as
        found to their resolved paths (a link that names one as written needs no lookup)."""
        self.slugs = slugs
        self.articles = articles
        self.known = known or {}
        self._lowered: dict[str, str] | None = None
        self._slugs_lowered: dict[str, str] | None = None
        self._resolved: dict[str, str] = {}

    @property
    def lowered(self) -> dict[str, str]:
        if self._lowered is None:
            self._lowered = {path.lower(): path for path in self.articles}
        return self._lowered

    @property
    def slugs_lowered(self) -> dict[str, str]:
        if self._slugs_lowered is None:
            self._slugs_lowered = {slug.lower(): slug for slug in self.slugs}
        return self._slugs_lowered

    def resolve(self, path: str) -> str:
        """``os.path.realpath(path)``; a folder is resolved once, however many links lead
        into it, and a path that names an article as found needs no lookup."""
        resolved = self._resolved.get(path)
        if resolved is None:
            written = path
            if ".." not in path.split(os.sep):  # "a/./b.md", "a//b.md": as pathlib joins
                path = os.path.normpath(path)
            resolved = self.known.get(path)
            if resolved is None:
                if os.path.islink(path):
                    resolved = os.path.realpath(path)
                else:  # the name is no link: only the folder's part can change
                    parent, name = os.path.split(path)
                    folder = self._resolved.get(parent)
                    if folder is None:
                        folder = self._resolved[parent] = os.path.realpath(parent)
                    resolved = os.path.join(folder, name)
            self._resolved[written] = resolved
        return resolved


def _finding(rule: Rule, display: str, line: int, column: int, message: str) -> Finding:
    return Finding(
        path=display,
        line=line,
        column=column,
        code=rule.code,
        severity=rule.severity,
        message=message,
    )


def duplicate_slug(
    fact: SlugFact, resolved: str, display: str, index: FolderIndex
) -> Iterator[Finding]:
    """L002 for the article at ``resolved`` (its resolved path), if an earlier one has
    its slug."""
    first = index.slugs.get(fact.slug)
    if first is not None and first.path != resolved:
        how = " (derived from the title)" if fact.derived else ""
        yield _finding(
            SLUG_DUPLICATE,
            display,
            fact.line,
            fact.column,
            f"slug '{fact.slug}'{how} is already used by {first.display}; "
            "give this article another slug",
        )


def broken_links(
    facts: Iterable[LinkFact], folder: str, display: str, index: FolderIndex
) -> Iterator[Finding]:
    """L005 for the links of one file (``folder``: the file's folder, as found)."""
    for fact in facts:
        message = (
            _md_problem(fact, folder, index)
            if fact.kind == "md"
            else _slug_problem(fact, fact.target, index)
        )
        if message is not None:
            yield Finding(
                path=display,
                line=fact.line,
                column=fact.column,
                code=BROKEN_LINK.code,
                severity=BROKEN_LINK.severity,
                message=message,
                end_line=fact.end_line,
                end_column=fact.end_column,
            )


def _md_problem(fact: LinkFact, folder: str, index: FolderIndex) -> str | None:
    target = index.resolve(os.path.join(folder, fact.target))
    if target in index.articles:
        return None
    near = index.lowered.get(target.lower())
    if near is not None:
        name = os.path.relpath(near, folder).replace(os.sep, "/")
        return (
            f"link target '{fact.href}' differs only in letter case from the article "
            f"'{name}'; write '{name}' (servers that tell case apart would not find it)"
        )
    return f"link target '{fact.href}' is not an article of this content folder; correct the path"


def _slug_problem(fact: LinkFact, slug: str, index: FolderIndex) -> str | None:
    if slug in index.slugs:
        return None
    right = index.slugs_lowered.get(slug.lower())
    if right is not None:
        return (
            f"link target '{fact.href}' differs only in letter case from the slug '{right}'; "
            f"write '{right}'"
        )
    return f"link target '{fact.href}' names no article's slug; correct the slug"


CHECKERS = (
    Checker(
        codes=(SLUG_INVALID.code, SLUG_STALE.code, SLUG_MISSING.code),
        article=_check_slugs,
    ),
)
"""The rules of one file; L002 and L005 span files: the runner applies
:func:`duplicate_slug` and :func:`broken_links` to facts read from each file."""
