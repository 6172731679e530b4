"""Text made safe for a terminal or a log line: every character that could break a line,
reorder it on screen or start a terminal escape sequence is shown as an escape.

Shared by the check reporters (text, GitHub), the diff headers and the CLI's messages.

>>> printable("a\\nb\\x1b[31m\\u202e\\u2028")
'a\\\\nb\\\\x1b[31m\\\\u202e\\\\u2028'
"""

from __future__ import annotations

from typing import Final

__all__ = ["printable"]

_SHORT_ESCAPES: Final = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
_ESCAPES: Final = (
    {
        code: _SHORT_ESCAPES.get(chr(code), f"\\x{code:02x}")
        for code in (*range(0x20), *range(0x7F, 0xA0))  # C0, DEL and C1 (NEL among them)
    }
    | {
        code: f"\\u{code:04x}"
        for code in (
            0x061C,  # Arabic letter mark
            0x200E,  # left-to-right and right-to-left marks
            0x200F,
            *range(0x202A, 0x202F),  # embeddings and overrides
            *range(0x2066, 0x206A),  # isolates
            0x2028,  # line and paragraph separators: a line break to many readers
            0x2029,
        )
    }
    | {code: f"\\u{code:04x}" for code in range(0xD800, 0xE000)}  # lone surrogates
)


def printable(value: str) -> str:
    """``value`` with control, bidi and line-separator characters and lone surrogates
    escaped (``\\n``, ``\\x1b``, ``\\u202e``, ``\\udcff``); everything else as it is.

    Surrogates are how Python keeps the bytes of a file name that is not UTF-8; escaped,
    they can be written to any stream.
    """
    return value.translate(_ESCAPES)
