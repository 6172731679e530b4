"""PhoneNumber: parsing every human form, vanity numbers, errors, pydantic, caching."""

from __future__ import annotations

import pickle
from typing import Annotated

import phonenumbers
import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from pozo_site import (
    FirmProfile,
    NumberType,
    PhoneNumber,
    PhoneNumberConstraints,
    PhoneNumberError,
    PhoneStyle,
    TollFreeNumber,
)
from pozo_site._phone import MAX_PHONE_INPUT_LENGTH, _parse_cached
from pozo_site.render import render_vcard4

OFFICE = "+12122019031"
TOLL_FREE = "+18884725291"


@pytest.mark.parametrize(
    ("text", "e164"),
    [
        ("(212) 201-9031", OFFICE),  # as printed in the page header
        ("212-201-9031", OFFICE),  # as printed in the article
        ("212.201.9031", OFFICE),
        ("2122019031", OFFICE),
        ("1 212 201 9031", OFFICE),
        ("+1 212 201 9031", OFFICE),
        ("+1-212-201-9031", OFFICE),
        ("tel:+1-212-201-9031", OFFICE),
        ("TEL:+12122019031", OFFICE),
        ("  (212) 201-9031  ", OFFICE),
        ("1-88-VISA-LAW-1", TOLL_FREE),
        ("1-888-472-5291", TOLL_FREE),
        ("(888) 472-5291", TOLL_FREE),
        ("+1 888 472 5291", TOLL_FREE),
        ("+1 88-VISA-LAW-1", TOLL_FREE),
    ],
)
def test_parses_common_forms(text: str, e164: str) -> None:
    number = PhoneNumber.parse(text)
    assert number.e164 == e164
    assert number.extension is None


def test_seed_forms_are_one_number() -> None:
    forms = {PhoneNumber.parse(t) for t in ("(212) 201-9031", "212-201-9031", "+12122019031")}
    assert len(forms) == 1


def test_vanity_number_keeps_its_text_and_gets_its_digits() -> None:
    number = PhoneNumber.parse("1-88-VISA-LAW-1")
    assert number.vanity == "1-88-VISA-LAW-1"
    assert number.e164 == TOLL_FREE
    assert number.national == "(888) 472-5291"
    assert number.international == "+1 888-472-5291"
    assert number.tel_uri == "tel:+1-888-472-5291"
    assert number.display == "1-88-VISA-LAW-1"
    assert number.format(PhoneStyle.DIGITS) == "1-888-472-5291"
    assert number.number_type is NumberType.TOLL_FREE
    assert number.is_toll_free
    assert number.region == "US"
    assert number.country_code == 1


def test_vanity_equals_digits_and_hashes_alike() -> None:
    vanity = PhoneNumber.parse("1-88-VISA-LAW-1")
    digits = PhoneNumber.parse("+1 888 472 5291")
    assert vanity == digits
    assert hash(vanity) == hash(digits)
    assert len({vanity, digits}) == 1
    assert digits.vanity is None


def test_lowercase_and_q_z_keypad_letters() -> None:
    assert PhoneNumber.parse("1-800-flowers").e164 == "+18003569377"
    # ITU E.161: Q is on 7 and Z on 9.
    assert PhoneNumber.parse("1-800-555-QZQZ").e164 == "+18005557979"


def test_forms_of_a_plain_number() -> None:
    number = PhoneNumber("(212) 201-9031")
    assert number.vanity is None
    assert number.display == "(212) 201-9031"
    assert number.national == "(212) 201-9031"
    assert number.international == "+1 212-201-9031"
    assert number.tel_uri == "tel:+1-212-201-9031"
    assert number.number_type is NumberType.FIXED_LINE_OR_MOBILE
    assert not number.is_toll_free
    assert number.format("dashes") == "212-201-9031"
    assert number.format(PhoneStyle.E164) == OFFICE
    assert number.format(PhoneStyle.RFC3966) == number.tel_uri
    assert number.format(PhoneStyle.NATIONAL) == number.national
    assert number.format(PhoneStyle.INTERNATIONAL) == number.international
    assert number.format(PhoneStyle.DISPLAY) == number.display
    assert number.format(PhoneStyle.DIGITS) == "1-212-201-9031"


@pytest.mark.parametrize(
    "text",
    [
        "212-555-0123 x12",
        "212-555-0123 ext. 12",
        "212-555-0123 ext 12",
        "212-555-0123 extension 12",
        "212-555-0123, ext. 12",
        "tel:+1-212-555-0123;ext=12",
        "+1 212 555 0123;ext=12",
    ],
)
def test_extensions(text: str) -> None:
    number = PhoneNumber.parse(text)
    assert number.extension == "12"
    assert number.e164 == "+12125550123"
    assert number.tel_uri == "tel:+1-212-555-0123;ext=12"
    assert number != PhoneNumber.parse("212-555-0123")


def test_vanity_with_extension_keeps_whole_text() -> None:
    number = PhoneNumber.parse("1-800-FLOWERS x5")
    assert number.extension == "5"
    assert number.vanity == "1-800-FLOWERS x5"


def test_international_and_regions() -> None:
    london = PhoneNumber.parse("+44 20 7946 0958")
    assert london.region == "GB"
    assert london.country_code == 44
    assert london.format(PhoneStyle.DIGITS) == london.international
    assert PhoneNumber.parse("020 7946 0958", region="GB") == london
    assert PhoneNumber.parse("+44 20 7946 0958", region=None) == london


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "phone_empty"),
        ("   ", "phone_empty"),
        ("12", "phone_too_short"),
        ("212-555-01", "phone_too_short"),
        ("2125550000000000", "phone_too_long"),
        ("555-0123", "phone_invalid"),  # seven digits: no US number is that short
        ("+1 212 000 0000", "phone_invalid"),  # possible length, unassigned range
        ("+999 123 456", "phone_invalid_country_code"),
        ("(212) 201-903\u00c4", "phone_invalid_characters"),
        ("212-201-9031; DROP TABLE", "phone_invalid_characters"),
        ("<script>212</script>", "phone_invalid_characters"),
        ("tel:+1-800-FLOWERS", "phone_misplaced_letters"),
        ("A-888-472-5291", "phone_misplaced_letters"),
        ("+A 888 472 5291", "phone_misplaced_letters"),
        ("CALL-NOW", "phone_not_a_number"),
        ("x" * (MAX_PHONE_INPUT_LENGTH + 1), "phone_input_too_long"),
    ],
)
def test_invalid_input_has_a_code_and_hides_the_input(text: str, code: str) -> None:
    with pytest.raises(PhoneNumberError) as info:
        PhoneNumber.parse(text)
    assert info.value.code == code
    assert isinstance(info.value, ValueError)
    if text.strip():
        assert text.strip() not in str(info.value)


def test_letters_in_the_country_code_position_are_misplaced() -> None:
    # With a country code written out, letters there cannot be keypad digits of the number.
    with pytest.raises(PhoneNumberError) as info:
        PhoneNumber.parse("+B 212 201 9031")
    assert info.value.code == "phone_misplaced_letters"


def test_possible_but_not_valid_numbers_are_rejected() -> None:
    lib = phonenumbers.parse("+1 212 000 0000")
    assert phonenumbers.is_possible_number(lib)
    assert not phonenumbers.is_valid_number(lib)
    with pytest.raises(PhoneNumberError):
        PhoneNumber.from_phonenumbers(lib)


def test_input_cap_is_checked_before_parsing() -> None:
    before = _parse_cached.cache_info()
    with pytest.raises(PhoneNumberError):
        PhoneNumber.parse("2" * 10_000)
    after = _parse_cached.cache_info()
    assert (after.hits, after.misses) == (before.hits, before.misses)


def test_unknown_region_is_an_error() -> None:
    with pytest.raises(PhoneNumberError) as info:
        PhoneNumber.parse("212-201-9031", region="XX")
    assert info.value.code == "phone_unknown_region"


def test_parse_rejects_non_strings() -> None:
    with pytest.raises(TypeError):
        PhoneNumber.parse(2122019031)  # type: ignore[arg-type]


def test_repeated_parses_hit_the_cache() -> None:
    text = "(212) 555-0142"
    first = PhoneNumber.parse(text)
    before = _parse_cached.cache_info()
    second = PhoneNumber.parse(text)
    after = _parse_cached.cache_info()
    assert second is first
    assert after.hits == before.hits + 1
    assert after.misses == before.misses
    assert after.maxsize is not None  # bounded


def test_cached_errors_raise_every_time() -> None:
    for _ in range(3):
        with pytest.raises(PhoneNumberError) as info:
            PhoneNumber.parse("555-0123")
        assert info.value.code == "phone_invalid"


def test_immutable() -> None:
    number = PhoneNumber.parse("212-201-9031")
    with pytest.raises(AttributeError):
        number._vanity = "X"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del number._e164  # type: ignore[misc]
    copy = number.as_phonenumbers()
    copy.national_number = 1
    assert number.e164 == OFFICE


def test_repr_and_str() -> None:
    assert repr(PhoneNumber("1-88-VISA-LAW-1")) == (
        "PhoneNumber('+18884725291', vanity='1-88-VISA-LAW-1')"
    )
    assert repr(PhoneNumber("212-555-0123 x7")) == "PhoneNumber('+12125550123', extension='7')"
    assert str(PhoneNumber("1-88-VISA-LAW-1")) == "1-88-VISA-LAW-1"
    assert str(PhoneNumber("212-201-9031")) == "+1 212-201-9031"


@pytest.mark.parametrize("text", ["1-88-VISA-LAW-1", "212-555-0123 x7", "+44 20 7946 0958"])
def test_pickle_round_trip(text: str) -> None:
    number = PhoneNumber.parse(text, region="US")
    restored = pickle.loads(pickle.dumps(number))
    assert restored == number
    assert restored.vanity == number.vanity
    assert restored.extension == number.extension


def test_equality_with_other_types() -> None:
    assert PhoneNumber("212-201-9031") != "212-201-9031"
    assert PhoneNumber("212-201-9031") != phonenumbers.parse("212-201-9031", "US")


# -- pydantic ---------------------------------------------------------------------------


class Card(BaseModel):
    phone: PhoneNumber
    toll_free: TollFreeNumber | None = None


def test_field_accepts_str_library_number_and_instance() -> None:
    lib = phonenumbers.parse("+1 212 201 9031")
    ours = PhoneNumber.parse("1-88-VISA-LAW-1")
    assert Card(phone="(212) 201-9031").phone.e164 == OFFICE
    assert Card(phone=lib).phone.e164 == OFFICE  # type: ignore[arg-type]
    assert Card(phone=ours).phone is ours


def test_field_rejects_other_types_with_a_code() -> None:
    with pytest.raises(ValidationError) as info:
        Card(phone=2122019031)  # type: ignore[arg-type]
    assert info.value.errors()[0]["type"] == "phone_type"


def test_round_trip_keeps_vanity() -> None:
    card = Card(phone="1-88-VISA-LAW-1", toll_free="1-88-VISA-LAW-1")
    dumped = card.model_dump(mode="json")
    assert dumped == {"phone": "1-88-VISA-LAW-1", "toll_free": "1-88-VISA-LAW-1"}
    again = Card.model_validate(dumped)
    assert again == card
    assert again.phone.vanity == "1-88-VISA-LAW-1"
    from_json = Card.model_validate_json(card.model_dump_json())
    assert from_json.phone.vanity == "1-88-VISA-LAW-1"


def test_round_trip_keeps_extension() -> None:
    card = Card(phone="212-555-0123 ext. 45")
    again = Card.model_validate(card.model_dump(mode="json"))
    assert again.phone.extension == "45"
    assert again == card


def test_json_mode_rejects_non_strings() -> None:
    with pytest.raises(ValidationError):
        Card.model_validate_json('{"phone": 2122019031}')


def test_errors_carry_the_phone_code() -> None:
    with pytest.raises(ValidationError) as info:
        Card(phone="212")
    (error,) = info.value.errors()
    assert error["type"] == "phone_too_short"
    assert error["loc"] == ("phone",)


def test_toll_free_constraint() -> None:
    assert Card(phone="212-201-9031", toll_free="1-88-VISA-LAW-1").toll_free is not None
    with pytest.raises(ValidationError) as info:
        Card(phone="212-201-9031", toll_free="212-201-9031")
    (error,) = info.value.errors()
    assert error["type"] == "phone_type_not_allowed"
    assert error["loc"] == ("toll_free",)


def test_constraint_applies_to_instances_too() -> None:
    with pytest.raises(ValidationError):
        Card(phone="212-201-9031", toll_free=PhoneNumber("212-201-9031"))


def test_fixed_line_constraint_accepts_fixed_line_or_mobile() -> None:
    adapter = TypeAdapter(
        Annotated[PhoneNumber, PhoneNumberConstraints(number_types=frozenset({"fixed_line"}))]  # type: ignore[arg-type]
    )
    assert adapter.validate_python("212-201-9031").e164 == OFFICE
    with pytest.raises(ValidationError):
        adapter.validate_python("1-888-472-5291")


def test_no_vanity_constraint_and_region() -> None:
    digits_only = TypeAdapter(Annotated[PhoneNumber, PhoneNumberConstraints(allow_vanity=False)])
    with pytest.raises(ValidationError) as info:
        digits_only.validate_python("1-88-VISA-LAW-1")
    assert info.value.errors()[0]["type"] == "phone_vanity_not_allowed"
    uk = TypeAdapter(Annotated[PhoneNumber, PhoneNumberConstraints(region="gb")])
    assert uk.validate_python("020 7946 0958").region == "GB"


def test_constraint_arguments_are_checked() -> None:
    with pytest.raises(PhoneNumberError):
        PhoneNumberConstraints(region="ZZ")
    with pytest.raises(ValueError, match="at least one"):
        PhoneNumberConstraints(number_types=frozenset())
    with pytest.raises(ValueError, match="not a valid NumberType"):
        PhoneNumberConstraints(number_types=frozenset({"landline"}))  # type: ignore[arg-type]


def test_json_schema_is_a_useful_string_schema() -> None:
    schema = Card.model_json_schema()
    phone = schema["properties"]["phone"]
    assert phone["type"] == "string"
    assert phone["format"] == "phone"
    assert phone["maxLength"] == MAX_PHONE_INPUT_LENGTH
    assert "keypad letters" in phone["description"]
    toll_free = schema["properties"]["toll_free"]["anyOf"][0]
    assert "only toll free" in toll_free["description"]


def test_number_type_satisfies() -> None:
    allowed = frozenset({NumberType.MOBILE})
    assert NumberType.FIXED_LINE_OR_MOBILE.satisfies(allowed)
    assert not NumberType.TOLL_FREE.satisfies(allowed)


# -- PhoneNumber ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "212 201 9031 ext. \u0661\u0662",  # Arabic-Indic digits in the extension
        "212 201 9031 x\uff11\uff12",  # fullwidth digits in the extension
        "tel:+1-212-201-9031;ext=\u0661\u0662",
    ],
)
def test_an_extension_in_other_digits_is_written_in_ascii(text: str) -> None:
    # Was: extension '١٢' and tel_uri 'tel:+1-212-201-9031;ext=١٢' (not RFC 3966), unequal
    # to the same number written with ASCII digits, and a vCard 4.0 that raised.
    number = PhoneNumber.parse(text)
    assert number.extension == "12"
    assert number.tel_uri == "tel:+1-212-201-9031;ext=12"
    assert number == PhoneNumber.parse("212-201-9031 x12")


@pytest.mark.parametrize("extension", ["12\r\nX-Injected: 1", "abc", "1" * 21])
def test_from_phonenumbers_refuses_an_extension_that_is_not_digits(extension: str) -> None:
    # Was: accepted as is, so the CRLF reached tel_uri (a link, a vCard line).
    raw = phonenumbers.PhoneNumber(country_code=1, national_number=2122019031, extension=extension)
    with pytest.raises(PhoneNumberError) as caught:
        PhoneNumber.from_phonenumbers(raw)
    assert caught.value.code == "phone_invalid_characters"


def test_a_firm_number_from_phonenumbers_with_other_digits_renders_as_vcard4() -> None:
    raw = phonenumbers.PhoneNumber(
        country_code=1, national_number=2122019031, extension="\u0661\u0662"
    )
    firm = FirmProfile(name="Example Law", phones=[{"role": "main", "number": raw}])
    assert "tel:+1-212-201-9031;ext=12" in render_vcard4(firm)


def test_from_phonenumbers_treats_an_empty_extension_as_none() -> None:
    raw = phonenumbers.PhoneNumber(country_code=1, national_number=2122019031, extension="")
    number = PhoneNumber.from_phonenumbers(raw)
    assert number.extension is None
    assert number.as_phonenumbers().extension is None


@pytest.mark.parametrize(
    "text",
    ["212-201-9031 +", "1+212 201 9031", "++1 212 201 9031", "+\uff0b1 212 201 9031"],
)
def test_a_plus_only_leads_an_international_number(text: str) -> None:
    # Was: every one of these parsed as +1 212-201-9031 (the + was a mere separator).
    with pytest.raises(PhoneNumberError) as caught:
        PhoneNumber.parse(text)
    assert caught.value.code == "phone_invalid_characters"


@pytest.mark.parametrize("text", ["+1 212 201 9031", " + 1 (212) 201-9031", "\uff0b1 212 201 9031"])
def test_a_leading_plus_is_still_accepted(text: str) -> None:
    assert PhoneNumber.parse(text).e164 == "+12122019031"


@pytest.mark.parametrize("text", ["212 201 9031\u00b2", "\u2460 212 201 9031"])
def test_digit_like_symbols_are_not_digits(text: str) -> None:
    # "²" and "①" are str.isdigit() but not decimal digits; phonenumbers drops them.
    with pytest.raises(PhoneNumberError) as caught:
        PhoneNumber.parse(text)
    assert caught.value.code == "phone_invalid_characters"


@pytest.mark.parametrize(
    "text",
    [
        "\uff12\uff11\uff12\uff12\uff10\uff11\uff19\uff10\uff13\uff11",  # fullwidth
        "\u0662\u0661\u0662\u0662\u0660\u0661\u0669\u0660\u0663\u0661",  # Arabic-Indic
        "\u0968\u0967\u0968\u0968\u0966\u0967\u096f\u0966\u0969\u0967",  # Devanagari
    ],
)
def test_other_scripts_digits_are_read_as_digits(text: str) -> None:
    number = PhoneNumber.parse(text)
    assert number == PhoneNumber.parse("(212) 201-9031")
    assert number.vanity is None


@pytest.mark.parametrize("text", ["1-800-MATTRESS", "1-800-mattress", "1-88-VISA-LAW-12"])
def test_letters_beyond_the_numbers_length_are_refused_and_the_message_says_why(
    text: str,
) -> None:
    # Decision: a phone dials 1-800-MATTRESS as 1-800-MATTRES and ignores the last
    # letter, but phonenumbers reads every letter as a digit (11 national digits: not
    # valid), and the firm must know the exact number. Refused, with a message that
    # names the letters rather than a bare "too many digits".
    with pytest.raises(PhoneNumberError) as caught:
        PhoneNumber.parse(text)
    assert caught.value.code == "phone_too_long"
    assert "keypad letter" in caught.value.message
    assert text not in caught.value.message


def test_the_exact_vanity_spelling_is_accepted() -> None:
    assert PhoneNumber.parse("1-800-MATTRES").vanity == "1-800-MATTRES"


@pytest.mark.parametrize(
    ("text", "vanity"),
    [
        ("1-800-got-junk", "1-800-got-junk"),
        ("  1-88-VISA-LAW-1\t", "1-88-VISA-LAW-1"),
        ("1-88-VISA-LAW-1", "1-88-VISA-LAW-1"),
        ("+44 800 FLOWERS", "+44 800 FLOWERS"),
    ],
)
def test_vanity_is_the_stripped_text_whatever_was_cached_before(text: str, vanity: str) -> None:
    PhoneNumber.parse(vanity)  # warm the cache with the bare spelling
    assert PhoneNumber.parse(text).vanity == vanity
