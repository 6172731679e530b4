"""Completion of front matter keys from the article schema (``pozo-site schema article``).

At the start of a front matter line the article's keys not yet written are offered
(required ones first); indented under a key whose value is a mapping (``image:``), that
mapping's keys. The schema is the one editors validate against, so the keys are exactly
those the checks accept.

>>> [k.key for k in complete_keys("---\\ntitle: A\\n\\n---\\n", 13)][:2]
['date', 'slug']
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final

from pozo_site._frontmatter import FrontMatterError, split_front_matter
from pozo_site._schema import build_schema
from pozo_site.server._positions import LineIndex

__all__ = ["KeyCompletion", "complete_keys"]


@dataclass(frozen=True)
class KeyCompletion:
    """A front matter key to offer: its name, a one-line detail, and whether required."""

    key: str
    detail: str
    required: bool
    object: bool
    """Whether its value is a mapping (so the key is followed by a line break)."""


def complete_keys(text: str, offset: int) -> list[KeyCompletion]:
    """The keys that may be written at ``offset`` of an article's ``text`` (without a
    byte-order mark); none outside the front matter or after other text on the line."""
    index = LineIndex(text)
    line, _ = index.position(offset, "utf-32")
    region = _front_matter_lines(text)
    if region is None or not region[0] <= line < region[1]:
        return []
    before = text[index.starts[line] : offset]
    match = re.fullmatch(r"([ \t]*)[A-Za-z_]*", before)
    if match is None:
        return []
    lines = [text[index.starts[n] : index.line_end(n)] for n in range(*region)]
    cursor = line - region[0]
    others = [*lines[:cursor], "", *lines[cursor + 1 :]]
    schema = build_schema("article")
    if not match.group(1):
        return _keys(schema, schema, _used(others, ""))
    parent = _parent_key(lines[:cursor], len(match.group(1)))
    if parent is None:
        return []
    target = _object_schema(schema, schema.get("properties", {}).get(parent[0]))
    if target is None:
        return []
    block = others[parent[1] + 1 :]
    stop = next((n for n, t in enumerate(block) if _KEY.match(t) and t[:1].strip()), None)
    return _keys(schema, target, _used(block[:stop], match.group(1)))


def _front_matter_lines(text: str) -> tuple[int, int] | None:
    """The 0-based lines ``[first, stop)`` of the front matter, also while it is being
    written (not yet closed)."""
    try:
        parts = split_front_matter(text)
    except FrontMatterError as error:
        if error.code != "front_matter_unterminated":
            return None
        return 1, len(LineIndex(text).starts)
    return parts.yaml_line - 1, parts.body_line - 2


_KEY: Final = re.compile(r"([ \t]*)([A-Za-z_][\w-]*)[ \t]*:")


def _used(lines: list[str], indent: str) -> set[str]:
    used = set()
    for text in lines:
        match = _KEY.match(text)
        if match is not None and match.group(1) == indent:
            used.add(match.group(2))
    return used


def _parent_key(lines: list[str], indent: int) -> tuple[str, int] | None:
    """The key of the nearest line above with less indentation, and its line."""
    for number in range(len(lines) - 1, -1, -1):
        match = _KEY.match(lines[number])
        if match is None:
            continue
        if len(match.group(1)) < indent:
            return (match.group(2), number) if not match.group(1) else None
    return None


def _resolve(root: Mapping[str, Any], schema: Any) -> Iterator[Mapping[str, Any]]:
    if not isinstance(schema, Mapping):
        return
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        yield from _resolve(root, root.get("$defs", {}).get(ref.removeprefix("#/$defs/")))
        return
    yield schema
    for option in schema.get("anyOf", ()):
        yield from _resolve(root, option)


def _object_schema(root: Mapping[str, Any], schema: Any) -> Mapping[str, Any] | None:
    for option in _resolve(root, schema):
        if option.get("type") == "object" and "properties" in option:
            return option
    return None


def _detail(root: Mapping[str, Any], schema: Any) -> str:
    kinds = []
    for option in _resolve(root, schema):
        kind = option.get("type")
        if kind == "null" or kind is None:
            continue
        if option.get("format"):
            kind = f"{kind} ({option['format']})"
        kinds.append(str(kind))
    return " or ".join(dict.fromkeys(kinds)) or "any"


def _keys(
    root: Mapping[str, Any], schema: Mapping[str, Any], used: set[str]
) -> list[KeyCompletion]:
    required = set(schema.get("required", ()))
    keys = [
        KeyCompletion(
            key=key,
            detail=_detail(root, value) + (", required" if key in required else ""),
            required=key in required,
            object=_object_schema(root, value) is not None,
        )
        for key, value in schema.get("properties", {}).items()
        if key not in used
    ]
    return sorted(keys, key=lambda k: not k.required)  # required first, else schema order
