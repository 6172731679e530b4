"""Phone rules (P): every number in an article is the firm's, written in the house style.

Numbers are found in the body and in front matter string values by ``phonenumbers``'
matcher (leniency VALID, so "1,526" or "2017" never match), plus a pass for keypad-letter
(vanity) numbers such as ``1-88-VISA-LAW-1``, which the matcher misses, plus a pass for
text shaped like a North American number that is not a valid one (a dropped or swapped
digit), plus a pass for text one digit short or long of a known number (``212-201-903``).
Every candidate is parsed with :meth:`pozo_site.PhoneNumber.parse`, whose cache makes the
many repeats of the firm's own numbers cheap.

A candidate counts only when it reads as a number as people write one
(:func:`_stands_alone`, :func:`_has_phone_shape`): not glued to letters, dots or hyphens
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

import bisect
import dataclasses
import functools
import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import yaml
from phonenumbers import Leniency, PhoneNumberMatcher

from pozo_site._errors import PhoneNumberError
from pozo_site._hidden import unhide
from pozo_site._locate import mapping_get
from pozo_site._phone import PhoneNumber, PhoneStyle
from pozo_site.check._finding import Edit, Finding, Fix, Severity
from pozo_site.check._rule import Family, Rule
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

NOT_FIRM_NUMBER = Rule(
    code="P001",
    name="phone-not-firm-number",
    family=Family.PHONE,
    severity=Severity.ERROR,
    summary="A phone number in an article is not one of the firm's numbers.",
    explanation=(
        "Every number an article prints must be one the firm profile lists: a typo in the "
        "firm's own number sends prospective clients to a stranger, the most expensive "
        "mistake an advertisement can make. Correct the digits, or add the number to the "
        "firm profile if it is a new line of the firm's. A number an article cites on "
        "purpose (an agency's hotline, a court's information line) goes in other-numbers "
        "in [tool.pozo-site], which the contact blocks never print. When the number "
        "differs from a firm number by one digit or two swapped digits, the message names "
        "that number. The phone rules read what a visitor reads: prose and front matter "
        "values, and tel: links; not code, HTML comments, URLs, link targets, the slug or "
        "image.src. They read a number as people write one: text glued to letters, dots "
        "or hyphens (versions such as 7.3-rc.1, dockets such as 1:18-cv-0912-XYZ, "
        "2019-October, 9.30am-9.45am, 360-degrees), digit groups no phone number has "
        "(sections 12.101 - 12.109, ZIP+4 codes, dates), receipt and A-numbers, and bare "
        "digit runs longer than phone-max-bare-digits (default 9) without a word such as "
        "'call' or 'phone' before them are not numbers. Keypad letters count only in a "
        "full vanity shape (1-800-FLOWERS: a country code, a bracketed or toll-free area "
        "code, then whole groups of letters or digits) or in the firm's own vanity text. "
        "A firm number with an extension (212-201-9031 ext. 12) is the firm's."
    ),
    example="Call us at 212-201-9013.",
)
NOT_HOUSE_STYLE = Rule(
    code="P002",
    name="phone-not-house-style",
    family=Family.PHONE,
    severity=Severity.WARNING,
    summary="A firm number is written in a form other than the house style.",
    explanation=(
        "The firm's numbers should look the same everywhere; the house style is set by "
        "phone-style in [tool.pozo-site] (default 'dashes': 212-201-9031). A number "
        "written as the firm's own vanity text (1-88-VISA-LAW-1) is accepted as well. "
        "With other-numbers-style = true, the numbers listed in other-numbers are held to "
        "the house style too. `pozo-site check --fix` rewrites the number in the house "
        "style."
    ),
    example="Call us at (212) 201-9031.",
    fixable=True,
)
INVALID = Rule(
    code="P003",
    name="phone-invalid",
    family=Family.PHONE,
    severity=Severity.ERROR,
    summary="Text shaped like a phone number is not a valid number.",
    explanation=(
        "Text written like a North American number, such as (212) 101-9031, whose digits "
        "no line can have (an area code or exchange starting with 0 or 1, an unassigned "
        "area code): almost always a typo. Text written like a firm number (or a number "
        "in other-numbers) with one digit too few or too many, such as 212-201-903, is "
        "reported too, naming the number it nearly is; a valid number one digit off a "
        "firm number is P001, whose message names the firm number. Check the digits "
        "against the firm profile."
    ),
    example="Call us at (212) 101-9031.",
)
RULES: tuple[Rule, ...] = (NOT_FIRM_NUMBER, NOT_HOUSE_STYLE, INVALID)
"""This family's rules, in code order; the rule table is built from them."""

_VANITY: Final = re.compile(
    r"(?<![\w+\-.])\+?\d[0-9A-Za-z]*(?:[-.][0-9A-Za-z]+){1,6}(?![\w-]|\.\w)"
)
_NANP_SHAPE: Final = re.compile(
    r"(?<![\w+\-.])(?:\+?1[-. ]?)?(?:\(\d{3}\)\s?|\d{3}[-. ])\d{3}[-. ]\d{4}(?![\w-]|\.\d)"
)
# A number-like shape with one digit too few or too many in one group (212-201-903).
_NEAR_SHAPE: Final = re.compile(
    r"(?<![\w+\-.])(\+?1[-. ])?(?:\(\d{2,4}\) ?|\d{2,4}[-. ])\d{2,4}[-. ]\d{3,5}(?![\w-]|\.\d)"
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
_SHAPE_PAD: Final = 4
_SHAPE_GAP: Final = 256
_MIN_VANITY_SYMBOLS: Final = 10
_MAX_VANITY_SYMBOLS: Final = 15

# -- the shape of a number as people write one ----------------------------------------------
# Each test looks at a few characters around a candidate or at the candidate itself, with
# compiled patterns: no loop over the text.
_EXTENSION_SUFFIX: Final = re.compile(
    r"(?:\s*;\s*ext=|\s*,?\s*(?:extension|ext\.?|x|#)\s*)\d{1,10}\s*$", re.IGNORECASE
)
# Glued on the left: a letter or digit ("IOE2125550123", "v4.12.2125550"), a joining mark
# after one ("A-123-456-7890", "1:18-cv", "155123/2019"), a range's dash after a digit
# ("12.101 - 12.109"), a money or section sign, or a USCIS receipt number's service-centre
# prefix ("IOE 091 234 5678"). Searched in the few characters before a candidate only.
_GLUED_BEFORE: Final = re.compile(
    r"(?:[^\W_]|[^\W_][-\u2010\u2011]|\d[.:/,]|\d ?[\u2013\u2014] ?|[$\u00a7\u00b6]"
    r"|(?<![^\W_])(?:EAC|WAC|LIN|SRC|NBC|MSC|IOE|YSC|CSC|NSC|TSC|VSC)[ #:-]{1,3})$"
)
_BEFORE: Final = 8
# Glued on the right: a letter or digit ("9.30am", "0912-XYZ"), a joining mark before one
# ("2019-October", "12.109", "rc.1"), or a unit ("%", "°").
_GLUED_AFTER: Final = re.compile(r"(?:[^\W_]|[-\u2010\u2011\u2013.:/,][^\W_]|[%\u00b0])")
# Keypad letters only in a full vanity shape: after a country code, an area code in
# brackets or a toll-free area code, digits and letters with at least two letters in a row
# ("1-800-FLOWERS", "1-88-VISA-LAW-1", "800-4MY-HOME"). No nested repetition: the input
# is short, but a failing match must stay linear.
_VANITY_SHAPE: Final = re.compile(
    r"(?:\+?1[- ]?(?:\(\d{2,3}\)|\d{2,3})|\(\d{3}\)|8(?:00|33|44|55|66|77|88))"
    r"(?=[-0-9A-Za-z ]*[A-Za-z]{2})[-0-9A-Za-z ]+"
)
# A word before a bare digit run that says it is a phone number ("call 2125550123").
_CUE_BEFORE: Final = re.compile(
    r"(?<![^\W_])(?:call(?:ing)?|phone|tel(?:ephone)?|fax|text|dial|cell|mobile|hotline|"
    r"helpline|whatsapp|llame|llamar|tel[e\u00e9]fono)(?![^\W_])[^\d.!?\n]{0,12}$",
    re.IGNORECASE,
)
_DIGIT_RUN: Final = re.compile(r"\d+")
_CONTEXT: Final = 24

DEFAULT_PHONE_MAX_BARE_DIGITS: Final = 9
"""Longest run of digits, with no separator and no leading ``+``, that the phone rules
read as a number anywhere (the ``phone-max-bare-digits`` setting): 9 is one digit short
of a North American number, so a bare run ("2147483648", a receipt's digits) is a number
only after a word such as "call"."""


@dataclass(frozen=True)
class Reading:
    """How text is read for numbers: the settings and the firm facts that shape reading."""

    max_bare_digits: int = DEFAULT_PHONE_MAX_BARE_DIGITS
    """Longest digit run without separators read as a number without a cue word."""
    vanity_symbols: frozenset[str] = frozenset()
    """The firm's own vanity texts, letters and digits only, in upper case: read as
    numbers whatever their shape."""
    near_targets: tuple[tuple[str, PhoneNumber], ...] = ()
    """``(national digits, number)`` of the known North American numbers (the firm's,
    then the other numbers): text one digit short or long of one is reported."""


DEFAULT_READING: Final = Reading()


@dataclass(frozen=True)
class Found:
    """A number found in a text: its span, the text as written, and the number (if valid);
    for invalid text one digit off a known number, that number (``near``)."""

    start: int
    end: int
    raw: str
    number: PhoneNumber | None
    near: PhoneNumber | None = None


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


def _digit_runs(text: str) -> list[tuple[int, int]]:
    """The candidate spans (seven digits or more, few separators between): every number
    the passes look for lies within one, so each pass searches only there."""
    return list(_candidates(text))


def _shape_windows(text: str, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``runs`` widened by the few characters a shape's brackets, plus sign and lookahead
    need, merged where they are close (text dense with numbers is searched in one go)."""
    windows: list[tuple[int, int]] = []
    for start, end in runs:
        left, right = max(0, start - _SHAPE_PAD), min(len(text), end + _SHAPE_PAD)
        if windows and left <= windows[-1][1] + _SHAPE_GAP:
            windows[-1] = (windows[-1][0], right)
        else:
            windows.append((left, right))
    return windows


def _library_matches(
    text: str, runs: list[tuple[int, int]] | None = None
) -> Iterator[tuple[int, int, str]]:
    """``phonenumbers``' matches in ``text``, found cheaply.

    The matcher parses every digit run it meets (years, counts, dates), which makes it
    the hot path. It is run only on windows around runs of at least seven digits (the
    shortest US number), each widened by whole words on both sides so that the matcher
    sees the same context as in the whole text, and each window's result is cached: the
    same "call us at ..." sentence recurs across articles.
    """
    windows: list[list[int]] = []
    for run_start, run_end in _digit_runs(text) if runs is None else runs:
        left = run_start - _MARGIN
        left = 0 if left <= 0 else _last_space(text, left) + 1
        right = run_end + _MARGIN
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


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Whether the text at ``start:end`` is not glued to what surrounds it: not part of a
    word, a version, a docket or section number, a range or a receipt number."""
    if start and _GLUED_BEFORE.search(text, max(0, start - _BEFORE), start):
        return False
    return _GLUED_AFTER.match(text, end, end + 2) is None


def _has_phone_shape(text: str, start: int, raw: str, reading: Reading) -> bool:
    """Whether ``raw`` (found at ``start`` in ``text``) is written as people write a phone
    number: letters only in a full vanity shape, digit groups where a North American
    number has them (212 201-9031, not 12.101 - 12.109), a bare digit run only when short
    or after a word such as "call"."""
    ext = _EXTENSION_SUFFIX.search(raw)
    main = raw[: ext.start()] if ext else raw
    if any(c.isalpha() for c in main):
        symbols = "".join(c for c in main.upper() if c.isalnum())
        return symbols in reading.vanity_symbols or bool(_VANITY_SHAPE.fullmatch(main))
    if main.lstrip().startswith(("+", "\uff0b")):
        return True  # an international number: its country's grouping, not ours
    runs = [len(run) for run in _DIGIT_RUN.findall(main)]
    if len(runs) == 1:  # a bare run of digits, perhaps in brackets
        return runs[0] <= reading.max_bare_digits or (
            _CUE_BEFORE.search(text, max(0, start - _CONTEXT), start) is not None
        )
    if main.lstrip("( ").startswith("011"):
        return True  # dialled abroad from North America
    # Where one group ends and the next begins, counted in digits of the national number.
    bounds = set(itertools.accumulate(runs[:-1]))
    if sum(runs) == 11 and main.lstrip("( ")[0] == "1":
        bounds = {b - 1 for b in bounds} - {0}
    return bounds <= {3, 6}


def _near(digits: str, reading: Reading) -> PhoneNumber | None:
    """The known number that ``digits`` (national) is with one digit dropped or added."""
    for target, number in reading.near_targets:
        if len(digits) == len(target) - 1:
            if any(target[:i] + target[i + 1 :] == digits for i in range(len(target))):
                return number
        elif len(digits) == len(target) + 1 and any(
            digits[:i] + digits[i + 1 :] == target for i in range(len(digits))
        ):
            return number
    return None


def find_numbers(text: str, reading: Reading = DEFAULT_READING) -> list[Found]:
    """Every phone number and invalid number-shaped text in ``text``, in order.

    Four passes, each skipping what an earlier one found: keypad-letter numbers, the
    ``phonenumbers`` matcher, North American shapes that are no valid number, and (with
    ``reading.near_targets``) text one digit short or long of a known number. A candidate
    counts only when it stands alone and has a phone number's shape (see
    :func:`_stands_alone`, :func:`_has_phone_shape`).
    """
    found: list[Found] = []
    if not any(map(str.isdigit, text)):  # in C: no Python step per character
        return found
    spans = _Spans()
    for item in _vanity_numbers(text, reading):
        found.append(item)
        spans.add(item.start, item.end)
    runs = _digit_runs(text)
    for item in _matched_numbers(text, reading, spans, runs):  # sees the spans added so far
        found.append(item)
        spans.add(item.start, item.end)
    windows = _shape_windows(text, runs)
    for match in _shape_matches(_NANP_SHAPE, text, windows):
        if spans.overlaps(match.start(), match.end()):
            continue
        if not _stands_alone(text, match.start(), match.end()):
            continue
        try:
            number: PhoneNumber | None = PhoneNumber.parse(match.group(0))
        except PhoneNumberError:
            number = None
        found.append(Found(match.start(), match.end(), match.group(0), number))
        spans.add(match.start(), match.end())
    if reading.near_targets:
        found.extend(_near_misses(text, reading, spans, windows))
    found.sort(key=lambda f: f.start)
    return found


def _vanity_numbers(text: str, reading: Reading) -> Iterator[Found]:
    for match in _VANITY.finditer(text):
        raw = match.group(0)
        if not any(map(str.isalpha, raw)) or sum(map(str.isdigit, raw)) < 3:
            continue
        if not _MIN_VANITY_SYMBOLS <= sum(map(str.isalnum, raw)) <= _MAX_VANITY_SYMBOLS:
            continue
        if not _stands_alone(text, match.start(), match.end()):
            continue
        if not _has_phone_shape(text, match.start(), raw, reading):
            continue
        try:
            number = PhoneNumber.parse(raw)
        except PhoneNumberError:
            continue
        yield Found(match.start(), match.end(), raw, number)


def _shape_matches(
    pattern: re.Pattern[str], text: str, windows: list[tuple[int, int]]
) -> Iterator[re.Match[str]]:
    for left, right in windows:
        yield from pattern.finditer(text, left, right)


def _matched_numbers(
    text: str, reading: Reading, spans: _Spans, runs: list[tuple[int, int]]
) -> Iterator[Found]:
    for matched_start, end, matched in _library_matches(text, runs):
        start, raw = _trim_open_brackets(matched_start, matched)
        if spans.overlaps(start, end):  # pragma: no cover - defensive: vanity text has no
            continue  # seven-digit run, so the matcher's windows never reach one
        if not _stands_alone(text, start, end) or not _has_phone_shape(text, start, raw, reading):
            continue
        try:
            number = PhoneNumber.parse(raw)
        except PhoneNumberError:  # pragma: no cover - the matcher returns valid numbers
            continue
        yield Found(start, end, raw, number)


def _near_misses(
    text: str, reading: Reading, spans: _Spans, windows: list[tuple[int, int]]
) -> Iterator[Found]:
    for match in _shape_matches(_NEAR_SHAPE, text, windows):
        if spans.overlaps(match.start(), match.end()):
            continue
        if not _stands_alone(text, match.start(), match.end()):
            continue
        digits = "".join(_DIGIT_RUN.findall(match.group(0)))
        if match.group(1):
            digits = digits[1:]
        near = _near(digits, reading)
        if near is not None:
            yield Found(match.start(), match.end(), match.group(0), None, near)


_SOFT_BREAK: Final = re.compile(r"(?<![\r\n])(?:\r\n|\r|\n)(?![ \t]*(?:\r\n|\r|\n|$))")
_RESOLVER: Final = yaml.resolver.Resolver()
_STR_TAG: Final = "tag:yaml.org,2002:str"


def _join_lines(text: str) -> str:
    """``text`` with each line end inside a paragraph made spaces (a reader sees a space
    there, so "212" at a line's end and "201-9031" on the next is one number)."""
    if "\n" not in text and "\r" not in text:
        return text
    return _SOFT_BREAK.sub(lambda m: " " * len(m.group(0)), text)


def reading_text(text: str) -> str:
    """The one step from a text to what the phone rules search: every text read for
    numbers (front matter values, the body, with or without code blanked) passes here,
    so a normalisation added here applies everywhere. Offsets are kept: the result has
    the length of ``text``."""
    return _join_lines(text)


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


@dataclass(frozen=True)
class _Known:
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
        seen = reading_text(chunk.written)
        visible = unhide(chunk.scan)  # read through hidden characters, as a reader does
        for found in find_numbers(visible.text, known.reading):
            item = dataclasses.replace(
                found, start=visible.original(found.start), end=visible.original_end(found.end)
            )
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
