"""The helpers rule checks share; what they receive (:class:`Context`) and how they are
declared (:class:`Checker`) are in :mod:`pozo_site.check._rules._context`, re-exported here."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import yaml

from pozo_site._locate import find_key_in_text, locate_node
from pozo_site.check._rules._context import (
    ArticleCheck,
    ArticleRef,
    Checker,
    Context,
    FirmCheck,
)
from pozo_site.check._rules._markdown import blank_urls, prose_body
from pozo_site.check._source import ArticleDoc, FirmDoc

__all__ = [
    "ArticleCheck",
    "ArticleRef",
    "Checker",
    "Context",
    "FirmCheck",
    "article_offset",
    "article_texts",
    "firm_offset",
    "string_scalars",
]


def article_offset(doc: ArticleDoc, loc: Sequence[str | int], *, want_key: bool = False) -> int:
    """Offset in the article of what ``loc`` names; the opening ``---`` when not found."""
    node = locate_node(doc.node, loc, want_key=want_key)
    return doc.node_offset(node) if node is not None else 0


def firm_offset(doc: FirmDoc, loc: Sequence[str | int], *, want_key: bool = False) -> int:
    """Offset in the firm file of what ``loc`` names (YAML: exact; TOML, JSON: the key)."""
    if doc.source is None:
        return 0
    if doc.kind == "yaml":
        node = locate_node(doc.node, loc, want_key=want_key)
        return node.start_mark.index if node is not None else 0
    return find_key_in_text(doc.source.text, loc, doc.kind)


def string_scalars(node: yaml.Node | None) -> Iterator[yaml.ScalarNode]:
    """Every string value (not key) under ``node``, in no particular order."""
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            stack.extend(value for _, value in current.value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.ScalarNode) and current.tag == "tag:yaml.org,2002:str":
            yield current


def article_texts(doc: ArticleDoc) -> Iterator[tuple[int, str]]:
    """``(offset, text)`` of each text a reader sees: front matter string values as written
    (quotes included, so offsets are exact), then the body; URLs, and in the body also
    code, HTML comments and link targets, are blanked (see
    :func:`~pozo_site.check._rules._markdown.prose_body`)."""
    for node in string_scalars(doc.node):
        start, end = node.start_mark.index, node.end_mark.index
        yield doc.yaml_start + start, blank_urls(doc.yaml_text[start:end])
    yield doc.body_start, prose_body(doc)
