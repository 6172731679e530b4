"""Hidden-character rules (H): invisible and bidi-control characters in articles and the
firm profile.

A reader does not see them, so they can hide what the text says: a zero-width space
inside ``212-555-0123`` shows a number that no program finds, and a right-to-left override
shows characters in another order than they are stored (the "Trojan Source" trick). The
phone rules read through them (see :mod:`pozo_site._hidden`); these rules report them.

An invisible character is removed by ``--fix`` where removal changes nothing a reader
sees: everywhere except a zero-width joiner or non-joiner next to a letter of a script
that uses them (Arabic, Persian, the Indic scripts) or inside an emoji sequence, where it
shapes what is shown and is not reported at all. Bidi controls are reported, never
removed: in right-to-left text they may be meant.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Final

from pozo_site._hidden import BIDI_CONTROLS, HIDDEN_PATTERN
from pozo_site.check._codes.hidden import BIDI_CONTROL, INVISIBLE_CHARACTER, RULES
from pozo_site.check._finding import Edit, Finding, Fix
from pozo_site.check._rules._base import Checker, Context
from pozo_site.check._source import ArticleDoc, FirmDoc, Source

__all__ = ["BIDI_CONTROL", "CHECKERS", "INVISIBLE_CHARACTER", "RULES"]


_JOINERS: Final = frozenset("\u200c\u200d")
# Scripts whose shaping uses joiners (by the first word of the character's Unicode name).
_JOINING_SCRIPTS: Final = frozenset(
    {
        "ARABIC", "SYRIAC", "NKO", "MONGOLIAN", "DEVANAGARI", "BENGALI", "GURMUKHI",
        "GUJARATI", "ORIYA", "TAMIL", "TELUGU", "KANNADA", "MALAYALAM", "SINHALA",
        "KHMER", "MYANMAR", "TIBETAN", "HEBREW",
    }
)  # fmt: skip


def _shapes(char: str) -> bool:
    """Whether a joiner next to ``char`` shapes it: a letter of a joining script, or part
    of an emoji sequence (a symbol, a variation selector, a skin tone)."""
    if not char:
        return False
    category = unicodedata.category(char)
    if category == "So" or "\ufe00" <= char <= "\ufe0f" or "\U0001f3fb" <= char <= "\U0001f3ff":
        return True
    return category[0] in "LM" and unicodedata.name(char, "").split(" ")[0] in _JOINING_SCRIPTS


def _findings(source: Source, start: int, end: int) -> Iterator[Finding]:
    text = source.text
    for match in HIDDEN_PATTERN.finditer(text, start, end):
        char = match.group(0)
        at = match.start()
        name = unicodedata.name(char, f"U+{ord(char):04X}")
        label = f"U+{ord(char):04X} {name}"
        if char in BIDI_CONTROLS:
            yield source.finding(
                BIDI_CONTROL,
                at,
                f"a bidi control character ({label}) changes the order the text is shown in",
                end=at + 1,
            )
            continue
        if char in _JOINERS and (_shapes(text[at - 1 : at]) or _shapes(text[at + 1 : at + 2])):
            continue
        yield source.finding(
            INVISIBLE_CHARACTER,
            at,
            f"an invisible character ({label}) hides what the text says; remove it",
            end=at + 1,
            fix=Fix(f"remove {label}", (Edit(at, at + 1, ""),)),
        )


def _check_article(doc: ArticleDoc, ctx: Context) -> Iterator[Finding]:
    yield from _findings(doc.source, 0, len(doc.source.text))


def _check_firm(doc: FirmDoc, ctx: Context) -> Iterator[Finding]:
    if doc.source is not None:
        yield from _findings(doc.source, 0, len(doc.source.text))


CHECKERS = (
    Checker(
        codes=(INVISIBLE_CHARACTER.code, BIDI_CONTROL.code),
        article=_check_article,
        firm=_check_firm,
    ),
)
