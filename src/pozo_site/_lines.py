"""Lines and columns of a text: where each line starts, and the position of an offset.

Lines are what the text's own line ends make them: CRLF, LF or a lone CR each end one line
(as Git, editors and CI annotations count them); columns are 1-based and count code
points. Light to import (no parser): :mod:`pozo_site._locate` re-exports both functions.

>>> starts = line_starts("a\r\nbc\rd")
>>> starts, position(starts, 4, 7)
([0, 3, 6], (2, 2))
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections.abc import Sequence

__all__ = ["line_starts", "position"]

# The file's own line ends: CRLF, LF or a lone CR each end one line (as Git, editors and
# CI annotations count them).
_LINE_END = re.compile(r"\r\n|\r|\n")


def line_starts(text: str) -> list[int]:
    """The offset at which each line of ``text`` starts."""
    if "\r" in text:
        return [0, *(m.end() for m in _LINE_END.finditer(text))]
    # Only "\n" ends lines: each line's length plus one, summed, with no Python step per
    # line (a 12 KB page has a few hundred lines, and every file is read for them).
    lengths = map(len, text.split("\n"))
    return list(itertools.accumulate(map(operator.add, lengths, itertools.repeat(1)), initial=0))[
        :-1
    ]


def position(starts: Sequence[int], offset: int, length: int) -> tuple[int, int]:
    """The 1-based ``(line, column)`` of character ``offset`` in a text of ``length``
    characters whose :func:`line_starts` are ``starts``; columns count code points."""
    offset = max(0, min(offset, length))
    line = bisect.bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1
