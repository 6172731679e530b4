"""PhoneNumber does the least work validation needs: forms are worked out when first read.

And the fast character check (one pattern, in C) agrees with the per-character rules it
stands in for, on any text.
"""

from __future__ import annotations

import doctest
import re
import sys

import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pozo_site import NumberType, PhoneNumber, PhoneNumberError, _phone, _phone_kinds
from pozo_site._phone_reading import _check_characters, _check_characters_each

FORMS = {
    "e164": phonenumbers.PhoneNumberFormat.E164,
    "national": phonenumbers.PhoneNumberFormat.NATIONAL,
    "international": phonenumbers.PhoneNumberFormat.INTERNATIONAL,
    "tel_uri": phonenumbers.PhoneNumberFormat.RFC3966,
}


@pytest.fixture
def format_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the calls PhoneNumber makes to ``phonenumbers.format_number``."""
    calls: list[int] = []
    real = phonenumbers.format_number

    def counting(number: phonenumbers.PhoneNumber, form: int) -> str:
        calls.append(form)
        return real(number, form)

    monkeypatch.setattr(_phone.phonenumbers, "format_number", counting)
    return calls


def test_a_number_parsed_to_be_checked_is_never_formatted(format_calls: list[int]) -> None:
    number = PhoneNumber.parse("+1 212-555-0161")  # no other test parses this one
    assert number.vanity is None
    assert format_calls == []


def test_each_form_is_worked_out_once_then_kept(format_calls: list[int]) -> None:
    number = PhoneNumber.parse("+1 212-555-0162")
    first = number.e164
    assert number.e164 is first
    assert number == PhoneNumber.parse("212 555 0162")
    assert format_calls.count(phonenumbers.PhoneNumberFormat.E164) == 2  # once per value
    assert number.national == number.national == "(212) 555-0162"
    assert number.format("dashes") == "212-555-0162"
    assert format_calls.count(phonenumbers.PhoneNumberFormat.NATIONAL) == 1


@pytest.mark.parametrize(
    "text",
    ["1-88-VISA-LAW-1", "(212) 201-9031", "212-555-0142 x7", "+44 20 7946 0958", "+33 123456789"],
)
def test_lazy_forms_are_phonenumbers_own(text: str) -> None:
    number = PhoneNumber.parse(text)
    lib = number.as_phonenumbers()
    for name, form in FORMS.items():
        assert getattr(number, name) == phonenumbers.format_number(lib, form), name
    assert number.region == phonenumbers.region_code_for_number(lib)
    assert number.number_type is _phone_kinds.number_type_of(lib)


def test_the_vanity_number_keeps_working() -> None:
    number = PhoneNumber.parse("1-88-VISA-LAW-1")
    assert (number.e164, number.international) == ("+18884725291", "+1 888-472-5291")
    assert number.vanity == "1-88-VISA-LAW-1"
    assert number.number_type is NumberType.TOLL_FREE
    assert number.is_toll_free


def test_a_fresh_value_and_a_cached_one_hash_alike() -> None:
    fresh = PhoneNumber._from_valid(PhoneNumber.parse("212-201-9031").as_phonenumbers(), None)
    assert {fresh: 1}[PhoneNumber.parse("(212) 201-9031")] == 1
    assert repr(fresh) == "PhoneNumber('+12122019031')"


def test_filling_a_form_does_not_make_the_value_mutable() -> None:
    number = PhoneNumber.parse("+1 212-555-0163")
    assert number.national == "(212) 555-0163"
    with pytest.raises(AttributeError):
        number._national = "(000) 000-0000"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del number._national  # type: ignore[misc]


# The characters that decide the checks' branches, and a few that no rule accepts.
_ALPHABET = st.sampled_from(
    [
        *"0123456789+\uff0b -.()/\u00a0\u2010\u2013\u2212aZxX#;,_*\t\n",
        *"\uff11\u0661\u00b2\u2460\u0e51\u00e9\u212a",
    ]
)


def _outcome(check: object, text: str) -> object:
    try:
        return check(text)  # type: ignore[operator]
    except PhoneNumberError as error:
        return (error.code, error.message)


@given(st.text(_ALPHABET, max_size=24))
def test_the_fast_character_check_agrees_with_the_rules(text: str) -> None:
    assert _outcome(_check_characters, text) == _outcome(_check_characters_each, text)


def test_a_regex_digit_is_a_decimal_digit_everywhere_in_unicode() -> None:
    # The fast check writes "digit" as \d; the rules say str.isdecimal(). Same set?
    digit = re.compile(r"\d")
    differ = [
        hex(c) for c in range(sys.maxunicode + 1) if bool(digit.match(chr(c))) != chr(c).isdecimal()
    ]
    assert differ == []


def test_the_kinds_module_examples_run() -> None:
    result = doctest.testmod(_phone_kinds)
    assert (result.failed, result.attempted > 0) == (0, True)
