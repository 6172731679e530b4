"""Finding phone numbers in prose: the reading the phone rules and the language server share.

:func:`find_numbers` returns every phone number and invalid number-shaped text of a text,
in order: ``phonenumbers``' matcher (leniency VALID, so "1,526" or "2017" never match),
plus a pass for keypad-letter (vanity) numbers such as ``1-88-VISA-LAW-1``, which the
matcher misses, plus a pass for text shaped like a North American number that is not a
valid one, plus a pass for text one digit short or long of a known number. A candidate
counts only when it reads as a number as people write one (see
:mod:`pozo_site.check._rules.phone` for the rules built on it). Pure computation: no I/O,
nothing above the models imported, so the rules (``check``) and the server's hover both
stand on it.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterator
from typing import Final, NamedTuple

from phonenumbers import Leniency, PhoneNumberMatcher

from pozo_site._errors import PhoneNumberError
from pozo_site._phone import PhoneNumber
from pozo_site._phone_kinds import DEFAULT_PHONE_MAX_BARE_DIGITS

__all__ = ["DEFAULT_PHONE_MAX_BARE_DIGITS", "DEFAULT_READING", "Found", "Reading", "find_numbers"]

# ``(?<![\w+\-.])\+?\d[0-9A-Za-z]*(?:[-.][0-9A-Za-z]+){1,6}(?![\w-]|\.\w)``, written
# to start with a character class ("+" or a digit, then the lookbehind two characters
# back): the engine then skips every other character in C, which made the search over a
# page 1.7 times faster. A test compares the two.
_VANITY: Final = re.compile(
    r"[+\d](?<![\w+\-.][+\d])(?:(?<=\+)\d|(?<!\+))"
    r"[0-9A-Za-z]*(?:[-.][0-9A-Za-z]+){1,6}(?![\w-]|\.\w)"
)
_NANP_SHAPE: Final = re.compile(
    r"(?<![\w+\-.])(?:\+?1[-. ]?)?(?:\(\d{3}\)\s?|\d{3}[-. ])\d{3}[-. ]\d{4}(?![\w-]|\.\d)"
)
# A number-like shape with one digit too few or too many in one group (212-201-903).
_NEAR_SHAPE: Final = re.compile(
    r"(?<![\w+\-.])(\+?1[-. ])?(?:\(\d{2,4}\) ?|\d{2,4}[-. ])\d{2,4}[-. ]\d{3,5}(?![\w-]|\.\d)"
)
# Candidates: seven or more digits with at most three separators between each (the
# shortest US number), that is ``\d(?:[^\w,]{0,3}\d){6,}``. That pattern's repeated
# group took memory in proportion to its match (150 MB for a line of a million digits),
# so a chain's first seven digits are found by a bounded pattern, and the rest of the
# chain one gap and run at a time (a valid gap holds no digit: neither backtracks).
_SEVEN: Final = re.compile(r"\d(?:[^\w,]{0,3}\d){6}")
_GAP_AND_RUN: Final = re.compile(r"[^\w,]{0,3}\d+")
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


class Reading(NamedTuple):
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


class Found(NamedTuple):
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
    # The leftmost match of :data:`_SEVEN` starts a chain (a shorter chain ends at a gap
    # the pattern cannot cross), found in C: the years, counts and dates of a page cost
    # no Python step each, only the chains long enough to be a number do.
    at = 0
    while (seven := _SEVEN.search(text, at)) is not None:
        start = seven.start()
        end = seven.end()
        while (run := _GAP_AND_RUN.match(text, end)) is not None:  # the chain's next runs
            end = run.end()
        yield start, end
        at = end


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
