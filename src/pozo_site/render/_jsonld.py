"""schema.org JSON-LD for the firm (``LegalService``) and its articles (``BlogPosting``).

Built as plain data and serialised with ``json``, never pasted together from strings.
Keys come out in a fixed order, so the same input always gives the same bytes. The text
functions return JSON that is safe inside an HTML ``<script>`` element (``<``, ``>``,
``&``, U+2028 and U+2029 as ``\\uXXXX`` escapes) and parses to the same data.

>>> from pozo_site import default_firm
>>> data = firm_jsonld(default_firm())
>>> data["@type"], data["telephone"]
('LegalService', '+1-212-201-9031')
>>> [(c["contactType"], c["telephone"], c.get("contactOption")) for c in data["contactPoint"]]
[('Office', '+1-212-201-9031', None), ('Toll Free', '+1-888-472-5291', 'TollFree')]
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final
from urllib.parse import urljoin, urlsplit

from pozo_site._article import Article
from pozo_site._errors import RenderError
from pozo_site._firm import FirmProfile, Office, OpeningHours, PhoneRole, PostalAddress
from pozo_site.render._escape import json_for_script
from pozo_site.render._view import dialable, voice_phone

__all__ = [
    "SCHEMA_ORG",
    "article_base_url",
    "article_jsonld",
    "firm_jsonld",
    "jsonld_date",
    "jsonld_script",
    "render_article_jsonld",
    "render_firm_jsonld",
]

SCHEMA_ORG: Final = "https://schema.org"
"""The ``@context`` of every document made here."""

JsonObject = dict[str, Any]


def _dumps(data: JsonObject) -> str:
    return json_for_script(data, indent=2) + "\n"


def _postal_address(address: PostalAddress) -> JsonObject:
    return {
        "@type": "PostalAddress",
        "streetAddress": address.street_address,
        "addressLocality": address.locality,
        "addressRegion": address.region,
        "postalCode": address.postal_code,
        "addressCountry": address.country,
    }


def _opening_hours(hours: OpeningHours) -> JsonObject:
    return {
        "@type": "OpeningHoursSpecification",
        "dayOfWeek": [day.value.capitalize() for day in hours.days],
        "opens": f"{hours.opens:%H:%M}",
        "closes": f"{hours.closes:%H:%M}",
    }


def _place(office: Office) -> JsonObject:
    place: JsonObject = {"@type": "Place"}
    if office.name is not None:
        place["name"] = office.name
    place["address"] = _postal_address(office.address)
    if office.phone is not None:
        place["telephone"] = dialable(office.phone)
    if office.hours:
        place["openingHoursSpecification"] = [_opening_hours(h) for h in office.hours]
    return place


def _contact_points(firm: FirmProfile) -> list[JsonObject]:
    points: list[JsonObject] = []
    for phone in firm.phones:
        point: JsonObject = {"@type": "ContactPoint"}
        if phone.role is PhoneRole.FAX:
            point["faxNumber"] = dialable(phone.number)
        else:
            point["telephone"] = dialable(phone.number)
        point["contactType"] = phone.display_label
        if phone.number.is_toll_free:
            point["contactOption"] = "TollFree"
        points.append(point)
    if len(firm.offices) == 1:  # several offices carry their numbers in "location"
        office = firm.offices[0]
        listed = {phone.number for phone in firm.phones}
        if office.phone is not None and office.phone not in listed:
            point = {"@type": "ContactPoint", "telephone": dialable(office.phone)}
            point["contactType"] = office.name or "Office"
            if office.phone.is_toll_free:
                point["contactOption"] = "TollFree"
            points.append(point)
    return points


def firm_jsonld(firm: FirmProfile) -> JsonObject:
    """The firm as a schema.org ``LegalService`` (a ``LocalBusiness``, so an ``Organization``).

    ``telephone`` is the main number in the ``+1-212-201-9031`` form (never vanity text);
    each number is a ``ContactPoint`` (``faxNumber`` for a fax), the toll-free ones with
    ``contactOption: TollFree``. One office gives ``address`` and its hours; several give a
    list of addresses and one ``Place`` each in ``location``. Fields the profile leaves
    empty are left out.
    """
    data: JsonObject = {"@context": SCHEMA_ORG, "@type": "LegalService", "name": firm.name}
    if firm.website is not None:
        data["url"] = str(firm.website)
    if firm.email is not None:
        data["email"] = firm.email
    voice = voice_phone(firm)
    if voice.role is not PhoneRole.FAX:
        data["telephone"] = dialable(voice.number)
    faxes = firm.phones_with_role(PhoneRole.FAX)
    if faxes:
        data["faxNumber"] = dialable(faxes[0].number)
    if len(firm.offices) == 1:
        office = firm.offices[0]
        data["address"] = _postal_address(office.address)
        if office.hours:
            data["openingHoursSpecification"] = [_opening_hours(h) for h in office.hours]
    elif firm.offices:
        data["address"] = [_postal_address(o.address) for o in firm.offices]
        data["location"] = [_place(o) for o in firm.offices]
    data["contactPoint"] = _contact_points(firm)
    if firm.areas_served:
        data["areaServed"] = list(firm.areas_served)
    if firm.practice_areas:
        data["knowsAbout"] = list(firm.practice_areas)
    if firm.languages:
        data["knowsLanguage"] = list(firm.languages)
    if firm.social_profiles:
        data["sameAs"] = [str(p.url) for p in firm.social_profiles]
    return data


def render_firm_jsonld(firm: FirmProfile) -> str:
    """:func:`firm_jsonld` as indented JSON text (UTF-8 characters kept), ending in a newline.

    Safe to embed in a ``<script type="application/ld+json">`` as it is (see
    :func:`json_for_script`); :func:`jsonld_script` wraps it in the element."""
    return _dumps(firm_jsonld(firm))


def _organization(firm: FirmProfile) -> JsonObject:
    node: JsonObject = {"@type": "LegalService", "name": firm.name}
    if firm.website is not None:
        node["url"] = str(firm.website)
    voice = voice_phone(firm)
    if voice.role is not PhoneRole.FAX:
        node["telephone"] = dialable(voice.number)
    return node


def _check_base_url(base_url: str) -> str:
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise RenderError(
            "base_url must be an absolute http(s) URL without query or fragment, "
            "such as 'https://www.example.com/articles/'",
            code="base_url_invalid",
        )
    return base_url.rstrip("/") + "/"


def _is_absolute(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def article_base_url(firm: FirmProfile, base_url: str | None = None) -> str | None:
    """The base the article URLs are made absolute against: ``base_url``, else the firm
    profile's ``base_url``, else ``None``. Raises :class:`RenderError`
    (``base_url_invalid``) for a base that is not an absolute http(s) URL."""
    if base_url is None and firm.base_url is not None:
        base_url = str(firm.base_url)
    return _check_base_url(base_url) if base_url is not None else None


def jsonld_date(day: dt.date, firm: FirmProfile) -> str:
    """``day`` as ISO 8601: with the firm's time zone, midnight there with its offset
    (``2018-01-01T00:00:00-05:00``); without one, the date alone (``2018-01-01``)."""
    zone = firm.zone
    if zone is None:
        return day.isoformat()
    return dt.datetime.combine(day, dt.time(0), tzinfo=zone).isoformat()


def article_jsonld(
    article: Article, firm: FirmProfile, *, base_url: str | None = None
) -> JsonObject:
    """The article as a schema.org ``BlogPosting`` published by the firm.

    ``author`` is a ``Person`` when the article names one, else the firm; ``publisher`` is
    the firm (a ``LegalService``, with its ``url`` when the profile has a website).
    ``dateModified`` is ``updated``, or the publication date; both are ISO 8601, with the
    firm's time zone offset when the profile gives ``timezone``. With ``base_url`` (the
    folder of the articles, e.g. ``https://www.example.com/blog/``; default: the firm
    profile's ``base_url``) the article's canonical URL is the base joined with its slug,
    given as ``url`` and ``mainEntityOfPage``, and a relative image becomes absolute.
    Raises :class:`RenderError` (``base_url_invalid``) for a base that is not an absolute
    http(s) URL.
    """
    base = article_base_url(firm, base_url)
    data: JsonObject = {"@context": SCHEMA_ORG, "@type": "BlogPosting", "headline": article.title}
    if article.summary is not None:
        data["description"] = article.summary
    if base is not None:
        url = base + article.slug
        data["url"] = url
        data["mainEntityOfPage"] = {"@type": "WebPage", "@id": url}
    if article.image is not None:
        src = article.image.src
        data["image"] = urljoin(base, src) if base is not None and not _is_absolute(src) else src
    data["datePublished"] = jsonld_date(article.date, firm)
    data["dateModified"] = jsonld_date(article.updated or article.date, firm)
    data["author"] = (
        {"@type": "Person", "name": article.author}
        if article.author is not None
        else _organization(firm)
    )
    data["publisher"] = _organization(firm)
    if article.tags:
        data["keywords"] = list(article.tags)
    return data


def render_article_jsonld(
    article: Article, firm: FirmProfile, *, base_url: str | None = None
) -> str:
    """:func:`article_jsonld` as indented JSON text, ending in a newline.

    Safe inside ``<script>`` as it is: a title holding ``</script>`` comes out as
    ``\\u003c/script\\u003e``, which every JSON parser reads back as the same title."""
    return _dumps(article_jsonld(article, firm, base_url=base_url))


def jsonld_script(data: JsonObject) -> str:
    """``data`` in a ``<script type="application/ld+json">`` element, safe to embed in HTML.

    For the firm's and the articles' data (:func:`firm_jsonld`, :func:`article_jsonld`)
    and an integrator's own (a ``BreadcrumbList``, an ``FAQPage``). No value can end the
    element early: ``<``, ``>``, ``&``, U+2028 and U+2029 are written
    as JSON ``\\uXXXX`` escapes (see :func:`~pozo_site.render.json_for_script`).
    """
    return f'<script type="application/ld+json">\n{json_for_script(data, indent=2)}\n</script>\n'
