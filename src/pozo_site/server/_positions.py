"""Character offsets of a text and LSP positions, in the encoding client and server agreed.

The engine counts in Unicode code points (Python ``str`` indices); an LSP position is a
0-based line and a character offset counted in UTF-16 code units unless the client
offered UTF-8 or UTF-32 at ``initialize`` (LSP 3.17 ``positionEncoding``). Lines end at
CRLF, LF or a lone CR, as they do for the engine and for LSP.

>>> index = LineIndex("a\\U0001f600b\\nc")
>>> index.position(2, "utf-16"), index.position(2, "utf-8"), index.position(2, "utf-32")
((0, 3), (0, 5), (0, 2))
>>> index.offset(0, 3, "utf-16"), index.offset(1, 1, "utf-16")
(2, 5)
"""

from __future__ import annotations

import bisect
import re
from typing import Final

__all__ = ["LineIndex"]

_LINE_END: Final = re.compile(r"\r\n|\r|\n")


def _units(char: str, encoding: str) -> int:
    code = ord(char)
    if encoding == "utf-8":
        return 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4
    if encoding == "utf-32":
        return 1
    return 2 if code > 0xFFFF else 1


class LineIndex:
    """Where each line of ``text`` starts, for converting offsets and positions."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in _LINE_END.finditer(text))]

    def line_end(self, line: int) -> int:
        """The offset where 0-based ``line``'s text ends (before its line end)."""
        line = max(0, min(line, len(self.starts) - 1))
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        while end > self.starts[line] and self.text[end - 1] in "\r\n":
            end -= 1
        return end

    def position(self, offset: int, encoding: str) -> tuple[int, int]:
        """The 0-based ``(line, character)`` of ``offset``, characters in ``encoding``."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        if encoding == "utf-32":
            return line, offset - start
        return line, sum(_units(c, encoding) for c in self.text[start:offset])

    def offset(self, line: int, character: int, encoding: str) -> int:
        """The offset of an LSP position; past the end of its line is the line's end, a
        position inside a character (half a surrogate pair) is that character's start."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[line], self.line_end(line)
        if encoding == "utf-32":
            return min(start + max(character, 0), end)
        count = 0
        for index in range(start, end):
            count += _units(self.text[index], encoding)
            if count > character:
                return index
        return end
