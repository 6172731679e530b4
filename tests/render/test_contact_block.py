"""Contact blocks in text, Markdown and HTML, and the article call to action.

Judged by real consumers: mf2py reads the h-card back, html5lib (strict) parses the HTML,
markdown-it-py parses the Markdown, vobject reads the vCards the format table hands out.
"""

from __future__ import annotations

import copy
import datetime as dt
import doctest
import importlib
import json
import re
from collections.abc import Callable
from typing import Any

import html5lib
import mf2py
import pytest
import vobject
from bs4 import BeautifulSoup, Tag
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from pydantic import ValidationError

from pozo_site import (
    CONTACT_BLOCK_FORMATS,
    ContactBlockFormat,
    FirmProfile,
    PhoneNumber,
    RenderError,
    default_firm,
    render_contact_block,
)
from pozo_site._firm import DayOfWeek, OpeningHours
from pozo_site._text import clean_single_line
from pozo_site.render import (
    CALL_TO_ACTION_FORMATS,
    contact_view,
    escape_markdown,
    firm_jsonld,
    firm_summary,
    json_for_script,
    markdown_url,
    render_call_to_action,
    render_vcard3,
    render_vcard4,
)
from pozo_site.render._view import _hours_view, voice_phone
from tests.testdata import blns

EXAMPLE: dict[str, Any] = {
    "name": "Example Immigration Law",
    "advertising_notice": "Attorney Advertising",
    "phones": [
        {"role": "main", "number": "(212) 555-0123"},
        {"role": "toll_free", "number": "1-800-555-0199", "label": "Toll Free"},
        {"role": "fax", "number": "(212) 555-0145"},
    ],
    "offer": {"headline": "FREE in-office consultation", "call_to_action": "Call Today"},
    "practice_areas": ["Immigration law", "Asylum"],
    "areas_served": ["New York City", "New York State"],
    "offices": [
        {
            "name": "Main office",
            "address": {
                "street_address": "100 Example Street, Suite 5",
                "locality": "New York",
                "region": "NY",
                "postal_code": "10001",
            },
            "phone": "(212) 555-0177",
            "hours": [
                {"days": ["monday", "tuesday", "wednesday", "thursday", "friday"],
                 "opens": "09:00", "closes": "17:30"},
                {"days": ["saturday"], "opens": "10:00", "closes": "13:00"},
            ],
        }
    ],
    "email": "intake@example.com",
    "website": "https://www.example.com/",
    "languages": ["en", "es"],
    "social_profiles": [{"network": "Facebook", "url": "https://www.facebook.com/example"}],
}  # fmt: skip

HUMAN = ("text", "markdown", "html", "html+jsonld")
MY_MODULES = (
    "pozo_site.render._escape",
    "pozo_site.render._view",
    "pozo_site.render._jsonld",
    "pozo_site.render._contact_block",
    "pozo_site.render._cta",
)


@pytest.fixture(scope="module")
def example() -> FirmProfile:
    return FirmProfile.model_validate(EXAMPLE)


def firms(example: FirmProfile) -> list[FirmProfile]:
    return [default_firm(), example]


def parse_strict(html: str) -> Any:
    """Parse an HTML fragment with html5lib in strict mode: any parse error raises."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parseFragment(html)


def h_card(html: str) -> dict[str, list[Any]]:
    items = mf2py.parse(doc=html, html_parser="html5lib")["items"]
    assert [item["type"] for item in items] == [["h-card"]]
    properties: dict[str, list[Any]] = items[0]["properties"]
    return properties


MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def markdown_links(text: str) -> list[tuple[str, str]]:
    """(link text, href) of every link in ``text``."""
    links = []
    for token in MARKDOWN.parse(text):
        children = token.children or []
        for index, child in enumerate(children):
            if child.type == "link_open":
                label = []
                for inner in children[index + 1 :]:
                    if inner.type == "link_close":
                        break
                    label.append(inner.content)
                links.append(("".join(label), str(child.attrs["href"])))
    return links


# -- the shipped modules' examples ---------------------------------------------------


@pytest.mark.parametrize("name", MY_MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0


# -- the format table ------------------------------------------------------------------


def test_format_table_names_every_format() -> None:
    assert list(CONTACT_BLOCK_FORMATS) == [f.value for f in ContactBlockFormat]
    assert set(CONTACT_BLOCK_FORMATS) == {
        "text", "markdown", "html", "html+jsonld", "jsonld", "vcard", "vcard4"
    }  # fmt: skip
    assert {name for name, r in CONTACT_BLOCK_FORMATS.items() if r.templated} == set(HUMAN)
    for name, renderer in CONTACT_BLOCK_FORMATS.items():
        assert renderer.format.value == name
        assert renderer.suffix.startswith(".")


@pytest.mark.parametrize("fmt", list(ContactBlockFormat))
def test_enum_and_name_give_the_same_bytes(fmt: ContactBlockFormat, example: FirmProfile) -> None:
    by_enum = render_contact_block(example, fmt)
    assert by_enum == render_contact_block(example, fmt.value)
    assert by_enum == CONTACT_BLOCK_FORMATS[fmt.value](example)


def test_unknown_format_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="choose one of") as info:
        render_contact_block(default_firm(), "pdf")
    assert isinstance(info.value, RenderError)
    assert info.value.code == "format_unknown"


@pytest.mark.parametrize("fmt", ["jsonld", "vcard", "vcard4"])
def test_template_refused_for_data_formats(fmt: str) -> None:
    with pytest.raises(ValueError, match="takes no template") as info:
        render_contact_block(default_firm(), fmt, template="{{ name }}")
    assert isinstance(info.value, RenderError)
    assert info.value.code == "template_not_supported"


@pytest.mark.parametrize("fmt", list(ContactBlockFormat))
def test_output_is_deterministic(fmt: ContactBlockFormat, example: FirmProfile) -> None:
    for firm in firms(example):
        copy = FirmProfile.model_validate(firm.model_dump())
        first = render_contact_block(firm, fmt)
        assert first == render_contact_block(firm, fmt) == render_contact_block(copy, fmt)
        assert first.endswith("\n")
        assert first.encode("utf-8") == render_contact_block(copy, fmt).encode("utf-8")


def test_vcard_formats_come_from_the_vcard_module(example: FirmProfile) -> None:
    for firm in firms(example):
        v3 = render_contact_block(firm, "vcard")
        v4 = render_contact_block(firm, "vcard4")
        assert v3 == render_vcard3(firm)
        assert v4 == render_vcard4(firm)
        for card, version in ((v3, "3.0"), (v4, "4.0")):
            parsed = vobject.readOne(card)
            assert parsed.version.value == version
            assert parsed.fn.value == firm.name
            tels = {PhoneNumber.parse(t.value.removeprefix("tel:")) for t in parsed.tel_list}
            assert tels == firm.numbers


# -- text ------------------------------------------------------------------------------


def test_text_default_firm() -> None:
    assert render_contact_block(default_firm(), "text") == (
        "Attorney Advertising\n"
        "Pozo Goldstein\n"
        "Call Today for a FREE in-office consultation\n"
        "\n"
        "Office: 212-201-9031\n"
        "Toll Free: 1-88-VISA-LAW-1 (888-472-5291)\n"
        "\n"
        "Practice areas: Immigration law\n"
        "Areas served: New York City, New York State\n"
    )


def test_text_example_firm(example: FirmProfile) -> None:
    assert render_contact_block(example, "text") == (
        "Attorney Advertising\n"
        "Example Immigration Law\n"
        "Call Today for a FREE in-office consultation\n"
        "\n"
        "Office: 212-555-0123\n"
        "Toll Free: 800-555-0199\n"
        "Fax: 212-555-0145\n"
        "\n"
        "Practice areas: Immigration law, Asylum\n"
        "Areas served: New York City, New York State\n"
        "\n"
        "Main office\n"
        "100 Example Street, Suite 5\n"
        "New York, NY 10001\n"
        "Phone: 212-555-0177\n"
        "Hours: Monday to Friday, 9:00 AM to 5:30 PM\n"
        "Hours: Saturday, 10:00 AM to 1:00 PM\n"
        "\n"
        "E-mail: intake@example.com\n"
        "Website: https://www.example.com/\n"
        "Facebook: https://www.facebook.com/example\n"
    )


def test_text_minimal_firm_has_no_empty_sections() -> None:
    firm = FirmProfile(name="Solo Law", phones=[{"role": "main", "number": "212-555-0100"}])
    assert render_contact_block(firm, "text") == "Solo Law\n\nOffice: 212-555-0100\n"


def test_text_foreign_office_prints_its_country() -> None:
    firm = FirmProfile.model_validate(
        {
            "name": "Example Abogados",
            "phones": [{"role": "main", "number": "+34 912 345 678"}],
            "offices": [
                {
                    "address": {
                        "street_address": "Calle Ejemplo 1",
                        "locality": "Madrid",
                        "region": "MD",
                        "postal_code": "28001",
                        "country": "ES",
                    }
                }
            ],
        }
    )
    text = render_contact_block(firm, "text")
    assert "Office: 912-34-56-78\n" in text  # the house style, as check wants it
    assert "Office: 912 34 56 78\n" in render_contact_block(firm, "text", phone_style="national")
    assert text.endswith("Calle Ejemplo 1\nMadrid, MD 28001\nES\n")


# -- Markdown --------------------------------------------------------------------------


def test_markdown_default_firm() -> None:
    text = render_contact_block(default_firm(), "markdown")
    assert text == (
        "Attorney Advertising\n"
        "\n"
        "**Pozo Goldstein**\n"
        "\n"
        "Call Today for a FREE in-office consultation\n"
        "\n"
        "- Office: [212-201-9031](tel:+1-212-201-9031)\n"
        "- Toll Free: [1-88-VISA-LAW-1 (888-472-5291)](tel:+1-888-472-5291)\n"
        "- Practice areas: Immigration law\n"
        "- Areas served: New York City, New York State\n"
    )


def test_markdown_links_read_back(example: FirmProfile) -> None:
    for firm in firms(example):
        links = markdown_links(render_contact_block(firm, "markdown"))
        tel_links = [(label, href) for label, href in links if href.startswith("tel:")]
        voice = [p for p in firm.phones if p.role.value != "fax"]
        office_phones = [o.phone for o in firm.offices if o.phone is not None]
        expected = [p.number for p in voice] + office_phones
        assert [PhoneNumber.parse(href) for _, href in tel_links] == expected
        assert [href for _, href in tel_links] == [n.tel_uri for n in expected]
        for label, href in tel_links:
            number = PhoneNumber.parse(href)
            if number.vanity is None and (vanity := _vanity_of(firm, number)):
                assert label == f"{vanity} ({number.format('dashes')})"
    example_links = dict(markdown_links(render_contact_block(example, "markdown")))
    assert example_links["intake@example.com"] == "mailto:intake@example.com"
    assert example_links["https://www.example.com/"] == "https://www.example.com/"
    assert example_links["https://www.facebook.com/example"] == "https://www.facebook.com/example"


def _vanity_of(firm: FirmProfile, number: PhoneNumber) -> str | None:
    return next((p.number.vanity for p in firm.phones if p.number == number), None)


def test_markdown_one_list_for_the_facts(example: FirmProfile) -> None:
    tokens = MARKDOWN.parse(render_contact_block(example, "markdown"))
    lists = [t for t in tokens if t.type == "bullet_list_open"]
    assert len(lists) == 2  # the facts, and the office's phone and hours nested in it
    assert [t.level for t in lists] == [0, 2]
    headings = [t for t in tokens if t.type.startswith("heading")]
    assert headings == []


def test_markdown_values_never_become_markup() -> None:
    name = "*Foo* [x](javascript:alert(1)) <b>bold</b> &amp; `code`"
    firm = FirmProfile(
        name=name,
        phones=[{"role": "main", "number": "212-555-0100", "label": "1. _Call_"}],
        practice_areas=["# Heading", "~~gone~~ | cell |"],
    )
    text = render_contact_block(firm, "markdown")
    tokens = MARKDOWN.parse(text)
    assert not any(t.type.startswith(("heading", "ordered_list", "html", "table")) for t in tokens)
    inline = [c for t in tokens if t.type == "inline" for c in t.children or []]
    assert {c.type for c in inline} <= {"text", "strong_open", "strong_close", "link_open",
                                        "link_close", "softbreak"}  # fmt: skip
    assert [href for _, href in markdown_links(text)] == ["tel:+1-212-555-0100"]
    plain = "".join(c.content for c in inline if c.type == "text")
    for value in (name, "1. _Call_", "# Heading", "~~gone~~ | cell |"):
        assert value in plain


# -- the Markdown escape filter ------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("Pozo Goldstein", "Pozo Goldstein"),
        ("*Foo* [x](javascript:..)", "\\*Foo\\* \\[x\\](javascript:..)"),
        ("a_b", "a\\_b"),
        ("<script>", "\\<script\\>"),
        ("&amp;", "\\&amp;"),
        ("# Title", "\\# Title"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("1986. A year", "1986\\. A year"),
        ("1) First", "1\\) First"),
        ("in-office 1-88-VISA-LAW-1", "in-office 1-88-VISA-LAW-1"),
        ("back\\slash", "back\\\\slash"),
        ("{.class}", "\\{.class\\}"),
    ],
)
def test_escape_markdown_examples(value: str, escaped: str) -> None:
    assert escape_markdown(value) == escaped
    assert escape_markdown(escape_markdown(value)) == escaped  # idempotent


def rendered_plain_text(source: str) -> tuple[list[str], str]:
    tokens = MARKDOWN.parse(source)
    children = [c for t in tokens if t.type == "inline" for c in t.children or []]
    return [t.type for t in tokens] + [c.type for c in children], "".join(
        c.content for c in children
    )


single_line = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60
).map(clean_single_line)
markdownish = st.lists(
    st.sampled_from(list("\\`*_[]()<>&#!|~{}+-=.:0123456789 ax")) | single_line, max_size=12
).map(lambda parts: clean_single_line("".join(parts)))


@settings(max_examples=200, deadline=None)
@given(st.one_of(single_line, markdownish))
def test_escaped_markdown_renders_as_the_same_text(value: str) -> None:
    if not value:
        return
    for source in (escape_markdown(value), f"- {escape_markdown(value)}"):
        types, plain = rendered_plain_text(source)
        assert set(types) <= {
            "paragraph_open", "paragraph_close", "inline", "text",
            "bullet_list_open", "bullet_list_close", "list_item_open", "list_item_close",
        }  # fmt: skip
        assert plain == value


def test_markdown_url_keeps_links_whole() -> None:
    url = "https://example.com/a_(b) c<d>\\e"
    source = f"[x]({markdown_url(url)})"
    assert markdown_links(source) == [("x", "https://example.com/a_%28b%29%20c%3Cd%3E%5Ce")]


# -- HTML ------------------------------------------------------------------------------


def test_html_default_firm() -> None:
    html = render_contact_block(default_firm(), "html")
    assert html == (
        '<div class="h-card contact-block">\n'
        '  <p class="advertising-notice">Attorney Advertising</p>\n'
        '  <p><strong class="p-name p-org">Pozo Goldstein</strong></p>\n'
        '  <p class="p-note">Call Today for a FREE in-office consultation</p>\n'
        '  <ul class="contact-phones">\n'
        '    <li>Office: <a href="tel:+1-212-201-9031"><data class="p-tel" '
        'value="+1-212-201-9031">212-201-9031</data></a></li>\n'
        '    <li>Toll Free: <a href="tel:+1-888-472-5291"><data class="p-tel" '
        'value="+1-888-472-5291">1-88-VISA-LAW-1 (888-472-5291)</data></a></li>\n'
        "  </ul>\n"
        '  <p>Practice areas: <span class="p-category">Immigration law</span></p>\n'
        "  <p>Areas served: New York City, New York State</p>\n"
        "</div>\n"
    )


@pytest.mark.parametrize("fmt", ["html", "html+jsonld"])
def test_html_parses_strictly(fmt: str, example: FirmProfile) -> None:
    for firm in firms(example):
        fragment = parse_strict(render_contact_block(firm, fmt))
        assert [child.tag for child in fragment] == (
            ["div"] if fmt == "html" else ["div", "script"]
        )


def test_h_card_default_firm() -> None:
    firm = default_firm()
    card = h_card(render_contact_block(firm, "html"))
    assert card["name"] == card["org"] == ["Pozo Goldstein"]
    assert card["tel"] == ["+1-212-201-9031", "+1-888-472-5291"]
    assert [PhoneNumber.parse(tel) for tel in card["tel"]] == [p.number for p in firm.phones]
    assert card["note"] == ["Call Today for a FREE in-office consultation"]
    assert card["category"] == ["Immigration law"]
    assert "email" not in card
    assert "url" not in card
    assert "adr" not in card


def test_h_card_example_firm(example: FirmProfile) -> None:
    card = h_card(render_contact_block(example, "html"))
    assert card["name"] == card["org"] == [example.name]
    numbers = [p.number for p in example.phones] + [o.phone for o in example.offices if o.phone]
    assert [PhoneNumber.parse(tel) for tel in card["tel"]] == numbers
    assert card["email"] == [f"mailto:{example.email}"]
    assert card["url"] == [str(example.website), "https://www.facebook.com/example"]
    assert card["category"] == list(example.practice_areas)
    [adr] = card["adr"]
    assert adr["type"] == ["h-adr"]
    address = example.offices[0].address
    assert adr["properties"] == {
        "street-address": [address.street_address],
        "locality": [address.locality],
        "region": [address.region],
        "postal-code": [address.postal_code],
    }


def _links(html: str) -> list[Any]:
    return [e for e in parse_strict(html).iter() if e.tag == "a"]


def test_vanity_link_shows_letters_and_digits() -> None:
    links = _links(render_contact_block(default_firm(), "html"))
    vanity = next(a for a in links if "VISA" in "".join(a.itertext()))
    visible = "".join(vanity.itertext())
    # WCAG 2.5.3: no aria-label, so the accessible name is the visible text, which holds
    # the letters as printed and the digits a screen reader can read out.
    assert visible == "1-88-VISA-LAW-1 (888-472-5291)"
    assert "aria-label" not in vanity.attrib
    assert vanity.attrib["href"] == "tel:+1-888-472-5291"


def test_tel_links_are_rfc3966(example: FirmProfile) -> None:
    pattern = re.compile(r"tel:\+[0-9]+(?:-[0-9]+)*(?:;ext=[0-9]+)?")
    for firm in firms(example):
        for link in _links(render_contact_block(firm, "html")):
            href = link.attrib["href"]
            if href.startswith("tel:"):
                assert pattern.fullmatch(href)
    fax = next(p for p in example.phones if p.role.value == "fax")
    hrefs = [a.attrib["href"] for a in _links(render_contact_block(example, "html"))]
    assert fax.number.tel_uri not in hrefs  # a fax is listed, not offered as a call link


def test_extension_survives_every_form() -> None:
    firm = FirmProfile(name="Ext Law", phones=[{"role": "main", "number": "212-555-0100 x12"}])
    card = h_card(render_contact_block(firm, "html"))
    assert card["tel"] == ["+1-212-555-0100;ext=12"]
    assert PhoneNumber.parse(card["tel"][0]) == firm.phones[0].number
    assert firm_jsonld(firm)["telephone"] == "+1-212-555-0100;ext=12"
    assert "[212-555-0100 ext. 12](tel:+1-212-555-0100;ext=12)" in render_contact_block(
        firm, "markdown"
    )
    assert "[(212) 555-0100 ext. 12](tel:+1-212-555-0100;ext=12)" in render_contact_block(
        firm, "markdown", phone_style="national"
    )


def test_html_jsonld_embeds_the_firm_jsonld(example: FirmProfile) -> None:
    for firm in firms(example):
        fragment = parse_strict(render_contact_block(firm, "html+jsonld"))
        scripts = [e for e in fragment.iter() if e.tag == "script"]
        assert len(scripts) == 1
        assert scripts[0].attrib == {"type": "application/ld+json"}
        assert json.loads(scripts[0].text) == firm_jsonld(firm)
        assert h_card(render_contact_block(firm, "html+jsonld")) == h_card(
            render_contact_block(firm, "html")
        )


# -- the view and its helpers ----------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (["monday", "tuesday", "wednesday", "thursday", "friday"], "Monday to Friday"),
        (["friday", "monday", "wednesday"], "Monday, Wednesday, Friday"),
        (["saturday", "sunday"], "Saturday, Sunday"),
        (["monday", "tuesday", "wednesday", "saturday"], "Monday to Wednesday, Saturday"),
        (["sunday"], "Sunday"),
    ],
)
def test_days_text(days: list[str], expected: str) -> None:
    hours = OpeningHours(days=tuple(DayOfWeek(d) for d in days), opens="09:00", closes="17:00")
    assert _hours_view(hours).days_text == expected


def test_clock_times() -> None:
    view = _hours_view(
        OpeningHours(days=(DayOfWeek.MONDAY,), opens=dt.time(0, 30), closes=dt.time(12, 0))
    )
    assert (view.opens, view.closes) == ("00:30", "12:00")
    assert view.text == "Monday, 12:30 AM to 12:00 PM"


def test_offer_text_article() -> None:
    firm = FirmProfile(
        name="A",
        phones=[{"role": "main", "number": "212-555-0100"}],
        offer={"headline": "in-office consultation at no cost", "call_to_action": "Call"},
    )
    assert contact_view(firm).offer_text == "Call for an in-office consultation at no cost"


def test_voice_phone_skips_fax() -> None:
    firm = FirmProfile(
        name="A",
        phones=[
            {"role": "fax", "number": "212-555-0100"},
            {"role": "other", "number": "212-555-0101"},
        ],
    )
    assert voice_phone(firm).number == PhoneNumber.parse("212-555-0101")
    assert firm_jsonld(firm)["telephone"] == "+1-212-555-0101"


def test_json_for_script_escapes() -> None:
    data = {"a": "</script><!-- & \u2028\u2029 >"}
    text = json_for_script(data)
    assert not re.search("[<>&\u2028\u2029]", text)
    assert json.loads(text) == data


# -- a firm's own template -------------------------------------------------------------


def test_own_text_template(example: FirmProfile) -> None:
    # trim_blocks is on, as in the shipped templates: a block tag eats its newline.
    template = "{{ name }}\n{% for p in phones %}\n{{ p.label }} {{ p.telephone }}\n{% endfor %}\n"
    assert render_contact_block(example, "text", template=template) == (
        "Example Immigration Law\nOffice +1-212-555-0123\nToll Free +1-800-555-0199\n"
        "Fax +1-212-555-0145\n"
    )


def test_own_html_template_is_autoescaped() -> None:
    firm = FirmProfile(name="<b>Bold & Co</b>", phones=[{"role": "main", "number": "212-555-0100"}])
    html = render_contact_block(firm, "html", template="<p>{{ name }}</p>")
    assert html == "<p>&lt;b&gt;Bold &amp; Co&lt;/b&gt;</p>"


def test_own_html_template_with_jsonld() -> None:
    firm = default_firm()
    html = render_contact_block(firm, "html+jsonld", template='<p class="h-card">{{ name }}</p>')
    assert html.startswith(
        '<p class="h-card">Pozo Goldstein</p>\n<script type="application/ld+json">'
    )


def test_own_markdown_template_escapes_and_safe_opts_out() -> None:
    firm = FirmProfile(name="*Star*", phones=[{"role": "main", "number": "212-555-0100"}])
    template = (
        "{% macro bold(x) %}**{{ x }}**{% endmacro %}"
        "{{ name }} {{ bold(name) | safe }} [call]({{ main_phone.tel_uri | markdown_url }})"
    )
    assert render_contact_block(firm, "markdown", template=template) == (
        "\\*Star\\* **\\*Star\\*** [call](tel:+1-212-555-0100)"
    )


@pytest.mark.parametrize(
    ("template", "code", "line"),
    [
        ("line one\n{% if %}", "template_syntax", 2),
        ("a\nb\n{{ nope }}", "template_undefined", 3),
        ("{{ name.__class__.__mro__ }}", "template_unsafe", 1),
        ("{{ phones.__class__ }}", "template_unsafe", 1),
        ("{{ name | int(base=1) }}{{ 1 / 0 }}", "template_failed", 1),
        ("x" * 100_001, "template_too_long", None),
    ],
)
def test_own_template_errors(template: str, code: str, line: int | None) -> None:
    with pytest.raises(RenderError) as info:
        render_contact_block(default_firm(), "text", template=template)
    assert info.value.code == code
    assert info.value.line == line
    assert isinstance(info.value, ValueError)


# -- the article call to action --------------------------------------------------------


def test_call_to_action_default_firm() -> None:
    firm = default_firm()
    assert CALL_TO_ACTION_FORMATS == ("text", "markdown", "html")
    sentence = "To set up your FREE in-office consultation, call Pozo Goldstein at"
    assert render_call_to_action(firm) == f"{sentence} 212-201-9031.\n"
    assert render_call_to_action(firm, "markdown") == (
        f"{sentence} [212-201-9031](tel:+1-212-201-9031).\n"
    )
    html = render_call_to_action(firm, "html")
    assert html == (
        f'<p class="call-to-action">{sentence} '
        '<a href="tel:+1-212-201-9031">212-201-9031</a>.</p>\n'
    )
    [link] = _links(html)
    assert PhoneNumber.parse(link.attrib["href"]) == firm.main_phone.number


def test_call_to_action_comes_from_the_profile() -> None:
    firm = FirmProfile(
        name="Example <Law> & *Partners*",
        phones=[{"role": "main", "number": "1-800-FLOWERS"}],
    )
    assert render_call_to_action(firm) == (
        "Call Example <Law> & *Partners* at 1-800-FLOWERS (800-356-9377).\n"
    )
    assert render_call_to_action(firm, "markdown") == (
        "Call Example \\<Law\\> \\& \\*Partners\\* at "
        "[1-800-FLOWERS (800-356-9377)](tel:+1-800-356-9377).\n"
    )
    html = render_call_to_action(firm, "html")
    assert "Example &lt;Law&gt; &amp; *Partners*" in html
    parse_strict(html)
    for fmt in CALL_TO_ACTION_FORMATS:
        assert "Pozo" not in render_call_to_action(firm, fmt)
        assert "201-9031" not in render_call_to_action(firm, fmt)


def test_call_to_action_own_template_and_errors() -> None:
    text = render_call_to_action(
        default_firm(), "text", template="Call {{ phone.display }} ({{ phone.telephone }})"
    )
    assert text == "Call (212) 201-9031 (+1-212-201-9031)"
    with pytest.raises(RenderError) as info:
        render_call_to_action(default_firm(), "pdf")
    assert info.value.code == "format_unknown"


# -- offer wording ----------------------------------------------------------------------


def test_offer_wording_uses_an_before_a_vowel_everywhere() -> None:
    # Was: "Call for a initial consultation" in the vCard note and `pozo-site show`,
    # while the text block said "an".
    firm = FirmProfile(
        name="Example Law",
        phones=[{"role": "main", "number": "(212) 555-0123"}],
        offer={"headline": "initial consultation", "call_to_action": "Call"},
    )
    wanted = "Call for an initial consultation"
    assert wanted in render_contact_block(firm, "text")
    assert wanted in render_vcard3(firm)
    assert wanted in firm_summary(firm)


# -- hostile text in every field, every templated format -----------------------------------
# Hostile text in every text field of a firm profile, through every templated format.
#
# For each string of the Big List of Naughty Strings placed in one field at a time:
#
# - the HTML parses (html5lib) to exactly the elements and attributes the template gives a
#   benign value: nothing injected, nothing lost;
# - the value comes back unchanged from mf2py where it is an h-card property;
# - the JSON-LD in the ``<script>`` element cannot end it early: html5lib sees exactly one
#   script element, whose text ``json.loads`` back to the firm's JSON-LD;
# - the Markdown renders the value as plain text (no links, HTML, headings or emphasis
#   that the template did not write), and the plain text keeps its line count.
#
# Values the model refuses (empty after cleaning, too long) are skipped; most are accepted.

BLNS = list(blns())
EXTRA = [
    "</address><script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</script><!--",
    "*Foo* [x](javascript:alert(1))",
    "\u202eevil\u202c",
    "line\nbreak\r\nand\u2028more",
    "BEGIN:VCARD\r\nEND:VCARD",
    "{{ 7 * 7 }} {% raw %}",
]
STRINGS = BLNS + EXTRA
BENIGN = "Benign"

BASE: dict[str, Any] = {
    "name": "Example Law",
    "advertising_notice": "Attorney Advertising",
    "phones": [
        {"role": "main", "number": "(212) 555-0123"},
        {"role": "toll_free", "number": "1-800-555-0199", "label": "Toll Free"},
    ],
    "offer": {"headline": "FREE in-office consultation", "call_to_action": "Call Today"},
    "practice_areas": ["Immigration law"],
    "areas_served": ["New York City"],
    "offices": [
        {
            "name": "Main office",
            "address": {
                "street_address": "100 Example Street",
                "locality": "New York",
                "region": "NY",
                "postal_code": "10001",
            },
        }
    ],
    "email": "intake@example.com",
    "website": "https://www.example.com/",
    "social_profiles": [{"network": "Facebook", "url": "https://www.facebook.com/example"}],
}


def _setter(*path: str | int) -> Callable[[dict[str, Any], str], None]:
    def set_value(data: dict[str, Any], value: str) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return set_value


def _note(firm: FirmProfile) -> str:
    assert firm.offer is not None
    headline = firm.offer.headline
    article = "an" if headline[:1].lower() in "aeiou" else "a"
    return f"{firm.offer.call_to_action} for {article} {headline}"


def _adr(firm: FirmProfile) -> dict[str, list[str]]:
    address = firm.offices[0].address
    return {
        "street-address": [address.street_address],
        "locality": [address.locality],
        "region": [address.region],
        "postal-code": [address.postal_code],
    }


# The fields are tested in groups that take the hostile value together (one render per
# string and group keeps the test fast); each group lists the fields it sets and what
# mf2py must read back, predicted from the validated firm.
Setter = Callable[[dict[str, Any], str], None]
Expect = Callable[[FirmProfile], dict[str, Any]]
GROUPS: dict[str, tuple[tuple[Setter, ...], Expect]] = {
    "identity": (
        (
            _setter("name"),
            _setter("advertising_notice"),
            _setter("phones", 1, "label"),
            _setter("social_profiles", 0, "network"),
        ),
        lambda f: {"name": [f.name], "org": [f.name]},
    ),
    "offer": (
        (_setter("offer", "headline"), _setter("offer", "call_to_action")),
        lambda f: {"note": [_note(f)]},
    ),
    "practice": (
        (_setter("practice_areas", 0), _setter("areas_served", 0)),
        lambda f: {"category": list(f.practice_areas)},
    ),
    "office": (
        (
            _setter("offices", 0, "name"),
            _setter("offices", 0, "address", "street_address"),
            _setter("offices", 0, "address", "locality"),
            _setter("offices", 0, "address", "region"),
        ),
        lambda f: {"adr": _adr(f)},
    ),
}


def firm_with(group: str, value: str) -> FirmProfile | None:
    data = copy.deepcopy(BASE)
    for set_value in GROUPS[group][0]:
        set_value(data, value)
    try:
        return FirmProfile.model_validate(data)
    except ValidationError:
        return None


def parse(html: str) -> Any:
    """The fragment's elements, parsed by html5lib through BeautifulSoup (mf2py's own
    dependency), so that mf2py can read the same tree without a second parse. Not strict:
    a value may hold characters HTML calls parse errors (noncharacters), harmless in text;
    the structure is what must not change."""
    return BeautifulSoup(html, "html5lib").body


def shape(element: Any) -> tuple[Any, ...]:
    """The element tree without text: tags and attributes (names and values), in order."""
    attributes = tuple(
        sorted((k, " ".join(v) if isinstance(v, list) else v) for k, v in element.attrs.items())
    )
    children = tuple(shape(c) for c in element.children if isinstance(c, Tag))
    return (element.name, attributes, children)


def markdown_shape(text: str) -> tuple[list[tuple[str, Any]], str]:
    tokens = MARKDOWN.parse(text)
    kinds: list[tuple[str, Any]] = []
    plain = []
    for token in tokens:
        kinds.append((token.type, token.attrs.get("href")))
        for child in token.children or []:
            if child.type == "text":
                plain.append(child.content)
            else:
                kinds.append((child.type, child.attrs.get("href")))
    return kinds, "\n".join(plain)


_SPACE = re.compile(r"[ \t\n\f\r]+")


def collapse(value: Any) -> Any:
    """``value`` with runs of HTML white space as one space, as a browser shows it and as
    mf2py reads a ``p-*`` property's text."""
    if isinstance(value, str):
        return _SPACE.sub(" ", value).strip(" ")
    if isinstance(value, list):
        return [collapse(v) for v in value]
    if isinstance(value, dict):
        return {k: collapse(v) for k, v in value.items()}
    return value


def h_card_values(body: Any, wanted: dict[str, Any]) -> dict[str, Any]:
    [card] = mf2py.parse(doc=body)["items"]
    got = {}
    for prop in wanted:
        values = card["properties"][prop]
        got[prop] = values[0]["properties"] if prop == "adr" else values
    return got


@pytest.fixture(scope="module")
def benign() -> dict[str, tuple[Any, Any, int]]:
    """Per group: the HTML shape, the Markdown shape and the text's line count for "Benign"."""
    result = {}
    for group in GROUPS:
        firm = firm_with(group, BENIGN)
        assert firm is not None
        body = parse(render_contact_block(firm, "html+jsonld"))
        kinds, _ = markdown_shape(render_contact_block(firm, "markdown"))
        lines = render_contact_block(firm, "text").count("\n")
        result[group] = (shape(body), kinds, lines)
    return result


@pytest.mark.parametrize("group", list(GROUPS))
def test_hostile_values_stay_values(group: str, benign: dict[str, tuple[Any, Any, int]]) -> None:
    html_shape, markdown_kinds, text_lines = benign[group]
    expect = GROUPS[group][1]
    accepted = 0
    for value in STRINGS:
        firm = firm_with(group, value)
        if firm is None:
            continue
        accepted += 1
        body = parse(render_contact_block(firm, "html+jsonld"))
        assert shape(body) == html_shape, value
        [script] = body.find_all("script")
        assert json.loads(script.string) == firm_jsonld(firm), value
        wanted = expect(firm)
        assert h_card_values(body, wanted) == collapse(wanted), value
        kinds, _ = markdown_shape(render_contact_block(firm, "markdown"))
        assert kinds == markdown_kinds, value
        assert render_contact_block(firm, "text").count("\n") == text_lines, value
    # Refused: values empty after cleaning (blank lines, controls only) and over-long ones.
    assert accepted >= 0.9 * len(STRINGS), accepted


@pytest.mark.parametrize("group", ["identity", "offer"])
def test_hostile_values_in_the_call_to_action(group: str) -> None:
    benign = firm_with(group, BENIGN)
    assert benign is not None
    html_shape = shape(parse(render_call_to_action(benign, "html")))
    markdown_kinds, _ = markdown_shape(render_call_to_action(benign, "markdown"))
    for value in STRINGS:
        firm = firm_with(group, value)
        if firm is None:
            continue
        assert shape(parse(render_call_to_action(firm, "html"))) == html_shape, value
        kinds, _ = markdown_shape(render_call_to_action(firm, "markdown"))
        assert kinds == markdown_kinds, value
        assert render_call_to_action(firm).count("\n") == 1
