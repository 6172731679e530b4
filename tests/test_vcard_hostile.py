"""Hostile text in every text field of a firm profile cannot break the vCards.

For every string in the Big List of Naughty Strings placed in each text field that reaches
a vCard, vobject reads back exactly the properties the clean profile produces (no property
added, dropped or split) and the model-cleaned value in its place.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
import vobject
from pydantic import ValidationError

from pozo_site import FirmProfile
from pozo_site.render import render_vcard3, render_vcard4
from tests.testdata import blns

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


Renderer = Callable[[FirmProfile], str]
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
