"""The rule records of the hidden family: codes, severities and documentation.

No checking code, so that the rule table (:data:`pozo_site.check.RULES`), the reporters
and ``--select`` cost nothing to import; the checks are in
:mod:`pozo_site.check._rules.hidden`.
"""

from __future__ import annotations

from pozo_site.check._finding import Severity
from pozo_site.check._rule import Family, Rule

__all__ = ["BIDI_CONTROL", "INVISIBLE_CHARACTER", "RULES"]

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
