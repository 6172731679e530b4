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
from pozo_site.check._finding import Edit, Finding, Fix, Severity
from pozo_site.check._rule import Family, Rule
from pozo_site.check._rules._base import Checker, Context
from pozo_site.check._source import ArticleDoc, FirmDoc, Source

__all__ = ["BIDI_CONTROL", "CHECKERS", "INVISIBLE_CHARACTER", "RULES"]

INVISIBLE_CHARACTER = Rule(
    code="H001",
    name="invisible-character",
    family=Family.HIDDEN,
    severity=Severity.ERROR,
    fixable=True,
    summary="The text holds an invisible character (zero-width space, soft hyphen, ...).",
    explanation=(
        "Zero-width spaces, joiners and non-joiners, word joiners, soft hyphens and "
        "byte-order marks inside the text show nothing, so they can hide what the text "
        "says: 'Call 212-555-01(U+200B)23' shows a reader a number that search, "
        "copy-and-paste and phones do not see. They usually arrive by pasting from a "
        "word processor or a web page. --fix removes them (a joiner that shapes an "
        "emoji or a letter of Arabic or an Indic script is left alone, unreported)."
    ),
    example="Call 212-555-01\u200b23 (a zero-width space between 01 and 23).",
    reference="Unicode Technical Standard #39, section 4",
)
BIDI_CONTROL = Rule(
    code="H002",
    name="bidi-control",
    family=Family.HIDDEN,
    severity=Severity.ERROR,
    summary="The text holds a bidirectional control character (such as U+202E).",
    explanation=(
        "Right-to-left and left-to-right overrides, embeddings, isolates and marks "
        "change the order in which characters are shown, and show nothing themselves: "
        "a phone number or a sentence can be displayed reversed or reordered while it "
        "is stored otherwise (CVE-2021-42574, 'Trojan Source'). Remove them; if the "
        "text is right-to-left and one is meant, suppress the finding on that line."
    ),
    example="Call 1329-555-212 (stored reversed after a U+202E right-to-left override)",
    reference="Unicode Standard Annex #9; CVE-2021-42574",
)
RULES: tuple[Rule, ...] = (INVISIBLE_CHARACTER, BIDI_CONTROL)
"""This family's rules, in code order; the rule table is built from them."""

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
