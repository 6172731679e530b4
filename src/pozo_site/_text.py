"""Sanitised text types shared by every model.

``SingleLine`` turns line breaks (CR, LF, NEL, U+2028, U+2029 and the like) and tabs into a
space, so that words on two lines stay two words, drops every other control character and
lone surrogates, then trims surrounding white space. ``MultiLine`` keeps
newlines and tabs, turns CRLF and lone CR into LF, and drops every other control
character. Neither can carry a character that would let a value add a header line to an
e-mail or a property line to a vCard. Lengths are checked after cleaning; the raw input
is capped too (at twice the limit), before any per-character work.

>>> from pydantic import TypeAdapter
>>> TypeAdapter(SingleLine).validate_python("  Pozo\\r\\nGoldstein\\x00 ")
'Pozo Goldstein'
>>> TypeAdapter(MultiLine).validate_python("a\\r\\nb\\x07")
'a\\nb'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

from pydantic_core import PydanticKnownError, core_schema

if TYPE_CHECKING:  # annotations only
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue

__all__ = [
    "LongText",
    "MultiLine",
    "ShortText",
    "SingleLine",
    "Text",
    "clean_multi_line",
    "clean_single_line",
]

_MULTI_KEEP = frozenset("\n\t")
_NEWLINES = re.compile(r"\r\n?")


def _is_dropped(char: str) -> bool:
    # Cc: C0/C1 controls; Cs: lone surrogates (unencodable); Zl/Zp: U+2028/U+2029.
    return unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp")


# Line breaks (with the blanks around them) and tabs separate words: they become one space.
_BREAKS = re.compile(r"[ \t]*[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+[ \t]*|\t")


def clean_single_line(value: str) -> str:
    """Return ``value`` on one line: breaks and tabs become a space, other controls go.

    >>> clean_single_line(" Pozo\\r\\nGoldstein\\x00 ")
    'Pozo Goldstein'
    """
    if value.isprintable():  # fast path: nothing to drop
        return value.strip()
    value = _BREAKS.sub(" ", value)
    return "".join(c for c in value if not _is_dropped(c)).strip()


def clean_multi_line(value: str) -> str:
    """Return ``value`` with LF line ends and no control characters but LF and tab.

    >>> clean_multi_line("a\\r\\n\\tb\\x1b")
    'a\\n\\tb'
    """
    value = _NEWLINES.sub("\n", value)
    if value.isprintable():
        return value
    return "".join(c for c in value if c in _MULTI_KEEP or not _is_dropped(c))


@dataclass(frozen=True)
class Text:
    """``Annotated`` marker for a cleaned string field with length bounds.

    >>> from pydantic import TypeAdapter
    >>> TypeAdapter(Annotated[str, Text(max_length=3)]).validate_python(" abc ")
    'abc'
    """

    max_length: int
    min_length: int = 1
    multi_line: bool = False

    def __post_init__(self) -> None:
        if self.min_length < 0 or self.max_length < max(self.min_length, 1):
            raise ValueError("Text needs 0 <= min_length <= max_length and max_length >= 1")

    def _clean(self, value: str) -> str:
        if len(value) > 2 * self.max_length:  # refuse before any per-character work
            raise PydanticKnownError("string_too_long", {"max_length": self.max_length})
        value = clean_multi_line(value) if self.multi_line else clean_single_line(value)
        if len(value) < self.min_length:
            raise PydanticKnownError("string_too_short", {"min_length": self.min_length})
        if len(value) > self.max_length:
            raise PydanticKnownError("string_too_long", {"max_length": self.max_length})
        return value

    def __get_pydantic_core_schema__(
        self, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self._clean, core_schema.str_schema())

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        result = handler(schema)
        result["maxLength"] = self.max_length
        if self.min_length:
            result["minLength"] = self.min_length
        return result


SingleLine = Annotated[str, Text(max_length=1_000)]
"""One line of text, 1 to 1,000 characters after cleaning."""

ShortText = Annotated[str, Text(max_length=200)]
"""A name, title or label: one line, 1 to 200 characters after cleaning."""

MultiLine = Annotated[str, Text(max_length=10_000, min_length=0, multi_line=True)]
"""Free text such as a message: newlines kept, at most 10,000 characters."""

LongText = Annotated[str, Text(max_length=1_000_000, min_length=0, multi_line=True)]
"""A long document such as an article body: newlines kept, at most 1,000,000 characters."""
