"""vCard 3.0 and 4.0 output, judged by an independent parser (vobject) and by the wire rules.

Every value that goes in must come back from ``vobject.readOne`` unchanged; every physical
line is at most 75 octets, ends in CRLF and holds whole UTF-8 characters; unfolding gives
back exactly the logical lines.
"""

from __future__ import annotations

import copy
import doctest
import itertools
from collections.abc import Callable
from typing import Any

import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from vobject.icalendar import stringToTextValues

from pozo_site import FirmProfile, PhoneNumber, default_firm
from pozo_site._text import clean_multi_line
from pozo_site.render import _vcard, render_vcard3, render_vcard4
from tests.testdata import blns

Renderer = Callable[[FirmProfile], str]
RENDERERS = pytest.mark.parametrize("render", [render_vcard3, render_vcard4], ids=["v3", "v4"])

STREET = "100 Example St., Suite 5; Rear"
EXAMPLE: dict[str, Any] = {
    "name": "Example Immigration Law, LLP; Back\\slash",
    "phones": [
        {"role": "main", "number": "(212) 555-0123"},
        {"role": "toll_free", "number": "1-800-555-0199", "label": "Toll free, 24/7"},
        {"role": "fax", "number": "212-555-0145"},
        {"role": "mobile", "number": "+1 212 555 0156", "label": "After hours"},
    ],
    "offer": {"headline": "FREE in-office consultation", "call_to_action": "Call Today"},
    "practice_areas": ["Asylum", "Deportation defense"],
    "areas_served": ["New York City"],
    "offices": [
        {
            "name": "Main office: Lower Manhattan",
            "address": {
                "street_address": STREET,
                "locality": "New York",
                "region": "NY",
                "postal_code": "10007",
            },
            "phone": "(212) 555-0178 ext. 45",
        },
        {
            "address": {
                "street_address": "2 Sample Road",
                "locality": "Yonkers",
                "region": "NY",
                "postal_code": "10701",
            },
        },
    ],
    "email": "intake@example.com",
    "website": "https://example.com/contact,us;now?a=1,2&b=\\x",
    "languages": ["en", "es"],
    "social_profiles": [{"network": "Example Social", "url": "https://social.example.com/firm"}],
    "advertising_notice": "Attorney Advertising",
}


@pytest.fixture(scope="module")
def example() -> FirmProfile:
    return FirmProfile.model_validate(EXAMPLE)


def wire_lines(card: str) -> list[bytes]:
    """The physical lines as bytes, after checking CRLF-only line ends."""
    data = card.encode("utf-8")
    assert data.endswith(b"END:VCARD\r\n")
    lines = data.split(b"\r\n")
    assert lines.pop() == b""
    for line in lines:
        assert b"\r" not in line
        assert b"\n" not in line
    return lines


def check_wire(card: str) -> list[str]:
    """Check the line rules; return the logical (unfolded) lines."""
    physical = wire_lines(card)
    for line in physical:
        assert len(line) <= 75
        line.decode("utf-8")  # strict: no character split across lines
    assert not physical[0].startswith((b" ", b"\t"))
    # A folded line is only cut when the next character would not fit.
    for line, following in itertools.pairwise(physical):
        if following.startswith(b" "):
            assert len(line) > 75 - 4
    logical = card.replace("\r\n ", "").split("\r\n")
    assert logical.pop() == ""
    return logical


def children(card: Any, name: str) -> list[Any]:
    return [c for c in card.getChildren() if c.name == name.upper()]


def labels(card: Any) -> list[tuple[str, Any]]:
    """Each X-ABLabel with the one property (TEL, ADR, URL) in its group, in order."""
    found = []
    for label in children(card, "X-ABLabel"):
        members = [c for c in card.getChildren() if c.group == label.group and c is not label]
        assert len(members) == 1
        found.append((label.value, members[0]))
    return found


# -- the default firm: exact golden output ------------------------------------------------

DEFAULT_V3 = [
    "BEGIN:VCARD",
    "VERSION:3.0",
    "N:;;;;",
    "FN:Pozo Goldstein",
    "ORG:Pozo Goldstein",
    "X-ABShowAs:COMPANY",
    "TEL;TYPE=WORK,VOICE,PREF:+1-212-201-9031",
    "item1.TEL;TYPE=WORK,VOICE:+1-888-472-5291",
    "item1.X-ABLabel:Toll Free",
    "NOTE:Attorney Advertising\\nCall Today for a FREE in-office consultation\\n"
    "Toll Free: 1-88-VISA-LAW-1 (1-888-472-5291)\\n"
    "Practice areas: Immigration law\\nAreas served: New York City\\, New York State",
    "END:VCARD",
]
DEFAULT_V4 = [
    "BEGIN:VCARD",
    "VERSION:4.0",
    "KIND:org",
    "FN:Pozo Goldstein",
    "ORG:Pozo Goldstein",
    'TEL;VALUE=uri;TYPE="work,voice";PREF=1:tel:+1-212-201-9031',
    'item1.TEL;VALUE=uri;TYPE="work,voice":tel:+1-888-472-5291',
    "item1.X-ABLabel:Toll Free",
    DEFAULT_V3[-2],
    "END:VCARD",
]
DEFAULT_NOTE = (
    "Attorney Advertising\n"
    "Call Today for a FREE in-office consultation\n"
    "Toll Free: 1-88-VISA-LAW-1 (1-888-472-5291)\n"
    "Practice areas: Immigration law\n"
    "Areas served: New York City, New York State"
)


@pytest.mark.parametrize(
    ("render", "expected"), [(render_vcard3, DEFAULT_V3), (render_vcard4, DEFAULT_V4)]
)
def test_default_firm_logical_lines(render: Renderer, expected: list[str]) -> None:
    assert check_wire(render(default_firm())) == expected


def test_default_firm_v3_read_by_vobject() -> None:
    firm = default_firm()
    card = vobject.readOne(render_vcard3(firm))
    assert card.version.value == "3.0"
    assert card.fn.value == firm.name
    assert card.org.value == [firm.name]
    assert str(card.n.value).strip() == ""
    assert card.x_abshowas.value == "COMPANY"
    tels = children(card, "TEL")
    assert [t.value for t in tels] == ["+1-212-201-9031", "+1-888-472-5291"]
    assert [PhoneNumber.parse(t.value) for t in tels] == [p.number for p in firm.phones]
    assert tels[0].params["TYPE"] == ["WORK", "VOICE", "PREF"]
    assert tels[1].params["TYPE"] == ["WORK", "VOICE"]
    assert labels(card) == [("Toll Free", tels[1])]
    assert card.note.value == DEFAULT_NOTE
    assert not children(card, "EMAIL")
    assert not children(card, "ADR")
    assert not children(card, "REV")


def test_default_firm_v4_read_by_vobject() -> None:
    firm = default_firm()
    card = vobject.readOne(render_vcard4(firm))
    assert card.contents["version"][0].value == "4.0"
    assert card.kind.value == "org"
    assert card.fn.value == firm.name
    assert card.org.value == [firm.name]
    assert "n" not in card.contents
    tels = children(card, "TEL")
    assert [t.value for t in tels] == [p.number.tel_uri for p in firm.phones]
    assert tels[0].params == {"VALUE": ["uri"], "TYPE": ["work,voice"], "PREF": ["1"]}
    assert "PREF" not in tels[1].params
    assert labels(card) == [("Toll Free", tels[1])]
    assert card.note.value == DEFAULT_NOTE


# -- a full example profile --------------------------------------------------------------


def test_example_firm_v3(example: FirmProfile) -> None:
    text = render_vcard3(example)
    check_wire(text)
    card = vobject.readOne(text)
    assert card.fn.value == "Example Immigration Law, LLP; Back\\slash"
    assert card.org.value == ["Example Immigration Law, LLP; Back\\slash"]
    assert "ORG:Example Immigration Law\\, LLP\\; Back\\\\slash\r\n" in text
    tels = children(card, "TEL")
    assert [t.value for t in tels] == [
        "+1-212-555-0123",
        "+1-800-555-0199",
        "+1-212-555-0145",
        "+1-212-555-0156",
        "+1-212-555-0178 ext. 45",
    ]
    expected_numbers = [p.number for p in example.phones] + [example.offices[0].phone]
    assert [PhoneNumber.parse(t.value) for t in tels] == expected_numbers
    assert [t.params["TYPE"] for t in tels] == [
        ["WORK", "VOICE", "PREF"],
        ["WORK", "VOICE"],
        ["WORK", "FAX"],
        ["WORK", "CELL"],
        ["WORK", "VOICE"],
    ]
    urls = children(card, "URL")
    adrs = children(card, "ADR")
    assert labels(card) == [
        ("Toll free, 24/7", tels[1]),
        ("After hours", tels[3]),
        ("Main office: Lower Manhattan", tels[4]),
        ("Example Social", urls[1]),
        ("Main office: Lower Manhattan", adrs[0]),
    ]
    assert len({c.group for c in children(card, "X-ABLabel")}) == 5
    assert card.email.value == "intake@example.com"
    assert card.email.params["TYPE"] == ["INTERNET", "WORK"]
    assert [c.value for c in urls] == [str(example.website), "https://social.example.com/firm"]
    assert urls[0].group is None
    assert str(example.website) == "https://example.com/contact,us;now?a=1,2&b=\\x"
    assert len(adrs) == 2
    first = adrs[0].value
    assert (first.box, first.extended, first.street) == ("", "", STREET)
    assert (first.city, first.region, first.code, first.country) == (
        "New York",
        "NY",
        "10007",
        "US",
    )
    assert adrs[0].params["TYPE"] == ["WORK"]
    assert adrs[1].group is None
    assert adrs[1].value.street == "2 Sample Road"
    assert card.note.value == (
        "Attorney Advertising\n"
        "Call Today for a FREE in-office consultation\n"
        "Practice areas: Asylum, Deportation defense\n"
        "Areas served: New York City"
    )
    assert "LANG" not in {c.name for c in card.getChildren()}


def test_example_firm_v4(example: FirmProfile) -> None:
    text = render_vcard4(example)
    logical = check_wire(text)
    assert logical[:3] == ["BEGIN:VCARD", "VERSION:4.0", "KIND:org"]
    card = vobject.readOne(text)
    assert card.fn.value == example.name
    assert card.org.value == [example.name]
    tels = children(card, "TEL")
    assert [t.value for t in tels] == [
        "tel:+1-212-555-0123",
        "tel:+1-800-555-0199",
        "tel:+1-212-555-0145",
        "tel:+1-212-555-0156",
        "tel:+1-212-555-0178;ext=45",
    ]
    assert [t.params.get("PREF") for t in tels] == [["1"], None, None, None, None]
    assert [t.params["TYPE"] for t in tels] == [
        ["work,voice"],
        ["work,voice"],
        ["work,fax"],
        ["work,cell"],
        ["work,voice"],
    ]
    assert all(t.params["VALUE"] == ["uri"] for t in tels)
    assert [PhoneNumber.parse(t.value) for t in tels][-1].extension == "45"
    assert [(c.value, c.params["PREF"]) for c in children(card, "LANG")] == [
        ("en", ["1"]),
        ("es", ["2"]),
    ]
    assert card.email.value == "intake@example.com"
    assert card.email.params["TYPE"] == ["work"]
    assert card.url.value == str(example.website)
    street = children(card, "ADR")[0].value.street
    assert street == STREET
    at = logical.index(
        "item5.ADR;TYPE=work:;;100 Example St.\\, Suite 5\\; Rear;New York;NY;10007;US"
    )
    assert logical[at + 1] == "item5.X-ABLabel:Main office: Lower Manhattan"
    assert logical[at + 2] == "ADR;TYPE=work:;;2 Sample Road;Yonkers;NY;10701;US"
    assert "X-ABShowAs" not in text


@RENDERERS
def test_deterministic(render: Renderer, example: FirmProfile) -> None:
    again = FirmProfile.model_validate_json(example.model_dump_json())
    assert render(example) == render(example) == render(again)
    assert "REV" not in render(example)


@RENDERERS
def test_colon_never_escaped(render: Renderer, example: FirmProfile) -> None:
    assert "\\:" not in render(example)


# -- folding ------------------------------------------------------------------------------


@RENDERERS
@pytest.mark.parametrize("char", ["a", "é", "€", "😀", "ع"])
def test_long_values_fold_on_character_boundaries(render: Renderer, char: str) -> None:
    name = (char * 199)[:199] + "!"
    firm = FirmProfile(name=name, phones=[{"role": "main", "number": "(212) 555-0123"}])
    text = render(firm)
    check_wire(text)
    assert len(wire_lines(text)) > 10
    assert vobject.readOne(text).fn.value == name


@given(st.text(min_size=0, max_size=400))
@settings(max_examples=150, deadline=None)
def test_fold_unfolds_to_the_same_line(text: str) -> None:
    text = "".join(c for c in text if c not in "\r\n")
    line = "NOTE:" + text
    folded = _vcard._fold(line)
    assert folded.endswith("\r\n")
    for physical in folded.encode("utf-8").split(b"\r\n")[:-1]:
        assert len(physical) <= 75
        physical.decode("utf-8")
    assert folded[:-2].replace("\r\n ", "") == line


@given(st.text(max_size=200))
@settings(max_examples=150, deadline=None)
def test_escaped_text_is_one_value_for_vobject(text: str) -> None:
    escaped = _vcard._escape_text(text)
    assert "\n" not in escaped
    assert "\r" not in escaped
    # vobject's own unescaping splits on unescaped commas: one value must come back.
    assert stringToTextValues(escaped) == [clean_multi_line(text)]


def test_property_refuses_untrusted_names_and_params() -> None:
    with pytest.raises(ValueError, match="names"):
        _vcard._Property("NOTE:X", "v")
    with pytest.raises(ValueError, match="names"):
        _vcard._Property("TEL", "v", group="a.b")
    with pytest.raises(ValueError, match="parameter values"):
        _vcard._Property("TEL", "v", (("TYPE", 'WORK":x'),))
    with pytest.raises(ValueError, match="tel: URIs"):
        _vcard._Property("TEL", "tel:+1-212-555-0123,x", uri=True)


def test_docstring_examples() -> None:
    result = doctest.testmod(_vcard)
    assert result.attempted > 0
    assert result.failed == 0


# -- hostile text in every field that reaches a vCard --------------------------------------
# Hostile text in every text field of a firm profile cannot break the vCards.
#
# For every string in the Big List of Naughty Strings placed in each text field that reaches
# a vCard, vobject reads back exactly the properties the clean profile produces (no property
# added, dropped or split) and the model-cleaned value in its place.

BLNS = blns()

BASE: dict[str, Any] = {
    "name": "Example Immigration Law",
    "phones": [
        {"role": "main", "number": "(212) 555-0123"},
        {"role": "toll_free", "number": "1-88-VISA-LAW-1", "label": "Toll Free"},
    ],
    "offer": {"headline": "FREE in-office consultation", "call_to_action": "Call Today"},
    "practice_areas": ["Asylum"],
    "areas_served": ["New York City"],
    "offices": [
        {
            "name": "Main office",
            "address": {
                "street_address": "100 Example St., Suite 5; Rear",
                "locality": "New York",
                "region": "NY",
                "postal_code": "10007",
            },
        }
    ],
    "social_profiles": [{"network": "Example Social", "url": "https://social.example.com/f"}],
    "advertising_notice": "Attorney Advertising",
}

# Where each field lives in the profile data, as a path of keys and indexes.
FIELDS: dict[str, tuple[str | int, ...]] = {
    "name": ("name",),
    "phone label": ("phones", 1, "label"),
    "offer headline": ("offer", "headline"),
    "call to action": ("offer", "call_to_action"),
    "street": ("offices", 0, "address", "street_address"),
    "locality": ("offices", 0, "address", "locality"),
    "region": ("offices", 0, "address", "region"),
    "office name": ("offices", 0, "name"),
    "practice area": ("practice_areas", 0),
    "area served": ("areas_served", 0),
    "social network": ("social_profiles", 0, "network"),
    "advertising notice": ("advertising_notice",),
}


def with_value(path: tuple[str | int, ...], value: str) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


def expected_note(firm: FirmProfile) -> str:
    """The note as documented: notice, offer, vanity numbers, practice, areas served."""
    assert firm.offer is not None
    toll_free = firm.phones[1]
    article = "an" if firm.offer.headline[:1].lower() in ("a", "e", "i", "o", "u") else "a"
    return "\n".join(
        [
            str(firm.advertising_notice),
            f"{firm.offer.call_to_action} for {article} {firm.offer.headline}",
            f"{toll_free.display_label}: 1-88-VISA-LAW-1 (1-888-472-5291)",
            "Practice areas: " + ", ".join(firm.practice_areas),
            "Areas served: " + ", ".join(firm.areas_served),
        ]
    )


def read_back(card: Any) -> dict[str, Any]:
    """Every value the test compares, as vobject read it."""
    children = list(card.getChildren())
    named = {c.name: c for c in children}
    adr = named["ADR"].value
    labels = {c.group: c.value for c in children if c.name == "X-ABLABEL"}
    return {
        "count": len(children),
        "names": sorted((c.group or "", c.name) for c in children),
        "fn": named["FN"].value,
        "org": named["ORG"].value,
        "note": named["NOTE"].value,
        "adr": (adr.box, adr.extended, adr.street, adr.city, adr.region, adr.code, adr.country),
        "labels": [labels[c.group] for c in children if c.group and c.name != "X-ABLABEL"],
    }


def expected(firm: FirmProfile) -> dict[str, Any]:
    office = firm.offices[0]
    address = office.address
    return {
        "fn": firm.name,
        "org": [firm.name],
        "note": expected_note(firm),
        "adr": (
            "",
            "",
            address.street_address,
            address.locality,
            address.region,
            address.postal_code,
            "US",
        ),
        "labels": [firm.phones[1].display_label, firm.social_profiles[0].network, office.name],
    }


BASELINE = {
    render: read_back(vobject.readOne(render(FirmProfile.model_validate(BASE))))
    for render in (render_vcard3, render_vcard4)
}


def test_blns_is_there() -> None:
    assert len(BLNS) > 400


@pytest.mark.parametrize("render", [render_vcard3, render_vcard4], ids=["v3", "v4"])
@pytest.mark.parametrize("field", list(FIELDS))
def test_every_naughty_string_in_every_field(render: Renderer, field: str) -> None:
    baseline = BASELINE[render]
    accepted = 0
    failures: list[tuple[int, str]] = []
    for index, value in enumerate(BLNS):
        try:
            firm = FirmProfile.model_validate(with_value(FIELDS[field], value))
        except ValidationError:
            continue  # the model refuses it (empty after cleaning, too long, ...)
        accepted += 1
        got = read_back(vobject.readOne(render(firm)))
        want = expected(firm)
        if got["count"] != baseline["count"] or got["names"] != baseline["names"]:
            failures.append((index, "properties differ"))
        for key, value_wanted in want.items():
            if got[key] != value_wanted:
                failures.append((index, f"{key}: {got[key]!r} != {value_wanted!r}"))
    assert failures == []
    # The list's blank and whitespace-only strings are refused; the rest must be kept.
    assert accepted >= 0.85 * len(BLNS), accepted
