"""Finding phone numbers in prose: the matcher, the vanity pass, invalid shapes, no false hits."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from phonenumbers import Leniency, PhoneNumberMatcher

from pozo_site import PhoneNumber
from pozo_site.check._rules.phone import _library_matches, find_numbers


@pytest.mark.parametrize(
    "text",
    [
        "The NYPD received 1,526 requests in 2017.",
        "Report of 2018-01-01, pages 1526-1530, on 12/25/2017 at 10:30.",
        "ISBN 978-3-16-148410-0 and $1,526,000 and 3.14159265 and 10-year-old.",
        "Form I-130, case A-123456789, receipt IOE-0912345678.",
        "COVID-19 in 2020-2021; 1-2-3-4; version 1.2.3.4.5.6.7",
        "A 1-year-old-kid and a 2017-NYPD-ICE report.",
        "Call 555-0100 (seven digits, no area code).",
    ],
)
def test_no_false_positives(text: str) -> None:
    assert find_numbers(text) == []


def test_forms_found_with_exact_spans() -> None:
    text = (
        "Call (212) 201-9031, +1 212 201 9031, 212.201.9031, 1-88-VISA-LAW-1, "
        "1-800-FLOWERS, tel:+12122019031 or 1-888-472-5291 x12."
    )
    found = find_numbers(text)
    assert [(text[f.start : f.end], f.raw) for f in found] == [(f.raw, f.raw) for f in found]
    assert [f.raw for f in found] == [
        "(212) 201-9031",
        "+1 212 201 9031",
        "212.201.9031",
        "1-88-VISA-LAW-1",
        "1-800-FLOWERS",
        "+12122019031",
        "1-888-472-5291 x12",
    ]
    assert found[3].number == PhoneNumber.parse("+1 888 472 5291")
    assert found[3].number is not None
    assert found[3].number.vanity == "1-88-VISA-LAW-1"


def test_invalid_number_shapes_are_found_without_a_number() -> None:
    found = find_numbers("Not (212) 101-9031 or 555-555-5555 but 212-201-9031.")
    assert [(f.raw, f.number is None) for f in found] == [
        ("(212) 101-9031", True),
        ("555-555-5555", True),
        ("212-201-9031", False),
    ]


_WORDS = st.sampled_from(
    [
        "call",
        "us",
        "at",
        "the",
        "(212)",
        "201-9031",
        "212-201-9031",
        "+1",
        "212",
        "201",
        "9031",
        "1,526",
        "2017",
        "2018-01-01",
        "x12",
        "ext.",
        "1-888-472-5291",
        "$",
        "%",
        "Tel:",
        "#",
        "555-0100",
        "(800)",
        "555-0199",
        "/",
        "—",
    ]
)
_SEPARATORS = st.sampled_from([" ", " ", "  ", "\n", ", ", ". ", "-", "\t"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_WORDS, _SEPARATORS), max_size=30))
def test_windowed_matcher_equals_the_matcher_on_the_whole_text(
    parts: list[tuple[str, str]],
) -> None:
    text = "".join(word + sep for word, sep in parts)
    whole = [(m.start, m.end, m.raw_string) for m in PhoneNumberMatcher(text, "US", Leniency.VALID)]
    assert list(_library_matches(text)) == whole
