"""Whether a case-insensitive pattern can match, asked of a lower-cased text first.

A pattern compiled with ``re.IGNORECASE`` is slow to run over text that holds none of its
words; ``word in text.lower()`` is fast. The two agree for ASCII words except where the
text holds one of the few other characters such a pattern matches with an ASCII letter
and that ``str.lower`` keeps apart from it: then the pattern has to be run.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

__all__ = ["may_hold_any"]

_FOLDED: Final = ("\u0130", "\u0131", "\u017f")
"""The only characters besides ASCII letters that a case-insensitive regular expression
matches with an ASCII letter and that lower-case to something else ("\u0130", dotless
"\u0131", long "\u017f"; the Kelvin sign lower-cases to "k")."""


def may_hold_any(text: str, words: Iterable[str]) -> bool:
    """Whether a case-insensitive match of one of ``words`` (ASCII, lower case) may be in
    ``text``: ``False`` only when none can be."""
    if any(char in text for char in _FOLDED):
        return True
    lowered = text.lower()
    return any(word in lowered for word in words)
