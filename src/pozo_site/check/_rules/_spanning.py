"""The rules that span files (L002 duplicate slug, L005 broken link), from per-file facts.

Each file's check records its :class:`~pozo_site.check._facts.SlugFact` and
:class:`~pozo_site.check._facts.LinkFact` (see
:func:`pozo_site.check._rules.links.slug_fact` and
:func:`~pozo_site.check._rules.links.link_facts`), and the result cache keeps them;
every run rebuilds the content folder's :class:`FolderIndex` and applies
:func:`duplicate_slug` and :func:`broken_links` to those facts. Nothing here parses, so a
run whose every file is a cache hit imports no parser. :mod:`pozo_site.check._rules.links`
re-exports these names.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping

from pozo_site.check._codes.links import BROKEN_LINK, SLUG_DUPLICATE
from pozo_site.check._facts import LinkFact, SlugFact
from pozo_site.check._finding import Finding
from pozo_site.check._rules._context import ArticleRef
from pozo_site.check._source import file_finding

__all__ = [
    "BROKEN_LINK",
    "SLUG_DUPLICATE",
    "FolderIndex",
    "broken_links",
    "duplicate_slug",
    "real_path",
    "split_path",
]


def split_path(path: str) -> tuple[str, str]:
    """``os.path.split`` of a normalised path (by string where ``/`` is the only
    separator: the runner and L005 split several paths for every file of every run)."""
    if os.sep != "/":  # pragma: no cover - exercised on Windows only
        return os.path.split(path)
    head, _sep, name = path.rpartition("/")
    return head or ("/" if path.startswith("/") else ""), name


def real_path(
    path: str,
    folders: dict[str, str],
    *,
    plain: bool = False,
    probes: dict[str, str | None] | None = None,
) -> str:
    """``os.path.realpath`` of the normalised ``path``, its folder resolved
    once per folder (``folders`` keeps them): unless ``path`` is a link (``plain``: the
    caller knows it is none), only the folder's part can change. The runner resolves
    every file of a run, and L005 every link target, through here.

    ``probes`` records what the answer rested on besides ``folders``: for a path that was
    not ``plain``, its real path if it is a link, else ``None`` (it was none). With both,
    a later run can tell whether the answer still holds (see
    :mod:`pozo_site.check._memo`)."""
    if not plain:
        if os.path.islink(path):
            real = os.path.realpath(path)
            if probes is not None:
                probes[path] = real
            return real
        if probes is not None:
            probes[path] = None
    parent, name = split_path(path)
    folder = folders.get(parent)
    if folder is None:
        folder = folders[parent] = os.path.realpath(parent)
    return path if folder == parent else os.path.join(folder, name)


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
        self.folders: dict[str, str] = {}
        """The folders :meth:`resolve` resolved, and their real paths."""
        self.probes: dict[str, str | None] = {}
        """What else :meth:`resolve` rested on (see :func:`real_path`)."""

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
                resolved = real_path(path, self.folders, probes=self.probes)
            self._resolved[written] = resolved
        return resolved

    def taken(self, slug: str, resolved: str) -> ArticleRef | None:
        """The earlier article whose slug is ``slug``, unless it is the one at ``resolved``."""
        first = self.slugs.get(slug)
        return first if first is not None and first.path != resolved else None

    def names_articles(self, slugs: Iterable[str], md_targets: Iterable[str], folder: str) -> bool:
        """Whether every slug names an article and every ``.md`` target names one of the
        folder's articles as found, by lookups alone (a cached file with nothing of its own
        to report). ``False`` only means "let :func:`broken_links` see": a ``.md`` target is
        looked up only when written beside the file (no ``/``, so nothing to normalise or
        resolve)."""
        for slug in slugs:
            if slug not in self.slugs:
                return False
        if md_targets:
            if os.sep != "/":  # pragma: no cover - exercised on Windows only
                return False
            known = self.known
            prefix = folder if folder.endswith("/") else folder + "/"
            for target in md_targets:
                if "/" in target or target in (".", "..") or prefix + target not in known:
                    return False
        return True


def duplicate_slug(
    fact: SlugFact, resolved: str, display: str, index: FolderIndex
) -> Iterator[Finding]:
    """L002 for the article at ``resolved`` (its resolved path), if an earlier one has
    its slug."""
    first = index.taken(fact.slug, resolved)
    if first is not None:
        how = " (derived from the title)" if fact.derived else ""
        yield file_finding(
            SLUG_DUPLICATE,
            display,
            f"slug '{fact.slug}'{how} is already used by {first.display}; "
            "give this article another slug",
            fact.line,
            fact.column,
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
