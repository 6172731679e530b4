"""Hidden characters: invisible and bidirectional-control characters, and text without them.

A reader does not see a zero-width space, a soft hyphen or a word joiner, so
``212-555-01<U+200B>23`` shows a phone number that a program reading the characters does
not; a right-to-left override (U+202E) shows characters in an order other than the one
they are stored in. :func:`unhide` removes the invisible and control characters, keeping
a map from each offset in the result to the offset in the original, so that what is
found in the text a reader sees can be reported where it is written.

>>> visible = unhide("01\\u200b23")
>>> visible.text, visible.original(2), visible.original_end(4)
('0123', 3, 5)
"""

from __future__ import annotations

import bisect
import re
from typing import Final, NamedTuple

__all__ = ["BIDI_CONTROLS", "HIDDEN_PATTERN", "INVISIBLE", "Unhidden", "unhide"]

INVISIBLE: Final = frozenset(
    "\u00ad"  # soft hyphen
    "\u180e"  # Mongolian vowel separator
    "\u200b"  # zero-width space
    "\u200c"  # zero-width non-joiner
    "\u200d"  # zero-width joiner
    "\u2060"  # word joiner
    "\u2061\u2062\u2063\u2064"  # invisible function application, times, separator, plus
    "\ufeff"  # zero-width no-break space (a byte-order mark inside the text)
)
"""Characters that take no space and show nothing."""

BIDI_CONTROLS: Final = frozenset(
    "\u061c"  # Arabic letter mark
    "\u200e\u200f"  # left-to-right and right-to-left marks
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings, pop, overrides
    "\u2066\u2067\u2068\u2069"  # isolates and pop
)
"""Characters that change the order text is shown in, and show nothing themselves."""

_HIDDEN: Final = INVISIBLE | BIDI_CONTROLS
HIDDEN_PATTERN: Final = re.compile("[" + "".join(sorted(_HIDDEN)) + "]")
"""One hidden character (see :data:`INVISIBLE` and :data:`BIDI_CONTROLS`)."""


class Unhidden(NamedTuple):
    """A text without its hidden characters, and the way back to the original offsets."""

    text: str
    """The text as a reader sees it: no invisible or bidi-control characters."""
    gaps: tuple[int, ...] = ()
    """For each removed character, in order, the offset in :attr:`text` it sat before."""

    def original(self, index: int) -> int:
        """The offset in the original text of the character at ``index`` of :attr:`text`."""
        return index + bisect.bisect_right(self.gaps, index)

    def original_end(self, index: int) -> int:
        """The original offset just past the character before ``index`` (an end offset):
        hidden characters right after a found span are left out of it."""
        return self.original(index - 1) + 1 if index > 0 else 0


def unhide(text: str) -> Unhidden:
    """``text`` without invisible and bidi-control characters (see :class:`Unhidden`)."""
    if text.isascii():
        return Unhidden(text)
    gaps = tuple(m.start() - n for n, m in enumerate(HIDDEN_PATTERN.finditer(text)))
    if not gaps:
        return Unhidden(text)
    return Unhidden(HIDDEN_PATTERN.sub("", text), gaps)
