"""Where lines start: CRLF, LF and a lone CR each end one line, whatever the path taken."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pozo_site._lines import line_starts, position

_LINE_END = re.compile(r"\r\n|\r|\n")


def _by_definition(text: str) -> list[int]:
    return [0, *(match.end() for match in _LINE_END.finditer(text))]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="\r\na\u2028\x85 ", max_size=40))
def test_line_starts_are_the_line_ends_of_the_definition(text: str) -> None:
    assert line_starts(text) == _by_definition(text)
    assert line_starts(text.replace("\r", "")) == _by_definition(text.replace("\r", ""))


def test_only_cr_lf_and_lf_end_lines() -> None:
    text = "a\nb\r\nc\rd\u2028e\x85f\n"
    assert line_starts(text) == [0, 2, 5, 7, 13]
    assert position(line_starts(text), 8, len(text)) == (4, 2)
    assert line_starts("") == [0]
    assert line_starts("\n\n") == [0, 1, 2]
