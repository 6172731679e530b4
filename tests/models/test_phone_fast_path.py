"""The North American fast path of ``read_phone_text`` gives what ``phonenumbers.parse``
gives: the same number (every field), or the same error, for every form it takes, dialled
from every region; and the forms it does not take go the general way."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import phonenumbers
import pytest

from pozo_site import PhoneNumberError, _phone_reading
from pozo_site._phone_reading import _NANP_FORM, _read_written, read_phone_text

# Area codes: New York's, toll-free (the firm's vanity number's 888), Canada's, the
# Caribbean's, fictional and unassigned ones; exchanges and lines that make valid and
# invalid numbers (an exchange never starts with 0 or 1).
AREAS = ("201", "212", "289", "305", "416", "555", "646", "718", "800", "876", "888", "900", "999")
EXCHANGES = ("000", "123", "201", "472", "555", "999")
LINES = ("0000", "0123", "5291", "9031")
FORMS = (
    "{a}-{e}-{l}",
    "{a}.{e}.{l}",
    "{a} {e} {l}",
    "{a}{e}{l}",
    "({a}) {e}-{l}",
    "({a}){e}-{l}",
    "({a})-{e}-{l}",
    "+1 {a}-{e}-{l}",
    "+1-{a}-{e}-{l}",
    "+1.{a}.{e}.{l}",
    "+1{a}{e}{l}",
    "+1 ({a}) {e}-{l}",
    "+1({a}){e}{l}",
    "1-{a}-{e}-{l}",  # the national prefix, dialled from the US
    "1.{a}.{e}.{l}",
    "1 {a} {e} {l}",
    "1{a}{e}{l}",
    "1 ({a}) {e}-{l}",
    "1({a}){e}-{l}",
    "{a}\u2013{e}\u2013{l}",  # en dashes, no-break spaces and hyphens, a minus sign
    "+1\u00a0({a})\u00a0{e}\u2011{l}",
    "1\u2212{a}\u2212{e}\u2212{l}",
    "({a})\u2014{e}\u2010{l}",
)
REGIONS = ("US", None, "CA", "GB")


Reader = Callable[[str, str | None], tuple[phonenumbers.PhoneNumber, str | None]]


def _outcome(read: Reader, text: str, region: str | None) -> tuple[object, ...]:
    try:
        number, vanity = read(text, region)
    except PhoneNumberError as error:
        return ("error", error.code, str(error))
    return ("number", vars(number), vanity)


def _takes_fast_path(text: str, region: str | None) -> bool:
    """Whether ``read_phone_text`` reads ``text`` without ``phonenumbers.parse``."""
    return _NANP_FORM.fullmatch(text) is not None and (text[0] == "+" or region == "US")


def _cases() -> list[tuple[str, str | None]]:
    return [
        (form.format(a=area, e=exchange, l=line), region)
        for area, exchange, line, form, region in itertools.product(
            AREAS, EXCHANGES, LINES, FORMS, REGIONS
        )
    ]


def test_the_fast_path_gives_what_phonenumbers_gives() -> None:
    fast = 0
    for text, region in _cases():
        taken = _takes_fast_path(text, region)
        fast += taken
        outcome = _outcome(read_phone_text, text, region)
        assert outcome == _outcome(_read_written, text, region), (text, region)
        if taken:  # and against phonenumbers itself
            general = phonenumbers.parse(text, region)
            if outcome[0] == "number":
                assert outcome[1] == vars(general)
            else:
                assert not phonenumbers.is_valid_number(general)
    # every "+1" form from every region, the national forms (with or without the national
    # prefix 1) from the US only
    per_form = len(AREAS) * len(EXCHANGES) * len(LINES)
    plus_forms = sum(form.startswith("+") for form in FORMS)
    assert fast == per_form * (plus_forms * len(REGIONS) + (len(FORMS) - plus_forms))


def test_valid_and_invalid_numbers_are_both_among_the_cases() -> None:
    kinds = {_outcome(read_phone_text, text, "US")[0] for text, _ in _cases()[:: len(REGIONS)]}
    assert kinds == {"number", "error"}


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("1-212-201-9031", None),  # a national prefix, dialled from nowhere
        ("1-212-201-9031", "GB"),  # or from elsewhere
        ("11-212-201-9031", "US"),  # two of them
        ("1 112-201-9031", "US"),  # a national prefix before an area code starting 1
        ("+1 1-212-201-9031", "US"),  # a country code and a national prefix
        ("+1 112-201-9031", "US"),  # an area code cannot start with 1
        ("212-201-9031", "GB"),  # national digits dialled from elsewhere
        ("212-201-9031", None),
        ("(212 201-9031", "US"),  # one parenthesis
        ("212  201-9031", "US"),  # two separators
        ("212/201/9031", "US"),  # slashes
        ("212\u2013\u2013201-9031", "US"),  # two dashes
        ("212\u3000201-9031", "US"),  # an ideographic space
        ("\uff12\uff11\uff12-201-9031", "US"),  # full-width digits
        ("\uff0b1 212-201-9031", "US"),  # a full-width plus
        ("1-88-VISA-LAW-1", "US"),  # keypad letters
    ],
)
def test_other_forms_are_read_the_general_way(text: str, region: str | None) -> None:
    assert not _takes_fast_path(text, region)
    assert _outcome(read_phone_text, text, region) == _outcome(_read_written, text, region)


EXTENSIONS = (" ext. 12", " x12", "x 7", ";ext=12", ", ext 12", " extension 4", " #12", " X12")


def test_an_extension_after_a_usual_form_gives_what_phonenumbers_gives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The part before an extension takes the fast path: the same number (every field,
    the extension too) or the same error as with the fast path turned off, and as
    ``phonenumbers.parse`` of the whole text."""
    cases = [
        (f"{form.format(a=area, e=exchange, l=line)}{extension}", region)
        for area, exchange, line, form, extension, region in itertools.product(
            AREAS[::2], EXCHANGES[::2], LINES[::2], FORMS, EXTENSIONS, REGIONS
        )
    ]
    fast = {case: _outcome(read_phone_text, *case) for case in cases}
    monkeypatch.setattr(_phone_reading, "_north_american", lambda _text, _region: None)
    kinds = set()
    for case in cases:
        outcome = fast[case]
        kinds.add(outcome[0])
        assert outcome == _outcome(read_phone_text, *case), case
        if outcome[0] == "number":
            assert outcome[1] == vars(phonenumbers.parse(*case)), case
    assert kinds == {"number", "error"}


def test_the_fast_path_is_taken_before_an_extension(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(_text: str, _region: str | None) -> phonenumbers.PhoneNumber:
        raise AssertionError("phonenumbers.parse called")

    monkeypatch.setattr(_phone_reading, "_lib_parse", refuse)
    number, vanity = read_phone_text("+1 212-201-9031 ext. 12", None)
    assert (number.national_number, number.extension, vanity) == (2122019031, "12", None)
    with pytest.raises(AssertionError, match=r"phonenumbers\.parse called"):
        read_phone_text("212-201-9031 ext. 12", "GB")  # national digits from elsewhere
