"""Phone rules (P): every number in an article is the firm's, written in the house style.

Numbers are found in the body and in front matter string values by ``phonenumbers``'
matcher (leniency VALID, so "1,526" or "2017" never match), plus a pass for keypad-letter
(vanity) numbers such as ``1-88-VISA-LAW-1``, which the matcher misses, plus a pass for
text shaped like a North American number that is not a valid one (a dropped or swapped
digit). Every candidate is parsed with :meth:`pozo_site.PhoneNumber.parse`, whose cache
makes the many repeats of the firm's own numbers cheap.

What is read: front matter string values other than ``slug`` and ``image.src`` (which
are addresses), and the body with code, HTML comments, URLs and link targets blanked
(:func:`~pozo_site.check._rules._markdown.prose_body`); a ``tel:`` target is read. A line
end inside a paragraph reads as a space, so a number wrapped onto the next line is found
(and its fix puts it on one line).

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

import bisect
import dataclasses
import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Final

import yaml
from phonenumbers import Leniency, PhoneNumberMatcher

from pozo_site._errors import PhoneNumberError
from pozo_site._hidden import unhide
from pozo_site._phone import PhoneNumber
from pozo_site.check._finding import Edit, Finding, Fix, Severity
from pozo_site.check._locate import mapping_get
from pozo_site.check._registry import Family, Rule, register
from pozo_site.check._rules._base import Checker, Context, string_scalars
from pozo_site.check._rules._markdown import blank_urls, prose_body
from pozo_site.check._source import ArticleDoc

__all__ = ["CHECKERS", "INVALID", "NOT_FIRM_NUMBER", "NOT_HOUSE_STYLE", "find_numbers"]

NOT_FIRM_NUMBER = register(
    Rule(
        code="P001",
        name="phone-not-firm-number",
        family=Family.PHONE,
        severity=Severity.ERROR,
        summary="A phone number in an article is not one of the firm's numbers.",
        explanation=(
            "Every number an article prints must be one the firm profile lists: a typo in the "
            "firm's own number sends prospective clients to a stranger, the most expensive "
            "mistake an advertisement can make. Correct the digits, or add the number to the "
            "firm profile if it is a new line of the firm's. The phone rules read what a "
            "visitor reads: prose and front matter values, and tel: links; not code, HTML "
            "comments, URLs, link targets, the slug or image.src. A firm number with an "
            "extension (212-201-9031 ext. 12) is the firm's."
        ),
        example="Call us at 212-201-9013.",
    )
)
NOT_HOUSE_STYLE = register(
    Rule(
        code="P002",
        name="phone-not-house-style",
        family=Family.PHONE,
        severity=Severity.WARNING,
        summary="A firm number is written in a form other than the house style.",
        explanation=(
            "The firm's numbers should look the same everywhere; the house style is set by "
            "phone-style in [tool.pozo-site] (default 'dashes': 212-201-9031). A number "
            "written as the firm's own vanity text (1-88-VISA-LAW-1) is accepted as well. "
            "`pozo-site check --fix` rewrites the number in the house style."
        ),
        example="Call us at (212) 201-9031.",
        fixable=True,
    )
)
INVALID = register(
    Rule(
        code="P003",
        name="phone-invalid",
        family=Family.PHONE,
        severity=Severity.ERROR,
        summary="Text shaped like a phone number is not a valid number.",
        explanation=(
            "Text written like a North American number, such as (212) 101-9031, whose digits "
            "no line can have (an area code or exchange starting with 0 or 1, an unassigned "
            "area code): almost always a typo. Check the digits against the firm profile."
        ),
        example="Call us at (212) 101-9031.",
    )
)

_VANITY: Final = re.compile(
    r"(?<![\w+\-.])\+?\d[0-9A-Za-z]*(?:[-.][0-9A-Za-z]+){1,6}(?![\w-]|\.\w)"
)
_NANP_SHAPE: Final = re.compile(
    r"(?<![\w+\-.])(?:\+?1[-. ]?)?(?:\(\d{3}\)\s?|\d{3}[-. ])\d{3}[-. ]\d{4}(?![\w-]|\.\d)"
)
# Candidates: seven or more digits with at most three separators between each (the
# shortest US number), that is ``\d(?:[^\w,]{0,3}\d){6,}``, found by chaining digit runs:
# that pattern's repeated group took memory in proportion to its match (150 MB for a
# line of a million digits).
_DIGITS: Final = re.compile(r"\d+")
_SEPARATORS: Final = re.compile(r"[^\w,]{0,3}")
_MIN_DIGITS: Final = 7
_NEXT_SPACE: Final = re.compile(r"\s")
_MARGIN: Final = 16
_MIN_VANITY_SYMBOLS: Final = 10
_MAX_VANITY_SYMBOLS: Final = 15


@dataclass(frozen=True)
class Found:
    """A number found in a text: its span, the text as written, and the number (if valid)."""

    start: int
    end: int
    raw: str
    number: PhoneNumber | None


class _Spans:
    """Disjoint spans, kept sorted, with an overlap test in logarithmic time (a linear
    test made a body with thousands of numbers take minutes)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        # The last span starting before ``end`` is the only one that can reach ``start``.
        index = bisect.bisect_left(self.starts, end) - 1
        return index >= 0 and self.ends[index] > start

    def add(self, start: int, end: int) -> None:
        index = bisect.bisect_left(self.starts, start)
        self.starts.insert(index, start)
        self.ends.insert(index, end)


def _library_matches(text: str) -> Iterator[tuple[int, int, str]]:
    """``phonenumbers``' matches in ``text``, found cheaply.

    The matcher parses every digit run it meets (years, counts, dates), which makes it
    the hot path. It is run only on windows around runs of at least seven digits (the
    shortest US number), each widened by whole words on both sides so that the matcher
    sees the same context as in the whole text, and each window's result is cached: the
    same "call us at ..." sentence recurs across articles.
    """
    windows: list[list[int]] = []
    for candidate_start, candidate_end in _candidates(text):
        left = candidate_start - _MARGIN
        left = 0 if left <= 0 else _last_space(text, left) + 1
        right = candidate_end + _MARGIN
        space = _NEXT_SPACE.search(text, right) if right < len(text) else None
        right = space.start() if space else len(text)
        if windows and left <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], right)
        else:
            windows.append([left, right])
    for left, right in windows:
        for piece_left, keep_from, keep_to, piece_right in _pieces(left, right):
            for offset, stop, raw in _window_matches(text[piece_left:piece_right]):
                if keep_from <= piece_left + offset < keep_to:
                    yield piece_left + offset, piece_left + stop, raw


def _candidates(text: str) -> Iterator[tuple[int, int]]:
    start = end = digits = 0
    for run in _DIGITS.finditer(text):
        if digits and run.start() - end <= 3 and _SEPARATORS.fullmatch(text, end, run.start()):
            end, digits = run.end(), digits + run.end() - run.start()
            continue
        if digits >= _MIN_DIGITS:
            yield start, end
        start, end, digits = run.start(), run.end(), run.end() - run.start()
    if digits >= _MIN_DIGITS:
        yield start, end


_PIECE: Final = 4096
_OVERLAP: Final = 256


def _pieces(left: int, right: int) -> Iterator[tuple[int, int, int, int]]:
    """A window cut into pieces of :data:`_PIECE` characters, each read with
    :data:`_OVERLAP` characters of context on both sides (far more than a number's
    length): ``(read from, keep matches starting from, to, read to)``. The matcher takes
    memory in proportion to the square of a long window (a line of ten million digits
    took 650 MB); in pieces, it takes time and memory in proportion to the text."""
    for keep_from in range(left, right, _PIECE):
        keep_to = min(keep_from + _PIECE, right)
        yield max(left, keep_from - _OVERLAP), keep_from, keep_to, min(right, keep_to + _OVERLAP)


def _last_space(text: str, before: int) -> int:
    return max(text.rfind(" ", 0, before), text.rfind("\n", 0, before), text.rfind("\t", 0, before))


@functools.lru_cache(maxsize=2048)
def _window_matches(window: str) -> tuple[tuple[int, int, str], ...]:
    return tuple(
        (m.start, m.end, m.raw_string)
        for m in PhoneNumberMatcher(window, "US", leniency=Leniency.VALID)
    )


def _trim_open_brackets(start: int, raw: str) -> tuple[int, str]:
    """The matcher's text without leading brackets that it does not close: it returns
    "(212-201-9031" for "(212-201-9031)" (its trailing ")" dropped), and a fix of that
    text would unbalance the writer's parentheses."""
    while raw and (raw[0] in "[{ \t" or (raw[0] == "(" and raw.count("(") > raw.count(")"))):
        start, raw = start + 1, raw[1:]
    return start, raw


def find_numbers(text: str) -> list[Found]:
    """Every phone number and invalid number-shaped text in ``text``, in order."""
    found: list[Found] = []
    spans = _Spans()
    if not any(c.isdigit() for c in text):
        return found
    for match in _VANITY.finditer(text):
        raw = match.group(0)
        if not any(c.isalpha() for c in raw) or sum(c.isdigit() for c in raw) < 3:
            continue
        if not _MIN_VANITY_SYMBOLS <= sum(c.isalnum() for c in raw) <= _MAX_VANITY_SYMBOLS:
            continue
        try:
            number = PhoneNumber.parse(raw)
        except PhoneNumberError:
            continue
        found.append(Found(match.start(), match.end(), raw, number))
        spans.add(match.start(), match.end())
    for matched_start, end, matched in _library_matches(text):
        start, raw = _trim_open_brackets(matched_start, matched)
        if spans.overlaps(start, end):
            continue
        try:
            number = PhoneNumber.parse(raw)
        except PhoneNumberError:  # pragma: no cover - the matcher returns valid numbers
            continue
        found.append(Found(start, end, raw, number))
        spans.add(start, end)
    for match in _NANP_SHAPE.finditer(text):
        if spans.overlaps(match.start(), match.end()):
            continue
        try:
            number = PhoneNumber.parse(match.group(0))
        except PhoneNumberError:
            found.append(Found(match.start(), match.end(), match.group(0), None))
            continue
        found.append(Found(match.start(), match.end(), match.group(0), number))
    found.sort(key=lambda f: f.start)
    return found


_SOFT_BREAK: Final = re.compile(r"(?<![\r\n])(?:\r\n|\r|\n)(?![ \t]*(?:\r\n|\r|\n|$))")
_RESOLVER: Final = yaml.resolver.Resolver()
_STR_TAG: Final = "tag:yaml.org,2002:str"


def _join_lines(text: str) -> str:
    """``text`` with each line end inside a paragraph made spaces (a reader sees a space
    there, so "212" at a line's end and "201-9031" on the next is one number)."""
    if "\n" not in text and "\r" not in text:
        return text
    return _SOFT_BREAK.sub(lambda m: " " * len(m.group(0)), text)


@dataclass(frozen=True)
class _Text:
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
        yield _Text(doc.yaml_start + start, written, _join_lines(blank_urls(written)), node)
    yield _Text(doc.body_start, doc.body, _join_lines(prose_body(doc)))


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


def _firm_number(
    number: PhoneNumber, firm_numbers: Mapping[PhoneNumber, PhoneNumber]
) -> PhoneNumber | None:
    """The firm's number that ``number`` dials: itself, or, for a number with an extension
    the profile does not list, the firm's line it extends."""
    found = firm_numbers.get(number)
    if found is None and number.extension:
        found = firm_numbers.get(PhoneNumber.parse(number.e164))
    return found


def _check(doc: ArticleDoc, ctx: Context) -> Iterator[Finding]:
    style = ctx.config.phone_style
    firm_numbers = ctx.firm_numbers
    known = ctx.firm.firm is not None
    listed = ", ".join(sorted(n.vanity or n.format(style) for n in firm_numbers))
    text = doc.source.text
    for chunk in _texts(doc):
        seen = _join_lines(chunk.written)
        visible = unhide(chunk.scan)  # read through hidden characters, as a reader does
        for found in find_numbers(visible.text):
            start, end = visible.original(found.start), visible.original_end(found.end)
            item = dataclasses.replace(found, start=start, end=end)
            if unhide(seen[item.start : item.end]).text != item.raw:  # into code or a URL
                continue
            start, end = chunk.base + item.start, chunk.base + item.end
            if item.number is None:
                yield doc.source.finding(
                    INVALID,
                    start,
                    f"'{item.raw}' looks like a phone number but no line has these digits; "
                    "check them against the firm profile",
                    end=end,
                )
                continue
            if not known:
                continue
            firm_number = _firm_number(item.number, firm_numbers)
            if firm_number is None:
                yield doc.source.finding(
                    NOT_FIRM_NUMBER,
                    start,
                    f"'{item.raw}' is not one of the firm's numbers ({listed}); correct it, "
                    "or add it to the firm profile if it is the firm's",
                    end=end,
                )
                continue
            if text[max(0, start - 4) : start].lower() == "tel:":
                continue
            vanity = firm_number.vanity if not item.number.extension else None
            if vanity is not None and _symbols(item.raw) == _symbols(vanity):
                wanted = vanity  # the firm's own vanity text, in other letters or spacing
            else:
                wanted = item.number.format(style)
                extension = item.number.extension
                if extension is not None and extension not in wanted:
                    continue  # the style cannot show an extension (e164): any form goes
            if item.raw == wanted or (vanity is not None and item.raw == vanity):
                continue
            fix = None
            if _stays_a_string(chunk, item.start, item.end, wanted):
                fix = Fix(f"write {wanted}", (Edit(start, end, wanted),))
            how = (
                "as written in the firm profile"
                if wanted == vanity
                else f"house style '{style.value}'"
            )
            yield doc.source.finding(
                NOT_HOUSE_STYLE,
                start,
                f"write the firm's number as {wanted} ({how}), not '{item.raw}'",
                end=end,
                fix=fix,
            )


CHECKERS = (
    Checker(
        codes=(NOT_FIRM_NUMBER.code, NOT_HOUSE_STYLE.code, INVALID.code),
        article=_check,
    ),
)
