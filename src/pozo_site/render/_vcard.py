"""vCard 3.0 (RFC 2426) and vCard 4.0 (RFC 6350) for a firm profile, serialised from data.

Every card is built as a list of properties (name, parameters, value or components) and
then written by one small serializer that escapes every text value (RFC 6350 section 3.4,
RFC 2426 section 4), folds lines at 75 octets without splitting a UTF-8 character, and
ends every line with CRLF. No value from the profile is ever pasted into a line unescaped,
and none reaches a property name or parameter.

>>> from pozo_site import default_firm
>>> card = render_vcard3(default_firm())
>>> card.split("\\r\\n")[:5]
['BEGIN:VCARD', 'VERSION:3.0', 'N:;;;;', 'FN:Pozo Goldstein', 'ORG:Pozo Goldstein']
>>> "TEL;TYPE=WORK,VOICE,PREF:+1-212-201-9031" in card
True
>>> [line for line in render_vcard4(default_firm()).split("\\r\\n") if "TEL" in line]
['TEL;VALUE=uri;TYPE="work,voice";PREF=1:tel:+1-212-201-9031', \
'item1.TEL;VALUE=uri;TYPE="work,voice":tel:+1-888-472-5291']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from pozo_site._firm import FirmPhone, FirmProfile, Office, PhoneRole
from pozo_site._phone import PhoneNumber
from pozo_site._text import clean_multi_line
from pozo_site.render._view import offer_text

__all__ = ["render_vcard3", "render_vcard4"]

_CRLF: Final = "\r\n"
_FOLD_OCTETS: Final = 75
"""Longest line in octets, excluding the CRLF (RFC 6350 section 3.2)."""

# Names, groups and parameters come from this module only, never from the profile; the
# patterns below make sure of it.
_NAME: Final = re.compile(r"[A-Za-z0-9-]+")
_TOKENS = r"[A-Za-z0-9-]+(?:,[A-Za-z0-9-]+)*"
_PARAM_VALUE: Final = re.compile(f'{_TOKENS}|"{_TOKENS}"')
# The only unescaped values: tel: URIs that phonenumbers formats from digits (RFC 6350
# section 6.4.1 writes "tel:+1-555-555-5555;ext=5555" unescaped).
_TEL_URI: Final = re.compile(r"tel:\+[0-9-]+(?:;ext=[0-9]+)?")

# RFC 6350 section 3.4 / RFC 2426 section 4: backslash, comma, semicolon, newline.
# The colon is never escaped. One pass, so an escape is never escaped again.
_ESCAPES: Final = str.maketrans({"\\": "\\\\", ",": "\\,", ";": "\\;", "\n": "\\n"})

# Phone roles as TYPE values. vCard 3.0 has no "toll free" type; work/voice is closest.
_TYPES3: Final = {
    PhoneRole.MAIN: "WORK,VOICE",
    PhoneRole.TOLL_FREE: "WORK,VOICE",
    PhoneRole.FAX: "WORK,FAX",
    PhoneRole.MOBILE: "WORK,CELL",
    PhoneRole.OTHER: "WORK,VOICE",
}
_TYPES4: Final = {role: f'"{types.lower()}"' for role, types in _TYPES3.items()}
# Roles whose meaning TYPE cannot carry, so they always get a label.
_LABELLED_ROLES: Final = frozenset({PhoneRole.TOLL_FREE, PhoneRole.OTHER})


def _escape_text(value: str) -> str:
    """``value`` as a vCard text value (or one component of a compound value).

    Control characters are dropped first (the models already do; this is defence in
    depth), CR and CRLF become LF, and LF is written ``\\n``.

    >>> _escape_text("100 Example St., Suite 5; Rear\\\\2")
    '100 Example St.\\\\, Suite 5\\\\; Rear\\\\\\\\2'
    """
    return clean_multi_line(value).translate(_ESCAPES)


def _fold(line: str) -> str:
    """``line`` folded at 75 octets, never inside a UTF-8 character, ending in CRLF.

    A continuation line starts with one space, which counts toward its 75 octets.

    >>> _fold("NOTE:" + "é" * 40).split("\\r\\n")
    ['NOTE:ééééééééééééééééééééééééééééééééééé', ' ééééé', '']
    """
    data = line.encode("utf-8")
    pieces: list[bytes] = []
    start, limit = 0, _FOLD_OCTETS
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # a continuation byte: back off to the lead byte
            cut -= 1
        pieces.append(data[start:cut])
        start, limit = cut, _FOLD_OCTETS - 1
    pieces.append(data[start:])
    return b"\r\n ".join(pieces).decode("utf-8") + _CRLF


@dataclass(frozen=True)
class _Property:
    """One content line: ``[group.]NAME[;PARAM=value...]:value``.

    ``value`` is a text value, or a tuple of components for a compound property (N, ADR,
    ORG); both are escaped. ``uri`` marks a ``tel:`` URI written as is.
    """

    name: str
    value: str | tuple[str, ...]
    params: tuple[tuple[str, str], ...] = ()
    group: str | None = None
    uri: bool = False

    def __post_init__(self) -> None:
        names = [self.name, *(name for name, _ in self.params)]
        if self.group is not None:
            names.append(self.group)
        if not all(_NAME.fullmatch(name) for name in names):
            raise ValueError("vCard property, group and parameter names must be tokens")
        if not all(_PARAM_VALUE.fullmatch(value) for _, value in self.params):
            raise ValueError("vCard parameter values must be tokens")
        if self.uri and not (isinstance(self.value, str) and _TEL_URI.fullmatch(self.value)):
            raise ValueError("only tel: URIs of digits are written unescaped")

    def line(self) -> str:
        """The logical line, unfolded, without its line break."""
        if isinstance(self.value, tuple):
            value = ";".join(_escape_text(component) for component in self.value)
        else:
            value = self.value if self.uri else _escape_text(self.value)
        head = f"{self.group}.{self.name}" if self.group else self.name
        params = "".join(f";{name}={values}" for name, values in self.params)
        return f"{head}{params}:{value}"


def _serialize(version: str, properties: Iterator[_Property]) -> str:
    lines = [
        _Property("BEGIN", "VCARD"),
        _Property("VERSION", version),
        *properties,
        _Property("END", "VCARD"),
    ]
    return "".join(_fold(prop.line()) for prop in lines)


class _Groups:
    """Hands out ``item1``, ``item2``, ... in order, for Apple's labelled properties."""

    def __init__(self) -> None:
        self._count = 0

    def next(self) -> str:
        self._count += 1
        return f"item{self._count}"


def _phone_label(phone: FirmPhone) -> str | None:
    if phone.label is not None or phone.role in _LABELLED_ROLES:
        return phone.display_label
    return None


def _office_phones(firm: FirmProfile) -> list[tuple[PhoneNumber, str | None]]:
    """Office numbers the firm's own list does not already hold, with the office's name."""
    listed = {phone.number for phone in firm.phones}
    found: list[tuple[PhoneNumber, str | None]] = []
    for office in firm.offices:
        if office.phone is not None and office.phone not in listed:
            listed.add(office.phone)
            found.append((office.phone, office.name))
    return found


def _tel_text(number: PhoneNumber) -> str:
    """vCard 3.0's TEL text: international digits with hyphens, ``+1-212-201-9031``."""
    digits = number.tel_uri.removeprefix("tel:").split(";", 1)[0]
    return f"{digits} ext. {number.extension}" if number.extension else digits


def _labelled(prop: _Property, label: str | None, groups: _Groups) -> Iterator[_Property]:
    """``prop``, grouped with an ``X-ABLabel`` when it has a label of its own.

    vCard has no label parameter for TEL, ADR or URL. A custom label is written the way
    Apple Contacts and Google Contacts write it on export, and read it on import: the
    property and an ``X-ABLabel`` property in one group (``item1.TEL...`` with
    ``item1.X-ABLabel:Toll Free``). The label is a property value, so it is escaped like
    any text; putting it in a parameter (``TYPE=X-...``) would need RFC 6868 quoting that
    few importers understand. Consumers that do not know ``X-ABLabel`` ignore it (RFC 6350
    section 6.10) and still get the number with its TYPE.
    """
    if label is None:
        yield prop
        return
    group = groups.next()
    yield _Property(prop.name, prop.value, prop.params, group=group, uri=prop.uri)
    yield _Property("X-ABLabel", label, group=group)


def _adr(office: Office) -> tuple[str, ...]:
    # Seven components; the first two SHOULD be empty, "Suite 5" stays in the street.
    address = office.address
    return (
        "",
        "",
        address.street_address,
        address.locality,
        address.region,
        address.postal_code,
        address.country,
    )


def _note(firm: FirmProfile) -> str | None:
    """The offer, vanity numbers as printed, practice areas and areas served, one a line.

    vCard has no place for a vanity spelling (TEL holds digits), so the note keeps it:
    ``Toll Free: 1-88-VISA-LAW-1 (1-888-472-5291)``.
    """
    lines: list[str] = []
    if firm.advertising_notice:
        lines.append(firm.advertising_notice)
    offer = offer_text(firm)
    if offer is not None:
        lines.append(offer)
    for phone in firm.phones:
        if phone.number.vanity is not None:
            digits = phone.number.format("digits")
            lines.append(f"{phone.display_label}: {phone.number.vanity} ({digits})")
    if firm.practice_areas:
        lines.append("Practice areas: " + ", ".join(firm.practice_areas))
    if firm.areas_served:
        lines.append("Areas served: " + ", ".join(firm.areas_served))
    return "\n".join(lines) if lines else None


def _common_tail(firm: FirmProfile, groups: _Groups, *, v4: bool) -> Iterator[_Property]:
    """EMAIL, URLs, addresses and the note, shared by both versions."""
    if firm.email is not None:
        email_types = "work" if v4 else "INTERNET,WORK"
        yield _Property("EMAIL", firm.email, (("TYPE", email_types),))
    # RFC 6350 section 3.4: "a COMMA character in a value MUST be escaped", URI values
    # included per errata 3845; vobject and Android's importer unescape it again.
    if firm.website is not None:
        yield _Property("URL", str(firm.website))
    for profile in firm.social_profiles:
        yield from _labelled(_Property("URL", str(profile.url)), profile.network, groups)
    adr_types = "work" if v4 else "WORK"
    for office in firm.offices:
        adr = _Property("ADR", _adr(office), (("TYPE", adr_types),))
        yield from _labelled(adr, office.name, groups)
    note = _note(firm)
    if note is not None:
        yield _Property("NOTE", note)


def _properties3(firm: FirmProfile) -> Iterator[_Property]:
    groups = _Groups()
    # N is required in 3.0; for a company Apple writes it empty and shows FN/ORG.
    yield _Property("N", ("", "", "", "", ""))
    yield _Property("FN", firm.name)
    yield _Property("ORG", (firm.name,))
    yield _Property("X-ABShowAs", "COMPANY")
    main = firm.main_phone
    for phone in firm.phones:
        types = _TYPES3[phone.role] + (",PREF" if phone is main else "")
        tel = _Property("TEL", _tel_text(phone.number), (("TYPE", types),))
        yield from _labelled(tel, _phone_label(phone), groups)
    for number, office_name in _office_phones(firm):
        tel = _Property("TEL", _tel_text(number), (("TYPE", "WORK,VOICE"),))
        yield from _labelled(tel, office_name, groups)
    yield from _common_tail(firm, groups, v4=False)


def _properties4(firm: FirmProfile) -> Iterator[_Property]:
    groups = _Groups()
    yield _Property("KIND", "org")
    yield _Property("FN", firm.name)
    yield _Property("ORG", (firm.name,))
    main = firm.main_phone
    for phone in firm.phones:
        params: tuple[tuple[str, str], ...] = (("VALUE", "uri"), ("TYPE", _TYPES4[phone.role]))
        if phone is main:
            params += (("PREF", "1"),)
        tel = _Property("TEL", phone.number.tel_uri, params, uri=True)
        yield from _labelled(tel, _phone_label(phone), groups)
    for number, office_name in _office_phones(firm):
        params = (("VALUE", "uri"), ("TYPE", '"work,voice"'))
        tel = _Property("TEL", number.tel_uri, params, uri=True)
        yield from _labelled(tel, office_name, groups)
    for index, language in enumerate(firm.languages, start=1):
        yield _Property("LANG", language, (("PREF", str(index)),))  # at most 50: PREF is 1-100
    yield from _common_tail(firm, groups, v4=True)


def render_vcard3(firm: FirmProfile) -> str:
    """The firm as a vCard 3.0 (RFC 2426): the version Apple's and Android's apps import.

    ``N`` is empty and ``X-ABShowAs:COMPANY`` set so contact apps show a company card;
    ``TEL`` holds international digits (the main number ``PREF``); custom phone labels
    use Apple's ``itemN.X-ABLabel``; the note keeps the offer and any vanity spelling.
    Same profile, same bytes: there is no ``REV`` timestamp.
    """
    return _serialize("3.0", _properties3(firm))


def render_vcard4(firm: FirmProfile) -> str:
    """The firm as a vCard 4.0 (RFC 6350): ``KIND:org`` and ``tel:`` URIs with TYPE and PREF.

    Same content as :func:`render_vcard3`, plus ``LANG`` for the firm's languages.
    """
    return _serialize("4.0", _properties4(firm))
