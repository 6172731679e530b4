"""Schema rules (S): the front matter and the firm profile validate against their models.

Every pydantic error becomes one finding at its key, except those a more specific rule
reports (an invalid slug is L001, a date D001/D002, a missing image alt A001).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml

from pozo_site._article import FRONT_MATTER_KEYS
from pozo_site.check._codes.schema import DUPLICATE_KEY, FIRM_INVALID, FRONT_MATTER_INVALID, RULES
from pozo_site.check._finding import Finding
from pozo_site.check._rules._base import Checker, Context, article_offset, firm_offset
from pozo_site.check._source import ArticleDoc, FirmDoc, Source

__all__ = ["CHECKERS", "DUPLICATE_KEY", "FIRM_INVALID", "FRONT_MATTER_INVALID", "RULES", "claimed"]


_DATE_KEYS = frozenset({"date", "updated"})
_KEY_ERRORS = frozenset({"extra_forbidden", "front_matter_body_key"})  # about the key itself


def claimed(error: dict[str, Any]) -> bool:
    """Whether a more specific rule reports this article validation error."""
    loc = tuple(error["loc"])
    if error["type"] == "updated_before_date":
        return True
    if loc == ("slug",) and error["type"] == "slug_invalid":
        return True
    if loc[:1] and loc[0] in _DATE_KEYS and error["type"] != "missing":
        return True
    return loc == ("image", "alt")


def _where(loc: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in loc) or "(top level)"


def _message(loc: tuple[Any, ...], error: dict[str, Any], keys: str | None) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        known = f"; the keys allowed here are {keys}" if keys and len(loc) == 1 else ""
        return f"unknown key '{_where(loc)}'{known}: remove it or correct its spelling"
    if kind == "missing":
        return f"'{_where(loc)}' is required: add it"
    if kind in ("tuple_type", "list_type"):  # pydantic says "tuple"; writers write YAML lists
        return f"{_where(loc)}: must be a list, such as [first, second]"
    return f"{_where(loc)}: {error['msg']}"


def _article_loc(error: dict[str, Any]) -> tuple[Any, ...]:
    loc = tuple(error["loc"])
    if not loc and error["type"] == "tags_not_unique":
        return ("tags",)
    return loc


def _check_article(doc: ArticleDoc, ctx: Context) -> Iterator[Finding]:
    keys = ", ".join((*FRONT_MATTER_KEYS, *ctx.config.extra_keys))
    # A slug is derived from the title; with no usable title, "slug is required" is noise.
    title_failed = any(tuple(e["loc"])[:1] == ("title",) for e in doc.errors)
    for error in doc.errors:
        if claimed(error):
            continue
        if title_failed and tuple(error["loc"]) == ("slug",) and error["type"] == "missing":
            continue
        loc = _article_loc(error)
        offset = article_offset(doc, loc, want_key=error["type"] in _KEY_ERRORS)
        yield doc.source.finding(FRONT_MATTER_INVALID, offset, _message(loc, error, keys))
    yield from _duplicates(doc.node, doc.source, doc.yaml_start)


def _firm_loc(error: dict[str, Any]) -> tuple[Any, ...]:
    loc = tuple(error["loc"])
    if not loc and "phone" in error["msg"]:  # the profile-level checks are about phones
        return ("phones",)
    return loc


def _check_firm(doc: FirmDoc, ctx: Context) -> Iterator[Finding]:
    if doc.source is None:
        return
    for error in doc.errors:
        loc = _firm_loc(error)
        offset = firm_offset(doc, loc, want_key=error["type"] == "extra_forbidden")
        yield doc.source.finding(FIRM_INVALID, offset, _message(loc, error, None))
    yield from _duplicates(doc.node, doc.source, 0)


def _duplicates(root: yaml.Node | None, source: Source, start: int) -> Iterator[Finding]:
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, yaml.Node] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    first = seen.get(key.value)
                    if first is not None:
                        line, _ = source.position(start + first.start_mark.index)
                        yield source.finding(
                            DUPLICATE_KEY,
                            start + key.start_mark.index,
                            f"key '{key.value}' is repeated (first on line {line}); "
                            "only the last value is used: keep one",
                        )
                    else:
                        seen[key.value] = key
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


CHECKERS = (
    Checker(
        codes=(FRONT_MATTER_INVALID.code, FIRM_INVALID.code, DUPLICATE_KEY.code),
        article=_check_article,
        firm=_check_firm,
    ),
)
