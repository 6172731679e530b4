"""What rule checks receive (:class:`Context`) and how they are declared (:class:`Checker`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from pozo_site._locate import find_key_in_text, locate_node
from pozo_site._phone import PhoneNumber
from pozo_site.check._finding import Finding
from pozo_site.check._rules._markdown import blank_urls, prose_body
from pozo_site.check._source import ArticleDoc, FirmDoc

if TYPE_CHECKING:
    from pozo_site.check._config import Config

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


@dataclass(frozen=True)
class ArticleRef:
    """Another article of the same content folder."""

    path: str
    """Resolved absolute path (as :func:`os.path.realpath` gives it)."""
    display: str


@dataclass
class Context:
    """Everything a check may read besides the file itself."""

    config: Config
    firm: FirmDoc
    root: Path
    """The content folder (absolute)."""
    today: dt.date
    firm_numbers: Mapping[PhoneNumber, PhoneNumber] = field(default_factory=dict)
    """The firm's numbers, mapping each to the firm's own instance (which keeps its
    vanity text); empty when the firm profile is invalid."""

    def __post_init__(self) -> None:
        if not self.firm_numbers and self.firm.firm is not None:
            self.firm_numbers = {number: number for number in self.firm.firm.numbers}


ArticleCheck = Callable[[ArticleDoc, Context], Iterable[Finding]]
FirmCheck = Callable[[FirmDoc, Context], Iterable[Finding]]


@dataclass(frozen=True)
class Checker:
    """A check function and the rule codes it can report (it is skipped when all are off)."""

    codes: tuple[str, ...]
    article: ArticleCheck | None = None
    firm: FirmCheck | None = None


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
