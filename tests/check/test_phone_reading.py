"""Reading numbers as people write them: shapes that are not phone numbers, full vanity
shapes, bare digit runs, and text one digit off a known number."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pozo_site import PhoneNumber
from pozo_site._phone_finder import (
    _NANP_SHAPE,
    _NEAR_SHAPE,
    DEFAULT_PHONE_MAX_BARE_DIGITS,
    Reading,
    _digit_runs,
    _shape_matches,
    _shape_windows,
    find_numbers,
)
from pozo_site.check import check_paths
from pozo_site.check._rules import phone
from pozo_site.check._rules.phone import _one_digit_off, reading_text
from tests.check.conftest import config

FIRM = PhoneNumber.parse("212-201-9031")
NEAR_FIRM = Reading(near_targets=(("2122019031", FIRM),))


@pytest.mark.parametrize(
    "text",
    [
        "Upgrade to PHP 7.3-rc.1 now.",
        "The 2.0-preview.4 build and the 4.12.2125550 nightly.",
        "## 2019-October",
        "The limit is 2147483648 bytes; order 4155550123 shipped.",
        "Rivera v. Palmetto, No. 1:18-cv-0912-XYZ (S.D.N.Y.).",
        "See sections 12.101 \u2013 12.109, or 12.101\u201312.109.",
        "Check-in runs 9.30am-9.45am daily.",
        "Turn the map 360-degrees; 360-DEGREES in capitals.",
        "Filed 2019-10-12 and 12-25-2019 3:30.",
        "New York, NY 10007-1234, and 11201-2034.",
        "A-123-456-789, A123456789, A-212-201-9031.",
        "Receipts IOE0912345678, EAC2190012345, EAC 219 001 2345, MSC-21-912-34567.",
        "Receipt IOE 212 201 9031 is the firm's digits, but a receipt.",
        "Model X-5550123-A; SKU 800-555-0199X; 212-201-9031-4 and 212-201-9031.5.",
        "Prices $2125550123 and §2125550123; 21%2125550123.",
        "Pages 1200.7.1 and 8 U.S.C. 1101(a)(15)(U); 22 NYCRR 1200.0.",
        "Ratios 212 5550 123 and 2125 550 123 are no groupings of a number.",
    ],
)
def test_shapes_that_are_not_phone_numbers(text: str) -> None:
    assert find_numbers(text) == []
    assert find_numbers(text, NEAR_FIRM) == []


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("Call 212 201 9031.", "212 201 9031"),
        ("Call 1 (212) 201-9031!", "1 (212) 201-9031"),
        ("Tel:212-201-9031", "212-201-9031"),
        ("Tel.: (212)201-9031", "(212)201-9031"),
        ("**212-201-9031**", "212-201-9031"),
        ("_212-201-9031_", "212-201-9031"),
        ("Call 212-201-9031.", "212-201-9031"),
        ("Call 212-201-9031 \u2013 any time", "212-201-9031"),
        ("Call +44 20 7946 0958 in London.", "+44 20 7946 0958"),
        ("Call +12122019031.", "+12122019031"),
        ("Call 1-800-FLOWERS.", "1-800-FLOWERS"),
        ("Call 1-800-Flowers.", "1-800-Flowers"),
        ("Call 800-FLOWERS.", "800-FLOWERS"),
        ("Call 1-88-VISA-LAW-1.", "1-88-VISA-LAW-1"),
        ("Call 1-800-LAW-HELP.", "1-800-LAW-HELP"),
        ("Call 2125550123 today.", "2125550123"),
        ("Phone: 2125550123", "2125550123"),
        ("Llame al 2125550123.", "2125550123"),
        ("Call 212-201-9031 x12.", "212-201-9031 x12"),
        ("Call 011 44 20 7946 0958 from New York.", "011 44 20 7946 0958"),
        ("Call (2122019031) now.", "2122019031"),
    ],
)
def test_numbers_as_people_write_them_are_found(text: str, raw: str) -> None:
    found = find_numbers(text)
    assert [f.raw for f in found] == [raw]
    assert found[0].number is not None
    assert text[found[0].start : found[0].end] == raw


def test_text_that_spells_too_many_digits_is_no_number() -> None:
    assert find_numbers("Call 1-800-MATTRESSES now.") == []


def test_bare_runs_follow_the_setting() -> None:
    assert DEFAULT_PHONE_MAX_BARE_DIGITS == 9
    assert find_numbers("Order 2125550123 shipped.") == []
    assert [f.raw for f in find_numbers("Order 2125550123.", Reading(max_bare_digits=10))] == [
        "2125550123"
    ]
    # The cue must be close: a word far before, or across a sentence end, is no cue.
    assert find_numbers("Call us. Order 2125550123 shipped.") == []
    assert find_numbers("Order (2125550123) shipped.") == []
    assert find_numbers("Call the office and ask for order 2125550123.") == []


def test_the_firms_own_vanity_text_is_read_whatever_its_shape() -> None:
    text = "Call 212-FIRM-LAW today."
    assert find_numbers(text) == []  # no country code, no brackets, not toll free
    vanity = Reading(vanity_symbols=frozenset({"212FIRMLAW"}))
    found = find_numbers(text, vanity)
    assert [(f.raw, f.number) for f in found] == [
        ("212-FIRM-LAW", PhoneNumber.parse("212-347-6529"))
    ]


@pytest.mark.parametrize(
    "raw",
    [
        "212-201-903",
        "(212) 201-903",
        "212.201.903",
        "1-212-201-903",
        "+1 212-201-90311",
        "212-201-90311",
    ],
)
def test_a_known_number_with_a_digit_missing_or_extra_is_found(raw: str) -> None:
    text = f"Call {raw} today."
    assert find_numbers(text) == []  # without known numbers, nothing to be near
    found = find_numbers(text, NEAR_FIRM)
    assert [(f.raw, f.number, f.near) for f in found] == [(raw, None, FIRM)]


@pytest.mark.parametrize(
    "text",
    [
        "Call 212-201-90 today.",  # two digits missing
        "Call 213-201-903 today.",  # one missing and one changed
        "Call 212-201-9031 today.",  # the number itself (found as valid, not near)
        "A-212-201-903 and 1:212-201-903 and 212-201-903-ABC.",
    ],
)
def test_text_further_off_or_glued_is_not_a_near_miss(text: str) -> None:
    assert all(f.near is None for f in find_numbers(text, NEAR_FIRM))


def test_one_digit_off_means_one_changed_or_two_neighbours_swapped() -> None:
    assert _one_digit_off("2122019013", "2122019031")  # swapped
    assert _one_digit_off("2122019032", "2122019031")  # changed
    assert not _one_digit_off("2122019031", "2122019031")  # the same
    assert not _one_digit_off("2122019130", "2122019031")  # two apart
    assert not _one_digit_off("3122019032", "2122019031")  # two changed
    assert not _one_digit_off("2122019", "2122019031")  # other length


def test_reading_text_keeps_offsets() -> None:
    text = "Call 212\n201-9031.\n\nNext paragraph.\r\n"
    assert len(reading_text(text)) == len(text)
    assert reading_text("no line end") == "no line end"


def _joined_by_the_general_pattern(text: str) -> str:
    return phone._SOFT_BREAK.sub(lambda m: " " * len(m.group(0)), text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="\n\r \t1a-", max_size=40))
def test_soft_line_breaks_are_joined_as_the_general_pattern_joins_them(text: str) -> None:
    # Texts without "\r" take a pattern of their own (replaced in C): the same result.
    assert reading_text(text) == _joined_by_the_general_pattern(text)
    lf_only = text.replace("\r", "")
    assert reading_text(lf_only) == _joined_by_the_general_pattern(lf_only)


_GLUE_BEFORE = st.sampled_from(
    ["a", "Z", "7", "é", "v1.", "x-", "1:", "12/", "$", "§", "4 \u2013 "]
)
_GLUE_AFTER = st.sampled_from(["a", "Z", "7", "é", "-b", ".c", ".5", "/7", "%", "°", ":3"])


@settings(max_examples=100, deadline=None)
@given(glue=st.one_of(_GLUE_BEFORE.map(lambda g: (g, "")), _GLUE_AFTER.map(lambda g: ("", g))))
def test_a_number_glued_to_a_word_is_not_read(glue: tuple[str, str]) -> None:
    number = "212-201-9031"
    text = f"See {glue[0]}{number}{glue[1]} now."
    spans = [(f.start, f.end) for f in find_numbers(text, NEAR_FIRM)]
    start = text.index(number)
    assert (start, start + len(number)) not in spans


# -- through the rule: messages -----------------------------------------------------------


def _front(body: str) -> str:
    return f"---\ntitle: T\nslug: t\ndate: 2024-01-01\n---\n{body}"


def test_messages_say_how_to_allow_a_number_and_name_the_near_firm_number(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    write(
        "articles/a.md",
        _front("USCIS: (646) 555-0131.\nUs: 212-201-9013.\nUs: 212-201-903.\n"),
    )
    findings = check_paths([Path(".")], config()).findings
    assert [(f.code, f.line) for f in findings] == [("P001", 6), ("P001", 7), ("P003", 8)]
    unknown, swapped, short = (f.message for f in findings)
    assert "list it in other-numbers in [tool.pozo-site]" in unknown
    assert "add it to the firm profile" in unknown
    assert "differs from the firm's number 212-201-9031 by one digit" in swapped
    assert short == (
        "'212-201-903' has one digit too few for a phone number; did you mean the firm's "
        "number 212-201-9031?"
    )


def test_a_number_abroad_is_p001_without_a_near_hint(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    write("articles/a.md", _front("London: +44 20 7946 0958.\n"))
    (finding,) = check_paths([Path(".")], config()).findings
    assert finding.code == "P001"
    assert "differs from" not in finding.message


def test_a_near_miss_of_the_vanity_number_names_both_forms(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    write("articles/a.md", _front("Toll free: 1-888-472-52911.\n"))
    (finding,) = check_paths([Path(".")], config()).findings
    assert finding.code == "P003"
    assert "too many" in finding.message
    assert "1-88-VISA-LAW-1 (888-472-5291)" in finding.message


_WORDS = st.sampled_from(
    [
        "call",
        "(212)",
        "201-9031",
        "212-201-903",
        "+1",
        "1",
        "212",
        "201",
        "9031",
        "2017",
        "A-",
        "IOE",
        "x",
        "(",
        ")",
        "12.101",
        "1:18",
        "-cv-",
        "555-0199",
        "(800)",
        "90311",
    ]
)
_SEPARATORS = st.sampled_from([" ", "", "-", ".", "\n", ", ", "("])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_WORDS, _SEPARATORS), max_size=25))
def test_shape_passes_in_digit_windows_equal_whole_text_passes(
    parts: list[tuple[str, str]],
) -> None:
    text = "".join(word + sep for word, sep in parts)
    windows = _shape_windows(text, _digit_runs(text))
    for pattern in (_NANP_SHAPE, _NEAR_SHAPE):
        whole = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in _shape_matches(pattern, text, windows)] == whole
