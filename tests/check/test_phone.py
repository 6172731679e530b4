"""Finding phone numbers in prose: the matcher, the vanity pass, invalid shapes, no false hits."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from phonenumbers import Leniency, PhoneNumberMatcher

from pozo_site import PhoneNumber
from pozo_site._phone import PhoneStyle
from pozo_site._phone_finder import _library_matches, find_numbers
from pozo_site.check import check_paths, fix_paths
from tests.check.conftest import config


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


def _front(body: str, extra: str = "") -> str:
    return f"---\ntitle: T\nslug: t\ndate: 2024-01-01\n{extra}---\n{body}"


def _codes(*, style: PhoneStyle = PhoneStyle.DASHES) -> list[tuple[str, int, int]]:
    result = check_paths([Path(".")], config(phone_style=style))
    return [(f.code, f.line, f.column) for f in result.findings]


# -- phone numbers: where a number is not prose -------------------------------------------


def test_numbers_in_urls_and_link_targets_are_not_phone_numbers(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    body = (
        "See <https://example.com/2122019031/page> and [site](https://example.com/a/2124567890).\n"
        "![Sign](/img/2122019031.png) and https://example.com/?id=2124567890 in prose.\n"
        '<a href="https://example.com/2122019031">x</a> <img alt="x" src="/i/2124567890.jpg">\n'
        "\n"
        "[ref]: https://example.com/2124567890\n"
    )
    write("articles/a.md", _front(body))
    assert _codes() == []


def test_a_fix_never_rewrites_a_url(write: Callable[..., Path], in_tmp: Path) -> None:
    body = "[site](https://example.com/2122019031) and <https://example.com/212.201.9031>\n"
    path = write("articles/a.md", _front(body))
    before = path.read_text(encoding="utf-8")
    assert fix_paths([Path(".")], config(), write=True).changes == ()
    assert path.read_text(encoding="utf-8") == before


def test_tel_links_are_still_checked(write: Callable[..., Path], in_tmp: Path) -> None:
    write("articles/a.md", _front("[ok](tel:+12122019031) and [bad](tel:+12125550199)\n"))
    assert _codes() == [("P001", 6, 38)]


def test_slug_and_image_src_are_not_prose(write: Callable[..., Path], in_tmp: Path) -> None:
    text = (
        "---\ntitle: Call 212-201-9031\nslug: call-212-201-9031\ndate: 2024-01-01\n"
        "image:\n  src: /images/2122019031.jpg\n  alt: Our sign, 212-201-9031\n---\nx\n"
    )
    write("articles/a.md", text)
    # National style: the title and the alt text are prose, the slug and src are not.
    assert _codes(style=PhoneStyle.NATIONAL) == [("P002", 2, 13), ("P002", 7, 18)]


def test_code_spans_code_blocks_and_comments_are_skipped(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    body = (
        "Code `212-555-0123` and ``a ` 212-555-0124`` here.\n"
        "\n"
        "```\n212-555-0188\n```\n"
        "\n"
        "    212-555-0189\n"
        "\n"
        "<!-- old number: 212-555-0190 -->\n"
        "Prose 212-555-0191.\n"
    )
    write("articles/a.md", _front(body))
    assert _codes() == [("P001", 15, 7)]


def test_an_unclosed_backtick_does_not_hide_the_rest(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    write("articles/a.md", _front("A lone ` backtick.\n\nCall 212-555-0123, then ` again.\n"))
    assert _codes() == [("P001", 8, 6)]


def test_a_number_split_by_a_soft_line_break_is_found(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    path = write("articles/a.md", _front("Call 212\n201.9031 or 212\r\n555-0123 today.\n"))
    assert _codes() == [("P002", 6, 6), ("P001", 7, 13)]
    fix_paths([Path(".")], config(), write=True)
    assert path.read_bytes().endswith(b"Call 212-201-9031 or 212\r\n555-0123 today.\n")


def test_a_paragraph_break_does_not_join_numbers(write: Callable[..., Path], in_tmp: Path) -> None:
    write("articles/a.md", _front("Room 212\n\n201-9031 is a code.\n"))
    assert _codes() == []


# -- phone numbers: what counts as the firm's -----------------------------------------------


def test_a_firm_number_with_an_extension_is_the_firms(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    path = write("articles/a.md", _front("Call 212-201-9031 ext. 12 or 212.201.9031 x7.\n"))
    assert _codes() == [("P002", 6, 30)]
    fix_paths([Path(".")], config(), write=True)
    assert "or 212-201-9031 ext. 7." in path.read_text(encoding="utf-8")


def test_e164_style_does_not_drop_an_extension(write: Callable[..., Path], in_tmp: Path) -> None:
    # E.164 cannot show an extension, so a number with one is accepted in any form.
    path = write("articles/a.md", _front("Call 212.201.9031 x7.\n"))
    result = check_paths([Path(".")], config(phone_style=PhoneStyle.E164))
    assert result.findings == ()
    before = path.read_text(encoding="utf-8")
    fix_paths([Path(".")], config(phone_style=PhoneStyle.E164), write=True)
    assert path.read_text(encoding="utf-8") == before


def test_another_vanity_number_is_not_the_firms() -> None:
    assert [f.raw for f in find_numbers("Call 1-800-FLOWERS, or 1-800-flowers.")] == [
        "1-800-FLOWERS",
        "1-800-flowers",
    ]


def test_the_firms_vanity_text_in_lower_case_is_fixed_to_its_vanity_text(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    path = write("articles/a.md", _front("Call 1-88-visa-law-1 today.\n"))
    assert _codes() == [("P002", 6, 6)]
    fix_paths([Path(".")], config(), write=True)
    assert path.read_text(encoding="utf-8").endswith("Call 1-88-VISA-LAW-1 today.\n")


# -- the matcher's raw text: brackets around a number are not part of it ---------------------


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("Call our office (212-201-9031) now.", "212-201-9031"),
        ("Call (212.201.9031) now.", "212.201.9031"),
        ("Call ( +1 212 201 9031 ) now.", "+1 212 201 9031"),
        ("Call [ +12122019031 ] now.", "+12122019031"),
        ("Call {2122019031} now.", "2122019031"),
        ("Call (212) 201-9031 now.", "(212) 201-9031"),
        ("Call ((212) 201-9031) now.", "(212) 201-9031"),
    ],
)
def test_unbalanced_brackets_are_not_part_of_a_number(text: str, raw: str) -> None:
    found = find_numbers(text)
    assert [(f.raw, text[f.start : f.end]) for f in found] == [(raw, raw)]


def test_a_house_style_number_in_parentheses_is_left_alone(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    path = write("articles/a.md", _front("Call us (212-201-9031) or (212.201.9031).\n"))
    assert _codes() == [("P002", 6, 28)]
    fix_paths([Path(".")], config(), write=True)
    assert path.read_text(encoding="utf-8").endswith("(212-201-9031) or (212-201-9031).\n")


def test_a_number_pieced_together_around_code_is_no_number(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    write(
        "articles/a.md", _front("Room 212 `x` 201-9031 and [a](https://example.com)212-555-0123.\n")
    )
    assert _codes() == [("P001", 6, 51)]
