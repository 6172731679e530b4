"""Markdown helpers shared by the rule catalogue and the SARIF reporter.

Rule texts are plain prose that may hold code spans in backticks (`` `--fix` ``); the rest
must show literally, so that ``![alt](src)`` in an explanation is text, not an image.

>>> escape_rule_text("write ![alt](src) or <img>, run `pozo-site check --fix`")
'write !\\\\[alt\\\\](src) or \\\\<img\\\\>, run `pozo-site check --fix`'
>>> print(fenced("a ``` b"))
````
a ``` b
````
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["escape_rule_text", "fenced"]

_CODE_SPAN: Final = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.DOTALL)
_SPECIAL: Final = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START: Final = re.compile(r"^([ \t]*)([#>+\-]|\d+[.)])", re.MULTILINE)


def _escape_prose(text: str) -> str:
    text = _SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: f"{m.group(1)}{m.group(2)[:-1]}\\{m.group(2)[-1]}", text)


def escape_rule_text(text: str) -> str:
    """``text`` with Markdown syntax outside code spans escaped, so it renders literally.

    Not :func:`pozo_site.render.escape_markdown`, which does another job: that one makes a
    one-line *value* (a firm's name, an address) show as exactly that text, code spans
    included, and leaves bare URLs unlinked. Rule texts are several lines of prose whose
    code spans (`` `--fix` ``) must stay code, so this one escapes only outside them and at
    the start of every line.
    """
    parts: list[str] = []
    position = 0
    for match in _CODE_SPAN.finditer(text):
        parts.append(_escape_prose(text[position : match.start()]))
        parts.append(match.group(0))
        position = match.end()
    parts.append(_escape_prose(text[position:]))
    return "".join(parts)


def fenced(text: str) -> str:
    """``text`` as a code block whose fence is longer than any backtick run inside it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}\n{text.rstrip(chr(10))}\n{fence}"
