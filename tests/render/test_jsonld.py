"""schema.org JSON-LD for the firm and its articles, judged by a JSON-LD processor (pyld).

The processor runs offline: a document loader serves the schema.org context as an inline
``@vocab`` mapping, and refuses any other URL, so no test touches the network.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import html5lib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyld import jsonld

from pozo_site import Article, FirmProfile, PhoneNumber, default_firm, example_articles
from pozo_site.render import (
    RenderError,
    article_jsonld,
    firm_jsonld,
    json_for_script,
    jsonld_script,
    render_article_jsonld,
    render_contact_block,
    render_firm_jsonld,
)

S = "https://schema.org/"
SCHEMA_CONTEXT = {"@context": {"@vocab": S}}

EXAMPLE: dict[str, Any] = {
    "name": "Ejemplo Inmigración Law",
    "phones": [
        {"role": "main", "number": "(212) 555-0123"},
        {"role": "toll_free", "number": "1-800-555-0199", "label": "Toll Free"},
        {"role": "fax", "number": "(212) 555-0145"},
    ],
    "practice_areas": ["Immigration law", "Asylum"],
    "areas_served": ["New York City"],
    "offices": [
        {
            "name": "Main office",
            "address": {
                "street_address": "100 Example Street, Suite 5",
                "locality": "New York",
                "region": "NY",
                "postal_code": "10001",
            },
            "hours": [{"days": ["monday", "friday"], "opens": "09:00", "closes": "17:30"}],
        }
    ],
    "email": "intake@example.com",
    "website": "https://www.example.com/",
    "languages": ["en", "es"],
    "social_profiles": [{"network": "Facebook", "url": "https://www.facebook.com/example"}],
}


def offline_loader(url: str, options: Any = None) -> dict[str, Any]:
    if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
        raise AssertionError(f"unexpected fetch of {url}")
    return {"contextUrl": None, "documentUrl": url, "document": SCHEMA_CONTEXT}


def expand(document: dict[str, Any]) -> dict[str, Any]:
    [node] = jsonld.expand(document, {"documentLoader": offline_loader})
    assert isinstance(node, dict)
    return node


def values(node: dict[str, Any], prop: str) -> list[Any]:
    """The plain values of ``prop`` in an expanded node (nodes stay nodes)."""
    return [v.get("@value", v) for v in node.get(S + prop, [])]


def one(node: dict[str, Any], prop: str) -> Any:
    [value] = values(node, prop)
    return value


@pytest.fixture(scope="module")
def example() -> FirmProfile:
    return FirmProfile.model_validate(EXAMPLE)


# -- the firm -------------------------------------------------------------------------


def test_default_firm_expands_to_the_profile() -> None:
    firm = default_firm()
    node = expand(firm_jsonld(firm))
    assert node["@type"] == [S + "LegalService"]
    assert one(node, "name") == "Pozo Goldstein"
    assert PhoneNumber.parse(one(node, "telephone")) == firm.main_phone.number
    assert one(node, "telephone") == "+1-212-201-9031"
    points = values(node, "contactPoint")
    assert [p["@type"] for p in points] == [[S + "ContactPoint"]] * 2
    assert [PhoneNumber.parse(one(p, "telephone")) for p in points] == [
        p.number for p in firm.phones
    ]
    assert [one(p, "contactType") for p in points] == ["Office", "Toll Free"]
    assert [values(p, "contactOption") for p in points] == [[], ["TollFree"]]
    assert values(node, "areaServed") == list(firm.areas_served)
    assert values(node, "knowsAbout") == list(firm.practice_areas)
    for absent in ("address", "url", "email", "sameAs", "openingHoursSpecification"):
        assert values(node, absent) == []


def test_vanity_text_never_in_jsonld() -> None:
    text = render_firm_jsonld(default_firm())
    assert "VISA" not in text
    telephones = re.findall(r'"(?:telephone|faxNumber)": "([^"]*)"', text)
    assert telephones
    assert all(re.fullmatch(r"\+[0-9-]+", t) for t in telephones)


def test_example_firm_expands_to_the_profile(example: FirmProfile) -> None:
    node = expand(firm_jsonld(example))
    assert one(node, "name") == example.name
    assert one(node, "url") == "https://www.example.com/"
    assert one(node, "email") == "intake@example.com"
    assert one(node, "faxNumber") == "+1-212-555-0145"
    address = one(node, "address")
    assert address["@type"] == [S + "PostalAddress"]
    assert {
        key: one(address, key)
        for key in ("streetAddress", "addressLocality", "addressRegion", "postalCode")
    } == {
        "streetAddress": "100 Example Street, Suite 5",
        "addressLocality": "New York",
        "addressRegion": "NY",
        "postalCode": "10001",
    }
    assert one(address, "addressCountry") == "US"
    hours = one(node, "openingHoursSpecification")
    assert values(hours, "dayOfWeek") == ["Monday", "Friday"]
    assert (one(hours, "opens"), one(hours, "closes")) == ("09:00", "17:30")
    assert values(node, "sameAs") == ["https://www.facebook.com/example"]
    assert values(node, "knowsLanguage") == ["en", "es"]
    points = values(node, "contactPoint")
    assert [values(p, "telephone") for p in points] == [
        ["+1-212-555-0123"],
        ["+1-800-555-0199"],
        [],
    ]
    assert values(points[2], "faxNumber") == ["+1-212-555-0145"]
    assert values(points[1], "contactOption") == ["TollFree"]


def test_several_offices_give_places() -> None:
    data = dict(EXAMPLE)
    second = {
        "address": {
            "street_address": "2 Sample Road",
            "locality": "Yonkers",
            "region": "NY",
            "postal_code": "10701",
        },
        "phone": "(914) 555-0100",
    }
    data["offices"] = [*EXAMPLE["offices"], second]
    node = expand(firm_jsonld(FirmProfile.model_validate(data)))
    assert [one(a, "addressLocality") for a in values(node, "address")] == ["New York", "Yonkers"]
    places = values(node, "location")
    assert [p["@type"] for p in places] == [[S + "Place"]] * 2
    assert values(places[0], "name") == ["Main office"]
    assert values(places[1], "telephone") == ["+1-914-555-0100"]
    assert values(node, "openingHoursSpecification") == []
    assert len(values(places[0], "openingHoursSpecification")) == 1


def test_single_office_phone_is_a_contact_point() -> None:
    data = dict(EXAMPLE)
    data["offices"] = [{**EXAMPLE["offices"][0], "phone": "(212) 555-0177"}]
    points = firm_jsonld(FirmProfile.model_validate(data))["contactPoint"]
    assert points[-1] == {
        "@type": "ContactPoint",
        "telephone": "+1-212-555-0177",
        "contactType": "Main office",
    }


def test_jsonld_text_is_deterministic_utf8(example: FirmProfile) -> None:
    text = render_firm_jsonld(example)
    copy = FirmProfile.model_validate(example.model_dump())
    assert text.encode() == render_firm_jsonld(copy).encode()
    assert text == render_contact_block(example, "jsonld")
    assert "Inmigración" in text  # characters kept, not \u-escaped
    assert text.endswith("}\n")
    assert text.startswith('{\n  "@context": "https://schema.org",\n  "@type": "LegalService",')
    assert json.loads(text) == firm_jsonld(example)


# -- articles -------------------------------------------------------------------------


def make_article(**changes: Any) -> Article:
    data: dict[str, Any] = {
        "title": "Know Your Rights at Home",
        "date": dt.date(2024, 5, 1),
        "summary": "What to do when ICE knocks.",
        "tags": ["rights", "ice"],
        "image": {"src": "/images/rights.jpg", "alt": "A closed front door"},
        "body": "Stay calm.\n",
    }
    data.update(changes)
    return Article.model_validate(data)


def test_example_article_without_base_url() -> None:
    [article] = example_articles()
    firm = default_firm()
    data = article_jsonld(article, firm)
    assert "url" not in data
    assert "mainEntityOfPage" not in data
    node = expand(data)
    assert node["@type"] == [S + "BlogPosting"]
    assert one(node, "headline") == article.title
    assert one(node, "datePublished") == "2018-01-01"
    assert one(node, "dateModified") == "2018-01-01"
    assert one(node, "description") == article.summary
    author = one(node, "author")
    publisher = one(node, "publisher")
    assert author == publisher
    assert publisher["@type"] == [S + "LegalService"]
    assert one(publisher, "name") == "Pozo Goldstein"
    assert one(publisher, "telephone") == "+1-212-201-9031"
    assert values(node, "keywords") == list(article.tags)


def test_article_with_base_url_and_author(example: FirmProfile) -> None:
    article = make_article(author="Ana Example", updated=dt.date(2024, 6, 2))
    node = expand(article_jsonld(article, example, base_url="https://www.example.com/blog"))
    url = "https://www.example.com/blog/know-your-rights-at-home"
    assert one(node, "url") == url
    page = one(node, "mainEntityOfPage")
    assert page["@id"] == url
    assert page["@type"] == [S + "WebPage"]
    assert one(node, "image") == "https://www.example.com/images/rights.jpg"
    assert one(node, "dateModified") == "2024-06-02"
    assert one(node, "datePublished") == "2024-05-01"
    author = one(node, "author")
    assert author["@type"] == [S + "Person"]
    assert one(author, "name") == "Ana Example"
    publisher = one(node, "publisher")
    assert one(publisher, "name") == example.name
    assert one(publisher, "url") == "https://www.example.com/"


@pytest.mark.parametrize(
    ("base", "src", "image"),
    [
        ("https://x.example/blog/", "img/a.jpg", "https://x.example/blog/img/a.jpg"),
        ("https://x.example/blog/", "/img/a.jpg", "https://x.example/img/a.jpg"),
        ("https://x.example/blog/", "https://cdn.example/a.jpg", "https://cdn.example/a.jpg"),
        (None, "img/a.jpg", "img/a.jpg"),
    ],
)
def test_article_image(base: str | None, src: str, image: str) -> None:
    article = make_article(image={"src": src, "alt": "x"})
    assert article_jsonld(article, default_firm(), base_url=base)["image"] == image


@pytest.mark.parametrize(
    "base", ["example.com/blog", "ftp://example.com/", "https://x.example/?a=1", "/blog/", ""]
)
def test_article_bad_base_url(base: str) -> None:
    with pytest.raises(RenderError) as info:
        article_jsonld(make_article(), default_firm(), base_url=base)
    assert info.value.code == "base_url_invalid"
    assert isinstance(info.value, ValueError)


def test_article_jsonld_text() -> None:
    article = make_article()
    text = render_article_jsonld(article, default_firm(), base_url="https://x.example/")
    assert json.loads(text) == article_jsonld(article, default_firm(), base_url="https://x.example")
    assert text == render_article_jsonld(article, default_firm(), base_url="https://x.example/")
    assert text.endswith("}\n")


# -- embedding in HTML ----------------------------------------------------------------


def scripts_in(html: str) -> list[Any]:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return [e for e in parser.parseFragment(html).iter() if e.tag == "script"]


def test_jsonld_script_cannot_be_closed_early() -> None:
    data = {
        "@context": "https://schema.org",
        "name": "</script><script>alert(1)</script><!-- <script> & \u2028\u2029 ]]>",
        "x": "</SCRIPT >",
    }
    html = jsonld_script(data)
    assert html.startswith('<script type="application/ld+json">\n')
    assert html.endswith("\n</script>\n")
    [script] = scripts_in(html + "<p>after</p>")
    assert json.loads(script.text) == data
    assert "\u2028" not in html
    assert "\u2029" not in html


@settings(max_examples=150, deadline=None)
@given(st.recursive(st.text(), lambda inner: st.dictionaries(st.text(), inner), max_leaves=8))
def test_json_for_script_round_trips(value: Any) -> None:
    data = {"v": value}
    text = json_for_script(data, indent=2)
    assert json.loads(text) == data
    assert not re.search("[<>&\u2028\u2029]", text)
    [script] = scripts_in(f'<script type="application/ld+json">{text}</script>')
    assert json.loads(script.text) == data
