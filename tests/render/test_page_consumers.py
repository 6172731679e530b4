"""The example page, and the contact block alone, as the consumers that matter read them.

html5lib in strict mode (any parse error fails), extruct (the structured-data extractor
behind most SEO tools' Python code: JSON-LD and microformats), and mf2py on both of its
parsers. libxml2 (lxml, so extruct and ``mf2py(html_parser="lxml")``) closes an
``<address>`` at a ``<ul>``; the h-card must come out the same from all three.
"""

from __future__ import annotations

import json
from typing import Any

import extruct
import html5lib
import mf2py
import pytest

from pozo_site import FirmProfile, PhoneNumber, default_firm, example_articles
from pozo_site.render import article_jsonld, firm_jsonld, render_contact_block
from tests.render.page import example_page
from tests.render.test_contact_block import EXAMPLE

H_CARD_KEYS = ("name", "org", "tel", "email", "url", "adr", "category")


def _firms() -> list[FirmProfile]:
    return [default_firm(), FirmProfile.model_validate(EXAMPLE)]


def _cards(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [item for item in items if item["type"] == ["h-card"]]


def _summary(card: dict[str, Any]) -> dict[str, Any]:
    properties = card["properties"]
    return {key: properties.get(key) for key in H_CARD_KEYS}


def _readings(html: str) -> dict[str, list[dict[str, Any]]]:
    return {
        "mf2py+html5lib": _cards(mf2py.parse(doc=html, html_parser="html5lib")["items"]),
        "mf2py+lxml": _cards(mf2py.parse(doc=html, html_parser="lxml")["items"]),
        "extruct": _cards(extruct.extract(html, syntaxes=["microformat"])["microformat"]),
    }


def test_the_page_parses_strictly() -> None:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    document = parser.parse(example_page())
    assert document.find("head/title") is not None
    assert [s.attrib["type"] for s in document.iter("script")] == ["application/ld+json"] * 2


def test_extruct_reads_legal_service_and_blog_posting() -> None:
    data = extruct.extract(example_page(), syntaxes=["json-ld", "microformat"])
    firm = default_firm()
    [article] = example_articles()
    assert data["json-ld"] == [firm_jsonld(firm), article_jsonld(article, firm)]
    [card] = _cards(data["microformat"])
    assert [PhoneNumber.parse(tel) for tel in card["properties"]["tel"]] == [
        phone.number for phone in firm.phones
    ]


@pytest.mark.parametrize("firm", _firms(), ids=["default", "example"])
def test_every_consumer_reads_the_same_h_card(firm: FirmProfile) -> None:
    html = render_contact_block(firm, "html")
    readings = _readings(html)
    summaries = {name: [_summary(card) for card in cards] for name, cards in readings.items()}
    first = summaries["mf2py+html5lib"]
    assert len(first) == 1
    assert summaries == dict.fromkeys(summaries, first), json.dumps(summaries, indent=1)
    card = first[0]
    assert card["name"] == card["org"] == [firm.name]
    numbers = [p.number for p in firm.phones] + [o.phone for o in firm.offices if o.phone]
    assert [PhoneNumber.parse(tel) for tel in card["tel"]] == numbers
    if firm.email:
        assert card["email"] == [f"mailto:{firm.email}"]
        assert card["url"][0] == str(firm.website)
        [adr] = card["adr"]
        assert adr["properties"]["street-address"] == [firm.offices[0].address.street_address]
    assert card["category"] == list(firm.practice_areas)


def test_the_h_card_is_the_same_inside_the_page() -> None:
    html = example_page()
    for name, cards in _readings(html).items():
        assert [_summary(card) for card in cards] == [
            _summary(_readings(render_contact_block(default_firm(), "html"))[name][0])
        ], name


def test_libxml2_would_have_lost_the_old_address_markup() -> None:
    # Why the block is not an <address>: lxml closes it at the first <ul>.
    old = (
        '<address class="h-card"><p class="p-name">X</p><ul><li class="p-tel">1</li></ul></address>'
    )
    [card] = mf2py.parse(doc=old, html_parser="lxml")["items"]
    assert "tel" not in card["properties"]
    [card] = mf2py.parse(doc=old, html_parser="html5lib")["items"]
    assert card["properties"]["tel"] == ["1"]
