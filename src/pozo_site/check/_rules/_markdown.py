"""The links, images and code regions of an article body, with their offsets in the file.

markdown-it-py gives block tokens a line map but inline tokens none, so an inline link or
image is placed by searching its paragraph's lines, in order, for its source text; when
that fails (a reference definition elsewhere), the paragraph's first character is used.
Only the paragraphs and headings that can hold a link or an image get their inline parse
(see :func:`_tokens`): on 12 KB pages that is a tenth of them, and the parse 2.5 times faster.

:func:`prose_body` gives the body as a reader reads it, for rules about wording and
numbers: code (blocks and spans), HTML comments and link targets (URLs, paths, HTML
``href``/``src`` values) are blanked out, offsets unchanged.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Final, NamedTuple

from markdown_it import MarkdownIt, rules_core
from markdown_it.token import Token

from pozo_site.check._rules._folding import may_hold_any
from pozo_site.check._source import ArticleDoc

__all__ = ["BodyImage", "BodyLink", "MarkdownFacts", "blank_urls", "markdown_facts", "prose_body"]


class BodyLink(NamedTuple):
    """A Markdown link: where its target is written, and the target."""

    offset: int
    href: str


class BodyImage(NamedTuple):
    """A Markdown image: where ``![`` is written, its source and its alt text."""

    offset: int
    src: str
    alt: str


class MarkdownFacts(NamedTuple):
    """What the body holds that rules look at."""

    links: tuple[BodyLink, ...]
    images: tuple[BodyImage, ...]
    code_lines: frozenset[int]
    """1-based file lines inside fenced or indented code blocks."""


# Text that could start a code block: a fence, or an indented line (tab or four spaces).
_MAY_HOLD_CODE: Final = re.compile(r"```|~~~|(?:^|\n)(?: {4}|\t)")


# The end of a line that could underline a setext heading: "-" or "=", then blanks.
_MAY_UNDERLINE: Final = re.compile(r"[-=][ \t]*(?:\r\n|\r|\n|$)")


def _may_underline(source: str) -> bool:
    """Whether a line of ``source`` could underline a setext heading: it ends in ``-`` or
    ``=`` and blanks, and the line above holds more than blanks (an underline ends a
    paragraph, whose lines are never blank). A thematic break after a blank line, the
    common ``---``, is no underline.

    Linear time: no search for a line's start goes back past the start of the previous
    candidate's line (``floor``, a line start: a line holds at most one candidate, so the
    line above a candidate starts there or later), so each character is read a bounded
    number of times (searching back to the text's start was quadratic: 1 MB of ``-`` lines
    took 3.4 s)."""
    floor = 0
    for match in _MAY_UNDERLINE.finditer(source):
        start = match.start()
        line = _line_start(source, floor, start)
        if line == 0:
            continue  # the first line: nothing above it to underline
        above_end = line - 2 if source.startswith("\r\n", line - 2) else line - 1
        above = _line_start(source, floor, above_end)
        if source[above:above_end].strip(" \t"):
            return True
        floor = line
    return False


def _line_start(source: str, floor: int, end: int) -> int:
    """The start of the line holding ``source[end]``, known to be at ``floor`` or after."""
    return max(source.rfind("\n", floor, end), source.rfind("\r", floor, end), floor - 1) + 1


@functools.cache
def _parser(*, setext: bool) -> MarkdownIt:
    # Without emphasis, which changes no link, image or code region (CommonMark: link
    # brackets and code spans bind more tightly than emphasis markers), and whose text
    # tokens markdown-it-py joins in quadratic time (50,000 "*" after text took 15 s).
    # Without the inline pass, which _tokens runs itself where it can find something.
    # ``setext=False``: also without the setext heading rule, for a text where no line
    # can underline one (:func:`_may_underline`). That rule is tried at every paragraph
    # and reads the paragraph's lines before the paragraph rule reads them again (a
    # quarter of the block parse); when it cannot match it leaves nothing behind (the
    # parent type it sets is only read by checks that set their own first), so the
    # tokens are the same.
    off = (
        ["emphasis", "inline", "text_join"]
        if setext
        else ["emphasis", "inline", "text_join", "lheading"]
    )
    return MarkdownIt("commonmark").disable(off)


def _tokens(source: str) -> list[Token]:
    """The tokens markdown-it-py's full parse gives, except that an inline token that
    holds no ``[`` and no ``<`` keeps no children.

    Every link and image starts at one of them (``[``: inline and reference links,
    ``![``: images, ``<``: autolinks; linkify is off in CommonMark), so such a token's
    children hold no ``link_open`` and no ``image``, and no fact changes. The others get
    the same two core rules the full parse runs, with the same reference definitions
    (``env``): their children are the full parse's. A test compares the two parses'
    facts on the corpus and hostile inputs.
    """
    parser = _parser(setext=_may_underline(source))
    env: dict[str, object] = {}
    tokens = parser.parse(source, env)
    wanted = [t for t in tokens if t.type == "inline" and ("[" in t.content or "<" in t.content)]
    if wanted:
        state = rules_core.StateCore(source, parser, env, wanted)
        rules_core.inline(state)
        rules_core.text_join(state)
    return tokens


def _alt(token: Token) -> str:
    return "".join(child.content for child in token.children or () if child.type == "text")


_BRACKET: Final = re.compile(r"[\[\]]")
# A paragraph break: a line end, then blanks up to another line end or the text's end.
_BLANK_LINE: Final = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?=\r\n|\r|\n|$)")


def _defuse_brackets(body: str) -> str:
    """``body`` with each ``[`` that no later ``]`` of its paragraph closes made an ``x``.

    Such a bracket is literal text in CommonMark, so the parse is the same, but
    markdown-it-py looks for its label's end through every token that follows, which
    took a quarter of a millisecond per bracket: 100 KB of ``[`` took 12 s. Offsets are
    kept (one character for one). A ``]`` that cannot close (escaped, in code) still
    counts as closing, which only leaves more brackets as they are.

    Paragraph breaks are looked for only between two brackets while one is open: the
    text between consecutive brackets is searched once at most, so the work stays linear
    and most of a page is never scanned twice.
    """
    if "[" not in body:
        return body
    open_brackets: list[int] = []
    unmatched: list[int] = []
    previous = 0
    for match in _BRACKET.finditer(body):
        at = match.start()
        # The match cannot reach past ``at`` (a bracket is neither a line end nor a
        # blank), so the lookahead sees the text itself, not the end of the search.
        if open_brackets and _BLANK_LINE.search(body, previous, at + 1) is not None:
            unmatched.extend(open_brackets)
            open_brackets.clear()
        previous = at + 1
        if body[at] == "[":
            open_brackets.append(at)
        elif open_brackets:
            open_brackets.pop()
    unmatched.extend(open_brackets)
    if not unmatched:
        return body
    chars = list(body)
    for index in unmatched:
        chars[index] = "x"
    return "".join(chars)


def markdown_facts(doc: ArticleDoc) -> MarkdownFacts:
    """Parse ``doc``'s body once (memoised on the document)."""
    cached = doc.memo.get("markdown")
    if isinstance(cached, MarkdownFacts):
        return cached
    facts = _parse(doc)
    doc.memo["markdown"] = facts
    return facts


def _parse(doc: ArticleDoc) -> MarkdownFacts:
    body = doc.body
    if "[" not in body and "<img" not in body.lower() and not _MAY_HOLD_CODE.search(body):
        return MarkdownFacts((), (), frozenset())  # nothing any rule looks for
    source = doc.source
    text = source.text
    starts = source.line_starts
    first = source.position(doc.body_start)[0] - 1  # 0-based index of the body's first line

    def line_offset(body_line: int) -> int:
        index = first + body_line
        return starts[index] if index < len(starts) else len(text)

    links: list[BodyLink] = []
    images: list[BodyImage] = []
    code: set[int] = set()
    for token in _tokens(_defuse_brackets(body)):
        if token.type in ("fence", "code_block") and token.map:
            code.update(range(first + token.map[0] + 1, first + token.map[1] + 1))
            continue
        if token.type != "inline" or not token.map or not token.children:
            continue
        span_start, span_end = line_offset(token.map[0]), line_offset(token.map[1])
        cursor = span_start
        for child in token.children:
            if child.type == "link_open":
                href = str(child.attrGet("href") or "")
                at = text.find(f"]({href}", cursor, span_end) if href else -1
                if at < 0:
                    links.append(BodyLink(span_start, href))
                else:
                    links.append(BodyLink(at + 2, href))
                    cursor = at + 2 + len(href)
            elif child.type == "image":
                at = text.find("![", cursor, span_end)
                if at < 0:
                    at = span_start
                else:
                    cursor = at + 2
                images.append(BodyImage(at, str(child.attrGet("src") or ""), _alt(child)))
    return MarkdownFacts(tuple(links), tuple(images), frozenset(code))


# What a reader does not read as prose. Every pattern here runs in linear time on any
# input (a content file is untrusted): no unbounded scan may restart at each of many
# openers that never close, which is why comments and code spans are paired by hand.
_URL: Final = re.compile(r"(?i)\b(?:[a-z][a-z0-9+.-]{1,31}://|www\.|mailto:)[^\s<>\"'`]*")
# A link's "(target "title")", parentheses included (a phone matcher would take a lone
# "(" or "( )" left behind as part of a number that follows); a target may hold one
# level of balanced parentheses, as CommonMark allows. The blanks after "(" and the
# target are each taken whole ("(?=(...))" and a back reference: an atomic group): left
# to backtracking, blanks could be shared out between the target, the title and the ")"
# in quadratically many ways ("](" and 100,000 blanks took minutes).
_TARGET_END: Final = r"""(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'))?[ \t]*\)"""
_LINK_TARGET: Final = re.compile(
    r"\](\((?=(?P<blanks>[ \t]*))(?P=blanks)(?!<?tel:)"
    rf"(?:(?=(?P<angle><[^<>\n]*>))(?P=angle){_TARGET_END}"
    rf"|(?=(?P<plain>(?:[^\s()]+|\([^\s()]*\))*))(?P=plain){_TARGET_END}))",
    re.IGNORECASE,
)
_REFERENCE: Final = re.compile(
    r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?(?!tel:)([^\s>]+)", re.IGNORECASE | re.MULTILINE
)
_ATTRIBUTE: Final = re.compile(
    r"(?i)\b(?:href|src|srcset|action|poster|cite|data)[ \t]*=[ \t]*"
    r"(?!['\"]?tel:)(\"[^\"]*\"|'[^']*'|[^\s>]+)"
)
_BACKTICKS: Final = re.compile(r"`+")
_NOT_LINE_END: Final = re.compile(r"[^\r\n]+")

Spans = Iterator[tuple[int, int]]


def _comments(text: str) -> Spans:
    """HTML comments, ``<!--`` to the next ``-->``."""
    start = text.find("<!--")
    while start >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            return
        yield start, end + 3
        start = text.find("<!--", end + 3)


def _code_spans(text: str) -> Spans:
    """Code spans: a run of backticks to the next run of the same length in the same
    paragraph (CommonMark 6.1); an opener without one is literal backticks."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    breaks = [m.start() for m in _BLANK_LINE.finditer(text)]
    index = 0
    while index < len(runs):
        start, end = runs[index]
        same = by_length[end - start]
        closer = bisect.bisect_right(same, index)
        if closer < len(same):
            close_start, close_end = runs[same[closer]]
            paragraph_break = bisect.bisect_left(breaks, end)
            if paragraph_break >= len(breaks) or breaks[paragraph_break] >= close_start:
                yield start, close_end
                index = same[closer] + 1
                continue
        index += 1


def _matches(pattern: re.Pattern[str], group: int) -> Callable[[str], Spans]:
    def spans(text: str) -> Spans:
        for match in pattern.finditer(text):
            yield match.start(group), match.end(group)

    return spans


def _has_url_mark(text: str) -> bool:
    """Whether ``text`` holds what every :data:`_URL` match holds (the pattern itself
    is slow to run over text that has none: it tries a scheme at every word)."""
    return "://" in text or may_hold_any(text, ("www.", "mailto:"))


_ATTRIBUTE_NAMES: Final = ("href", "src", "action", "poster", "cite", "data")  # srcset: src


def _may_hold_attribute(text: str) -> bool:
    """Whether ``text`` may hold a match of :data:`_ATTRIBUTE` (an ``=`` and a name)."""
    return "=" in text and may_hold_any(text, _ATTRIBUTE_NAMES)


def _holds(trigger: str) -> Callable[[str], bool]:
    return lambda text: trigger in text


# In this order, so that a backtick in a comment starts no code span, and so on; each
# pass runs only when the text holds what its matches need.
_PASSES: Final = (
    (_holds("<!--"), _comments),
    (_holds("`"), _code_spans),
    (_holds("]("), _matches(_LINK_TARGET, 1)),
    (_holds("]:"), _matches(_REFERENCE, 1)),
    (_may_hold_attribute, _matches(_ATTRIBUTE, 1)),
    (_has_url_mark, _matches(_URL, 0)),  # https://, www. and mailto: in any case
)


def _spaces(match: re.Match[str]) -> str:
    return " " * (match.end() - match.start())


def _blanked(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with every character of ``spans`` (in order, not overlapping) but its
    line ends made a space."""
    pieces: list[str] = []
    done = 0
    for start, end in spans:
        pieces.append(text[done:start])
        pieces.append(_NOT_LINE_END.sub(_spaces, text[start:end]))
        done = end
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def blank_urls(text: str) -> str:
    """``text`` with URLs (``https://...``, ``www....``, ``mailto:...``) blanked, offsets kept."""
    if not _has_url_mark(text):
        return text
    return _blanked(text, ((m.start(), m.end()) for m in _URL.finditer(text)))


def _line_runs(lines: Iterable[int]) -> Spans:
    """The 1-based line numbers ``lines`` (at least one) as runs ``(first, last + 1)``."""
    ordered = sorted(lines)
    first = previous = ordered[0]
    for line in ordered[1:]:
        if line != previous + 1:
            yield first, previous + 1
            first = line
        previous = line
    yield first, previous + 1


def prose_body(doc: ArticleDoc) -> str:
    """``doc.body`` with code, HTML comments and link targets blanked (each character
    replaced by a space, line ends kept), so offsets into it are offsets into the body.
    ``tel:`` targets are kept: they are the numbers a visitor's phone dials. Memoised."""
    cached = doc.memo.get("prose")
    if isinstance(cached, str):
        return cached
    prose = doc.body
    code_lines = markdown_facts(doc).code_lines
    if code_lines:
        starts = doc.source.line_starts

        def offset(line: int) -> int:  # where 1-based ``line`` starts in the body
            if line > len(starts):
                return len(prose)
            return max(starts[line - 1] - doc.body_start, 0)

        prose = _blanked(prose, ((offset(a), offset(b)) for a, b in _line_runs(code_lines)))
    for holds, find in _PASSES:
        if holds(prose):
            prose = _blanked(prose, find(prose))
    doc.memo["prose"] = prose
    return prose
