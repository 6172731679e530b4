"""Hostile text in every text field of a firm profile, through every templated format.

For each string of the Big List of Naughty Strings placed in one field at a time:

- the HTML parses (html5lib) to exactly the elements and attributes the template gives a
  benign value: nothing injected, nothing lost;
- the value comes back unchanged from mf2py where it is an h-card property;
- the JSON-LD in the ``<script>`` element cannot end it early: html5lib sees exactly one
  script element, whose text ``json.loads`` back to the firm's JSON-LD;
- the Markdown renders the value as plain text (no links, HTML, headings or emphasis
  that the template did not write), and the plain text keeps its line count.

Values the model refuses (empty after cleaning, too long) are skipped; most are accepted.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from typing import Any

import mf2py
import pytest
from bs4 import BeautifulSoup, Tag
from markdown_it import MarkdownIt
from pydantic import ValidationError

from pozo_site import FirmProfile, render_contact_block
from pozo_site.render import firm_jsonld, render_call_to_action
from tests.testdata import blns

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
MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])


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
