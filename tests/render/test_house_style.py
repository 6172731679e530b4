"""One house style: what people read in every human format follows ``phone_style``."""

from __future__ import annotations

import pytest

from pozo_site import (
    DEFAULT_PHONE_STYLE,
    FirmProfile,
    PhoneNumber,
    PhoneStyle,
    RenderError,
    default_firm,
    render_contact_block,
)
from pozo_site._phone import styled_text
from pozo_site.check import Config
from pozo_site.render import contact_view, render_call_to_action

HUMAN = ("text", "markdown", "html", "html+jsonld")


def test_the_default_is_the_style_check_enforces() -> None:
    assert Config.default().phone_style is DEFAULT_PHONE_STYLE is PhoneStyle.DASHES
    firm = default_firm()
    for fmt in HUMAN:
        block = render_contact_block(firm, fmt)
        assert "212-201-9031" in block
        assert "(212)" not in block
    assert "212-201-9031" in render_call_to_action(firm)


@pytest.mark.parametrize(
    ("style", "office", "toll_free"),
    [
        ("dashes", "212-201-9031", "1-88-VISA-LAW-1 (888-472-5291)"),
        ("national", "(212) 201-9031", "1-88-VISA-LAW-1, (888) 472-5291"),
        ("international", "+1 212-201-9031", "1-88-VISA-LAW-1 (+1 888-472-5291)"),
        ("e164", "+12122019031", "1-88-VISA-LAW-1 (+18884725291)"),
        ("digits", "1-212-201-9031", "1-88-VISA-LAW-1 (1-888-472-5291)"),
        ("display", "(212) 201-9031", "1-88-VISA-LAW-1 (1-888-472-5291)"),
    ],
)
def test_each_style(style: str, office: str, toll_free: str) -> None:
    view = contact_view(default_firm(), phone_style=style)
    assert [phone.text for phone in view.phones] == [office, toll_free]
    text = render_contact_block(default_firm(), "text", phone_style=PhoneStyle(style))
    assert f"Office: {office}\n" in text
    assert f"Toll Free: {toll_free}\n" in text
    assert f"at {office}." in render_call_to_action(default_firm(), phone_style=style)


def test_data_formats_ignore_the_style() -> None:
    firm = default_firm()
    for fmt in ("jsonld", "vcard", "vcard4"):
        assert render_contact_block(firm, fmt, phone_style="national") == render_contact_block(
            firm, fmt
        )


def test_an_unknown_style_is_a_render_error() -> None:
    for call in (
        lambda: render_contact_block(default_firm(), "text", phone_style="fancy"),
        lambda: render_call_to_action(default_firm(), phone_style="fancy"),
        lambda: contact_view(default_firm(), phone_style="fancy"),
    ):
        with pytest.raises(RenderError) as info:
            call()
        assert info.value.code == "phone_style_unknown"


def test_styled_text_of_a_plain_number() -> None:
    assert styled_text(PhoneNumber("212-555-0100"), "national") == "(212) 555-0100"


@pytest.mark.parametrize("fmt", HUMAN)
def test_templates_never_print_none(fmt: str) -> None:
    firm = FirmProfile(name="Solo Law", phones=[{"role": "main", "number": "212-555-0100"}])
    assert "None" not in render_contact_block(firm, fmt)
    own = "{{ offer_headline }}|{{ email }}|{{ website }}|{{ advertising_notice }}"
    assert render_contact_block(firm, fmt, template=own).startswith("|||")
    assert "None" not in render_call_to_action(firm, "text", template="{{ offer_headline }}x")
