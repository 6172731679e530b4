"""Finding the place in a file that a pydantic error location or a key refers to.

YAML files use the composed node graph: ``("image", "alt")`` is the ``alt`` key under
``image``, ``("tags", 2)`` the third item of ``tags``. A value error points at the value;
an unknown key at the key; a missing key at the mapping that lacks it (its key, or the
start of the document at the top level). TOML and JSON firm files have no node graph;
there the key is found by a search of the text, which gives the line of a key that is
written once (good enough for a hand-written profile), else the start of the file.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Sequence

import yaml

__all__ = ["find_key_in_text", "locate_node", "mapping_get", "yaml_offset"]

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


def find_key_in_text(text: str, loc: Sequence[str | int], kind: str) -> int:
    """Offset of the deepest key of ``loc`` found in order in a TOML or JSON text, or 0."""
    offset = 0
    search_from = 0
    for part in loc:
        if not isinstance(part, str):
            continue
        name = re.escape(part)
        if kind == "json":
            pattern = rf'(?P<k>"{name}")\s*:'
        else:  # TOML: key = value, a [table] or [[array]] header, or a dotted key
            pattern = rf"(?m)(?:^|[.\[\s{{,])(?P<k>[\"']?{name}[\"']?)\s*(?:=|\]|\.)"
        match = re.compile(pattern).search(text, search_from)
        if match is None:
            break
        offset, search_from = match.start("k"), match.end("k")
    return offset
