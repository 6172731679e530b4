"""Finding the place in a file that a pydantic error location or a key refers to.

Shared by :func:`pozo_site.load_firm` and the content checks, so that a firm file's
problem has the same line and column wherever it is reported.

YAML files use the composed node graph: ``("image", "alt")`` is the ``alt`` key under
``image``, ``("tags", 2)`` the third item of ``tags``. A value error points at the value;
an unknown key at the key; a missing key at the mapping that lacks it (its key, or the
start of the document at the top level). TOML and JSON firm files have no node graph;
there the key is found by a search of the text, which gives the line of a key that is
written once (good enough for a hand-written profile), else the start of the file.
"""

from __future__ import annotations

import bisect
import functools
import re
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field

import yaml

from pozo_site._lines import line_starts, position

__all__ = [
    "find_key_in_text",
    "line_starts",
    "locate_node",
    "mapping_get",
    "position",
    "yaml_offset",
]

# The line breaks PyYAML (and libyaml) count, which differ from the file's own.
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_Pair = tuple[yaml.Node, yaml.Node]
# Each mapping's keys, indexed once: a front matter with thousands of unknown keys gets a
# lookup per key, which a scan of the mapping each time made quadratic (minutes).
_INDEXES: weakref.WeakKeyDictionary[yaml.MappingNode, dict[str, _Pair]] = (
    weakref.WeakKeyDictionary()
)


def mapping_get(node: yaml.Node | None, key: str) -> _Pair | None:
    """``(key node, value node)`` of ``key`` in a mapping node (the last, if repeated)."""
    if not isinstance(node, yaml.MappingNode):
        return None
    index = _INDEXES.get(node)
    if index is None:
        index = {
            key_node.value: (key_node, value_node)
            for key_node, value_node in node.value
            if isinstance(key_node, yaml.ScalarNode)
        }
        _INDEXES[node] = index
    return index.get(key)


def locate_node(
    root: yaml.Node | None, loc: Sequence[str | int], *, want_key: bool = False
) -> yaml.Node | None:
    """The node a pydantic ``loc`` refers to, or the nearest found ancestor's key.

    A part that is not found (a missing key) stops the walk at its parent's key, which is
    where the writer has to add it; ``None`` means not even the first part was found (the
    caller points at the start of the document). With ``want_key=True`` the last part's
    key node is returned instead of its value (for an unknown key).
    """
    node = root
    last_key: yaml.Node | None = None
    for index, part in enumerate(loc):
        if isinstance(node, yaml.MappingNode):
            pair = mapping_get(node, str(part))
            if pair is None:
                return last_key
            if want_key and index == len(loc) - 1:
                return pair[0]
            last_key, node = pair
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if not 0 <= part < len(node.value):
                return last_key
            node = node.value[part]
            last_key = node
        else:  # a union member's name, or a path into a scalar: stop at the deepest found
            break
    return node if node is not root else None


def yaml_offset(text: str, line: int, column: int) -> int:
    """The character offset in ``text`` of a 1-based YAML ``line`` and ``column``.

    For parser errors, which carry YAML's line and column but not an offset.
    """
    starts = [0, *(m.end() for m in _YAML_BREAK.finditer(text))]
    line = max(1, min(line, len(starts)))
    return min(starts[line - 1] + max(column, 1) - 1, len(text))


# Every key of a TOML or JSON text whose name holds none of the characters that end a
# name (blanks, quotes, "=", ".", ":", brackets, braces, commas, "#" or "\\"), found in one
# pass (a search from the top for each of thousands of keys took minutes). The same
# places the per-key patterns of find_key_in_text find for such names. Other names
# (with a blank or a dot inside quotes) are searched alone, a bounded number of times
# per text, so that thousands of them cannot make the search quadratic again.
_NAME_CHARS = r"[^\s\"'=.:\[\]{},#\\]+"
_TOML_KEY = re.compile(
    rf"(?m)(?:(?<=[.\[\s{{,])|^)(?P<k>[\"']?(?P<n>{_NAME_CHARS})[\"']?)(?=\s*(?:=|\]|\.))"
)
_JSON_KEY = re.compile(rf'(?P<k>"(?P<n>{_NAME_CHARS})")(?=\s*:)')
_PLAIN_NAME = re.compile(_NAME_CHARS)
# How many keys of other names one text's locations search for; later ones are not
# searched (their findings point at the start of the file).
_MAX_KEY_SEARCHES = 32


@dataclass
class _Places:
    """Where one key name occurs: the per-key pattern's match start (``anchors``, sorted),
    and the key's own start and end."""

    anchors: list[int] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)


@dataclass
class _Index:
    """A text's keys by name, and how many searches for other names are left."""

    places: dict[str, _Places] = field(default_factory=dict)
    searches_left: int = _MAX_KEY_SEARCHES


@functools.lru_cache(maxsize=8)
def _key_index(text: str, kind: str) -> _Index:
    pattern = _JSON_KEY if kind == "json" else _TOML_KEY
    index = _Index()
    for match in pattern.finditer(text):
        places = index.places.setdefault(match.group("n"), _Places())
        start = match.start("k")
        # The per-key TOML pattern consumes the character before the key, unless the key
        # starts a line; a search from an offset finds the key when that start is at or
        # after the offset.
        at_line_start = start == 0 or text[start - 1] in "\r\n"
        places.anchors.append(start if kind == "json" or at_line_start else start - 1)
        places.starts.append(start)
        places.ends.append(match.end("k"))
    return index


def _find_key(text: str, name: str, kind: str, search_from: int) -> tuple[int, int] | None:
    index = _key_index(text, kind)
    if _PLAIN_NAME.fullmatch(name):
        places = index.places.get(name)
        if places is None:
            return None
        at = bisect.bisect_left(places.anchors, search_from)
        return (places.starts[at], places.ends[at]) if at < len(places.anchors) else None
    if index.searches_left <= 0:
        return None
    index.searches_left -= 1
    escaped = re.escape(name)
    if kind == "json":
        pattern = rf'(?P<k>"{escaped}")\s*:'
    else:  # TOML: key = value, a [table] or [[array]] header, or a dotted key
        pattern = rf"(?m)(?:^|[.\[\s{{,])(?P<k>[\"']?{escaped}[\"']?)\s*(?:=|\]|\.)"
    match = re.compile(pattern).search(text, search_from)
    return (match.start("k"), match.end("k")) if match is not None else None


def find_key_in_text(text: str, loc: Sequence[str | int], kind: str) -> int:
    """Offset of the deepest key of ``loc`` found in order in a TOML or JSON text, or 0."""
    offset = 0
    search_from = 0
    for part in loc:
        if not isinstance(part, str):
            continue
        found = _find_key(text, part, kind, search_from)
        if found is None:
            break
        offset, search_from = found
    return offset
