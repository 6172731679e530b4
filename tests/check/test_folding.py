"""``may_hold_any`` never says "no" where a case-insensitive pattern would match."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pozo_site.check._rules._folding import may_hold_any

_WORDS = ("mailto:", "www.", "href", "src", "data", "cite", "specialist", "kiss")
# Each letter as a case-insensitive pattern may meet it (the odd ones included).
_FORMS = {"i": "iI\u0130\u0131", "s": "sS\u017f", "k": "kK\u212a"}
_AROUND = st.text(alphabet="aeis \u00df\u00e9:.\u0130", max_size=6)


@st.composite
def _written(draw: st.DrawFn) -> tuple[str, str]:
    word = draw(st.sampled_from(_WORDS))
    forms = [draw(st.sampled_from(_FORMS.get(c, c + c.upper()))) for c in word]
    return draw(_AROUND) + "".join(forms) + draw(_AROUND), word


@settings(max_examples=1000, deadline=None)
@given(_written())
def test_a_case_insensitive_match_is_never_ruled_out(case: tuple[str, str]) -> None:
    text, word = case
    if re.search(re.escape(word), text, re.IGNORECASE):
        assert may_hold_any(text, [word])


def test_the_letters_that_lower_case_apart_are_let_through() -> None:
    for text in ("ma\u0131lto:", "MA\u0130LTO:", "\u017frc", "\u212aiss"):
        assert re.search(r"mailto:|src|kiss", text, re.IGNORECASE)
        assert may_hold_any(text, ["mailto:", "src", "kiss"])
    assert not may_hold_any("no address here", ["mailto:", "www."])
