"""``render_article_html``: the article as HTML, judged by html5lib and the JSON it embeds."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import html5lib
import pytest

from pozo_site import Article, FirmProfile, RenderError, default_firm, example_articles
from pozo_site.render import (
    article_jsonld,
    jsonld_script,
    render_article_html,
    render_article_jsonld,
    render_call_to_action,
    render_firm_jsonld,
)
from pozo_site.render._article import body_ends_with_call_to_action


def parse(html: str) -> Any:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parseFragment(html)


def article(body: str, **front: str) -> Article:
    head = "".join(f"{key}: {value}\n" for key, value in front.items())
    return Article.from_markdown(
        f"---\ntitle: Know Your Rights\ndate: 2024-05-01\n{head}---\n{body}"
    )


def links(html: str) -> list[tuple[str, str]]:
    return [("".join(a.itertext()), a.attrib["href"]) for a in parse(html).iter("a")]


def jsonld_of(html: str) -> Any:
    [script] = list(parse(html).iter("script"))
    assert script.attrib == {"type": "application/ld+json"}
    return json.loads(script.text)


def test_the_example_article() -> None:
    [example] = example_articles()
    firm = default_firm()
    html = render_article_html(example, firm)
    fragment = parse(html)
    assert [child.tag for child in fragment] == ["article", "script"]
    ids = [h.attrib.get("id") for h in fragment.iter() if h.tag in ("h2", "h3")]
    assert ids == [section.anchor for section in example.sections]
    assert ids == ["protecting-the-rights-of-immigrants", "blowback-from-ice"]
    # The body already closes with a call to action: no second one.
    assert body_ends_with_call_to_action(example, firm)
    assert "call-to-action" not in html
    assert links(html) == [("212-201-9031", "tel:+1-212-201-9031")]
    assert jsonld_of(html) == article_jsonld(example, firm)
    assert fragment.find("article/h1").text == example.title


def test_numbers_become_links_in_house_style_others_stay_text() -> None:
    body = (
        "## Call (212) 201-9031\n\n"
        "Call (212) 201-9031 or 1-88-VISA-LAW-1, not 212-555-0199, in 2017 and 1,526 times.\n\n"
        "`212-201-9031` in code, and [our line 212-201-9031](https://www.example.com/).\n"
    )
    html = render_article_html(article(body), default_firm(), call_to_action=False)
    assert links(html) == [
        ("212-201-9031", "tel:+1-212-201-9031"),
        ("212-201-9031", "tel:+1-212-201-9031"),
        ("1-88-VISA-LAW-1 (888-472-5291)", "tel:+1-888-472-5291"),
        ("our line 212-201-9031", "https://www.example.com/"),
    ]
    assert "not 212-555-0199, in 2017 and 1,526 times" in html
    assert "<code>212-201-9031</code>" in html
    assert '<h2 id="call-212-201-9031">' in html
    national = render_article_html(
        article(body), default_firm(), phone_style="national", call_to_action=False
    )
    assert ("(212) 201-9031", "tel:+1-212-201-9031") in links(national)
    assert ("1-88-VISA-LAW-1, (888) 472-5291", "tel:+1-888-472-5291") in links(national)


@pytest.mark.parametrize(
    ("body", "auto"),
    [
        ("Know your rights.\n", True),
        ("Call us at 212-201-9031.\n\nMore text.\n", True),
        ("More text.\n\nCall us at 212-201-9031. We look forward to it.\n", False),
        ("Call [our office](tel:+12122019031).\n", False),
        ("Call [us](tel:+1-212-555-0199) or [x](tel:nonsense).\n", True),
        ("- Call 1-88-VISA-LAW-1\n", False),
        ("Call 212-201-9031.\n\n```\ncode\n```\n", True),
        ("", True),
        ("See [our page](https://www.example.com/).\n", True),
        ("212-201-9031 is our number.\n", False),
    ],
)
def test_call_to_action_only_when_the_body_lacks_one(body: str, auto: bool) -> None:
    firm = default_firm()
    cta = render_call_to_action(firm, "html")
    assert (cta in render_article_html(article(body), firm)) is auto
    assert cta in render_article_html(article(body), firm, call_to_action=True)
    assert cta not in render_article_html(article(body), firm, call_to_action=False)


def test_call_to_action_value_is_checked() -> None:
    with pytest.raises(RenderError) as info:
        render_article_html(article("x"), default_firm(), call_to_action="yes")  # type: ignore[arg-type]
    assert info.value.code == "call_to_action_invalid"
    with pytest.raises(RenderError) as info:
        render_article_html(article("x"), default_firm(), phone_style="fancy")
    assert info.value.code == "phone_style_unknown"


def test_raw_html_is_escaped_unless_allowed() -> None:
    body = "<div>\n# Not a heading\n</div>\n\nHello <b onclick=x()>there</b>.\n\n## Real\n"
    post = article(body)
    assert [s.anchor for s in post.sections] == ["real"]
    html = render_article_html(post, default_firm(), call_to_action=False)
    fragment = parse(html)
    assert not [e for e in fragment.iter() if e.tag in ("div", "b")]
    assert "&lt;b onclick=x()&gt;there&lt;/b&gt;" in html
    assert [h.attrib["id"] for h in fragment.iter("h2")] == ["real"]
    kept = render_article_html(post, default_firm(), call_to_action=False, allow_html=True)
    assert "<b onclick=x()>there</b>" in kept
    assert [h.attrib["id"] for h in parse(kept).iter("h2")] == ["real"]


def test_hostile_title_cannot_end_the_script() -> None:
    post = article("Text.\n", summary="'</script><script>alert(1)</script> & \u2028'")
    post = post.model_copy(update={"title": "</script><!-- x"})
    firm = default_firm()
    for text in (render_article_jsonld(post, firm), render_firm_jsonld(firm)):
        for character in "<>&\u2028":
            assert character not in text
    assert json.loads(render_article_jsonld(post, firm)) == article_jsonld(post, firm)
    html = render_article_html(post, firm)
    assert jsonld_of(html)["headline"] == "</script><!-- x"
    assert "&lt;/script&gt;&lt;!-- x" in html  # the <h1>, escaped for HTML


def test_jsonld_script_for_an_integrators_own_data() -> None:
    data = {"@context": "https://schema.org", "@type": "FAQPage", "name": "</script>"}
    html = jsonld_script(data)
    assert html.startswith('<script type="application/ld+json">\n')
    assert jsonld_of(html) == data


def _firm(**extra: Any) -> FirmProfile:
    data = default_firm().model_dump(mode="json", exclude_none=True)
    data.update(extra)
    return FirmProfile.model_validate(data)


def test_base_url_and_timezone_from_the_profile() -> None:
    firm = _firm(
        base_url="https://www.example.com/blog/",
        timezone="America/New_York",
        website="https://www.example.com/",
    )
    post = article("Text.\n", updated="2024-07-04", image="{src: img/a.png, alt: A photo}")
    data = article_jsonld(post, firm)
    assert data["url"] == "https://www.example.com/blog/know-your-rights"
    assert data["image"] == "https://www.example.com/blog/img/a.png"
    assert data["datePublished"] == "2024-05-01T00:00:00-04:00"
    assert data["dateModified"] == "2024-07-04T00:00:00-04:00"
    assert dt.datetime.fromisoformat(data["datePublished"]).utcoffset() == dt.timedelta(hours=-4)
    assert data["publisher"]["url"] == "https://www.example.com/"
    explicit = article_jsonld(post, firm, base_url="https://news.example.com/")
    assert explicit["url"] == "https://news.example.com/know-your-rights"
    winter = article_jsonld(article("x", date="2024-01-15"), firm)
    assert winter["datePublished"].endswith("-05:00")
    plain = article_jsonld(post, default_firm())
    assert plain["datePublished"] == "2024-05-01"
    assert "url" not in plain
    assert plain["image"] == "img/a.png"
