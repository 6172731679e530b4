"""Phone rules (P): every number in an article is the firm's, written in the house style.

Numbers are found in the body and in front matter string values by ``phonenumbers``'
matcher (leniency VALID, so "1,526" or "2017" never match), plus a pass for keypad-letter
(vanity) numbers such as ``1-88-VISA-LAW-1``, which the matcher misses, plus a pass for
text shaped like a North American number that is not a valid one (a dropped or swapped
digit), plus a pass for text one digit short or long of a known number (``212-201-903``).
Every candidate is parsed with :meth:`pozo_site.PhoneNumber.parse`, whose cache makes the
many repeats of the firm's own numbers cheap.

A candidate counts only when it reads as a number as people write one (the reading lives
in :mod:`pozo_site._phone_finder`, shared with the language server's hover): not glued
to letters, dots or hyphens
(``7.3-rc.1``, ``1:18-cv-0912-XYZ``, ``9.30am-9.45am``, ``360-degrees``), digit groups
where a North American number has them (not ``12.101 - 12.109``), a bare digit run only
up to ``phone-max-bare-digits`` or after a word such as "call", keypad letters only in a
full vanity shape (``1-800-FLOWERS``) or in the firm's own vanity text. These tests look
at a few characters around each candidate with compiled patterns, never at the whole text
character by character.

Numbers listed in ``other-numbers`` (an agency's hotline) are not P001; with
``other-numbers-style`` they are held to the house style (P002) like the firm's.

What is read: front matter string values other than ``slug`` and ``image.src`` (which
are addresses), and the body with code, HTML comments, URLs and link targets blanked
(:func:`~pozo_site.check._rules._markdown.prose_body`); a ``tel:`` target is read. A line
end inside a paragraph reads as a space, so a number wrapped onto the next line is found
(and its fix puts it on one line). Every text passes through :func:`reading_text` before
it is searched.

House style: a firm number is accepted written exactly as ``number.format(phone_style)``
or exactly as the firm's own vanity text (the firm prints its toll-free number as
``1-88-VISA-LAW-1``); any other form is P002, fixed to the house style. A number in a
``tel:`` link is checked for being the firm's (P001) but not for style, since a link's
form is RFC 3966, not the house style. A fix inside a plain YAML value is offered only
when the value stays a string (``summary: +12122019031`` would become an integer). A
firm number with an extension is the firm's; in a style that cannot show an extension
(``e164``) it is accepted as written.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Final, NamedTuple

import yaml

from pozo_site._hidden import unhide
from pozo_site._locate import mapping_get
from pozo_site._phone import PhoneNumber, PhoneStyle
from pozo_site._phone_finder import (
    DEFAULT_PHONE_MAX_BARE_DIGITS,
    Found,
    Reading,
    find_numbers,
)
from pozo_site.check._codes.phone import INVALID, NOT_FIRM_NUMBER, NOT_HOUSE_STYLE, RULES
from pozo_site.check._finding import Edit, Finding, Fix
from pozo_site.check._rules._base import Checker, Context, string_scalars
from pozo_site.check._rules._markdown import blank_urls, prose_body
from pozo_site.check._source import ArticleDoc

if TYPE_CHECKING:
    from pozo_site.check._config import OtherNumber

__all__ = [
    "CHECKERS",
    "DEFAULT_PHONE_MAX_BARE_DIGITS",
    "INVALID",
    "NOT_FIRM_NUMBER",
    "NOT_HOUSE_STYLE",
    "RULES",
    "Found",
    "Reading",
    "find_numbers",
]


_DIGIT_RUN: Final = re.compile(r"\d+")
_SOFT_BREAK: Final = re.compile(r"(?<![\r\n])(?:\r\n|\r|\n)(?![ \t]*(?:\r\n|\r|\n|$))")
# The same where no "\r" is (nearly every text): one character each, replaced in C, and
# the pattern starts with the "\n" (the lookbehind two characters back), so the engine
# skips to each line end at once instead of trying every character.
_SOFT_BREAK_LF: Final = re.compile(r"\n(?<!\n\n)(?![ \t]*(?:\n|$))")
_RESOLVER: Final = yaml.resolver.Resolver()
_STR_TAG: Final = "tag:yaml.org,2002:str"


def _join_lines(text: str) -> str:
    """``text`` with each line end inside a paragraph made spaces (a reader sees a space
    there, so "212" at a line's end and "201-9031" on the next is one number)."""
    if "\r" in text:
        return _SOFT_BREAK.sub(lambda m: " " * len(m.group(0)), text)
    if "\n" not in text:
        return text
    return _SOFT_BREAK_LF.sub(" ", text)


def reading_text(text: str) -> str:
    """The one step from a text to what the phone rules search: every text read for
    numbers (front matter values, the body, with or without code blanked) passes here,
    so a normalisation added here applies everywhere. Offsets are kept: the result has
    the length of ``text``."""
    return _join_lines(text)


class _Text(NamedTuple):
    """A text to scan: its offset in the file, the text as written, the text to search
    (code and link targets blanked, soft line breaks joined), and its YAML node."""

    base: int
    written: str
    scan: str
    node: yaml.ScalarNode | None = None


def _texts(doc: ArticleDoc) -> Iterator[_Text]:
    """Front matter string values that readers read (not ``slug`` or ``image.src``,
    which are addresses), then the body."""
    skip: set[int] = set()
    pair = mapping_get(doc.node, "slug")
    if pair is not None:
        skip.add(id(pair[1]))
    image = mapping_get(doc.node, "image")
    src = mapping_get(image[1], "src") if image is not None else None
    if src is not None:
        skip.add(id(src[1]))
    for node in string_scalars(doc.node):
        if id(node) in skip:
            continue
        start, end = node.start_mark.index, node.end_mark.index
        written = doc.yaml_text[start:end]
        yield _Text(doc.yaml_start + start, written, reading_text(blank_urls(written)), node)
    yield _Text(doc.body_start, doc.body, reading_text(prose_body(doc)))


def _stays_a_string(item: _Text, start: int, end: int, replacement: str) -> bool:
    """Whether a plain YAML scalar, edited, still reads as a string (``+12122019031``
    alone would become an integer)."""
    if item.node is None or item.node.style:  # quoted or block: always a string
        return True  # (plain is None with PyYAML's Python loader, '' with libyaml's)
    edited = item.written[:start] + replacement + item.written[end:]
    value = " ".join(edited.split())
    tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return bool(tag == _STR_TAG)


def _symbols(text: str) -> str:
    return "".join(c for c in text.upper() if c.isalnum())


def _known_number(
    number: PhoneNumber, known: Mapping[PhoneNumber, PhoneNumber]
) -> PhoneNumber | None:
    """The known number that ``number`` dials: itself, or, for a number with an extension
    that is not listed, the line it extends."""
    found = known.get(number)
    if found is None and number.extension:
        found = known.get(PhoneNumber.parse(number.e164))
    return found


def _national_digits(number: PhoneNumber) -> str | None:
    """The ten digits of a North American number, ``None`` for another country's."""
    return number.e164[2:] if number.e164.startswith("+1") else None


def _one_digit_off(digits: str, target: str) -> bool:
    """Whether ``digits`` is ``target`` with one digit changed or two neighbours swapped."""
    if len(digits) != len(target) or digits == target:
        return False
    wrong = [i for i in range(len(digits)) if digits[i] != target[i]]
    if len(wrong) == 1:
        return True
    first, second = wrong[0], wrong[-1]
    return (
        len(wrong) == 2
        and second == first + 1
        and digits[first] == target[second]
        and (digits[second] == target[first])
    )


class _Known(NamedTuple):
    """What a run of the phone rules knows: the firm's numbers, the other numbers, the
    reading settings, and the words of its messages."""

    firm: Mapping[PhoneNumber, PhoneNumber]
    others: Mapping[PhoneNumber, OtherNumber]
    other_keys: Mapping[PhoneNumber, PhoneNumber]
    reading: Reading
    listed: str
    names: Mapping[PhoneNumber, str]

    def nearly(self, number: PhoneNumber) -> PhoneNumber | None:
        """The known number that ``number`` nearly is (one digit changed or swapped)."""
        digits = _national_digits(number)
        return None if digits is None else _nearly(digits, self.reading.near_targets)


@functools.lru_cache(maxsize=1024)
def _nearly(digits: str, targets: tuple[tuple[str, PhoneNumber], ...]) -> PhoneNumber | None:
    for target, known in targets:
        if _one_digit_off(digits, target):
            return known
    return None


def _written(number: PhoneNumber, style: PhoneStyle) -> str:
    digits = number.format(style)
    return f"{number.vanity} ({digits})" if number.vanity else digits


@functools.lru_cache(maxsize=32)
def _known(
    firm_numbers: tuple[PhoneNumber, ...],
    others: tuple[OtherNumber, ...],
    style: PhoneStyle,
    max_bare_digits: int,
) -> _Known:
    firm = {number: number for number in firm_numbers}
    other_map = {o.number: o for o in others if o.number not in firm}
    names: dict[PhoneNumber, str] = {}
    for number in firm_numbers:
        names[number] = f"the firm's number {_written(number, style)}"
    for other in other_map.values():
        written = _written(other.number, style)
        names[other.number] = f"{other.label} ({written})" if other.label else written
    targets = tuple(
        (digits, number)
        for number in (*firm_numbers, *other_map)
        if (digits := _national_digits(number)) is not None
    )
    vanity = frozenset(_symbols(n.vanity) for n in firm_numbers if n.vanity)
    return _Known(
        firm=firm,
        others=other_map,
        other_keys={number: number for number in other_map},
        reading=Reading(max_bare_digits, vanity, targets),
        listed=", ".join(sorted(n.vanity or n.format(style) for n in firm_numbers)),
        names=names,
    )


def _check(doc: ArticleDoc, ctx: Context) -> Iterator[Finding]:
    config = ctx.config
    style = config.phone_style
    known = _known(
        tuple(ctx.firm_numbers) if ctx.firm.firm is not None else (),
        config.other_numbers,
        style,
        config.phone_max_bare_digits,
    )
    for chunk in _texts(doc):
        seen: str | None = None  # the text as written, soft breaks joined: when needed
        visible = unhide(chunk.scan)  # read through hidden characters, as a reader does
        for found in find_numbers(visible.text, known.reading):
            item = found._replace(
                start=visible.original(found.start), end=visible.original_end(found.end)
            )
            if seen is None:
                seen = reading_text(chunk.written)
            if unhide(seen[item.start : item.end]).text != item.raw:  # pragma: no cover
                continue  # defensive: a number pieced around blanked code or a URL
            finding = _judge(doc, ctx, known, chunk, item)
            if finding is not None:
                yield finding


def _judge(
    doc: ArticleDoc, ctx: Context, known: _Known, chunk: _Text, item: Found
) -> Finding | None:
    """The finding for one number found in ``chunk``, if any."""
    start, end = chunk.base + item.start, chunk.base + item.end
    if item.number is None:
        if item.near is not None:
            digits = len("".join(_DIGIT_RUN.findall(item.raw)))
            how = "too few" if digits < len(item.near.e164) - 1 else "too many"
            message = (
                f"'{item.raw}' has one digit {how} for a phone number; did you mean "
                f"{known.names[item.near]}?"
            )
        else:
            message = (
                f"'{item.raw}' looks like a phone number but no line has these digits; "
                "check them against the firm profile"
            )
        return doc.source.finding(INVALID, start, message, end=end)
    if ctx.firm.firm is None:
        return None
    firm_number = _known_number(item.number, known.firm)
    if firm_number is not None:
        return _style_finding(doc, ctx, chunk, item, firm_number, other=None)
    other_number = _known_number(item.number, known.other_keys)
    if other_number is None:
        nearly = known.nearly(item.number)
        if nearly is not None:
            advice = (
                f"it differs from {known.names[nearly]} by one digit or two swapped digits: "
                "correct it, or list it in other-numbers in [tool.pozo-site] if it is another "
                "line cited on purpose"
            )
        else:
            advice = (
                "correct it, add it to the firm profile if it is the firm's, or list it in "
                "other-numbers in [tool.pozo-site] if the article cites it on purpose"
            )
        return doc.source.finding(
            NOT_FIRM_NUMBER,
            start,
            f"'{item.raw}' is not one of the firm's numbers ({known.listed}); {advice}",
            end=end,
        )
    if not ctx.config.other_numbers_style:
        return None
    return _style_finding(doc, ctx, chunk, item, other_number, other=known.others[other_number])


def _style_finding(
    doc: ArticleDoc,
    ctx: Context,
    chunk: _Text,
    item: Found,
    listed: PhoneNumber,
    *,
    other: OtherNumber | None,
) -> Finding | None:
    """P002 for a known number (the firm's, or ``other``) not written in the house style."""
    assert item.number is not None
    style = ctx.config.phone_style
    start, end = chunk.base + item.start, chunk.base + item.end
    if doc.source.text[max(0, start - 4) : start].lower() == "tel:":
        return None
    vanity = listed.vanity if not item.number.extension else None
    if vanity is not None and _symbols(item.raw) == _symbols(vanity):
        wanted = vanity  # the listed vanity text, in other letters or spacing
    else:
        wanted = item.number.format(style)
        extension = item.number.extension
        if extension is not None and extension not in wanted:
            return None  # the style cannot show an extension (e164): any form goes
    if item.raw in (wanted, vanity):
        return None
    fix = None
    if _stays_a_string(chunk, item.start, item.end, wanted):
        fix = Fix(f"write {wanted}", (Edit(start, end, wanted),))
    house = f"house style '{style.value}'"
    if other is None:
        how = "as written in the firm profile" if wanted == vanity else house
        message = f"write the firm's number as {wanted} ({how}), not '{item.raw}'"
    else:
        how = "as written in other-numbers" if wanted == vanity else house
        what = f"the {other.label} number" if other.label else "this number"
        message = f"write {what} as {wanted} ({how}, other-numbers-style), not '{item.raw}'"
    return doc.source.finding(NOT_HOUSE_STYLE, start, message, end=end, fix=fix)


CHECKERS = (
    Checker(
        codes=(NOT_FIRM_NUMBER.code, NOT_HOUSE_STYLE.code, INVALID.code),
        article=_check,
    ),
)
