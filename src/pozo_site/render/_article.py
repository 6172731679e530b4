"""An article as an HTML page fragment: its body, the call to action and its JSON-LD.

The body goes through markdown-it-py (CommonMark), the parser behind
:attr:`~pozo_site.Article.sections`, so each heading gets the id of its section's
``anchor`` and an in-page link ``#protecting-the-rights-of-immigrants`` lands on it. Raw
HTML in the body is escaped (shown as text) unless ``allow_html=True``.

The firm's numbers in prose become ``tel:`` links written in the house style; a vanity
number keeps its text with the digits beside it. Numbers that are not the firm's stay
plain text, as do numbers in code and in the text of an existing link.

>>> from pozo_site import Article, default_firm
>>> article = Article.from_markdown(
...     "---\\ntitle: Know Your Rights\\ndate: 2024-05-01\\n---\\n"
...     "## At Home\\n\\nCall us at (212) 201-9031.\\n"
... )
>>> html = render_article_html(article, default_firm())
>>> start = html.index("<h2")
>>> print(html[start:html.index("</p>", start) + 4])
<h2 id="at-home">At Home</h2>
<p>Call us at <a href="tel:+1-212-201-9031">212-201-9031</a>.</p>
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator, Sequence
from typing import Any, Final, Literal

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import escape
from phonenumbers import Leniency, PhoneNumberMatcher

from pozo_site._article import Article
from pozo_site._errors import PhoneNumberError, RenderError
from pozo_site._firm import FirmProfile
from pozo_site._phone import PhoneNumber, PhoneStyle, styled_text
from pozo_site.render._cta import render_call_to_action
from pozo_site.render._jsonld import article_jsonld, jsonld_script
from pozo_site.render._view import resolve_phone_style

__all__ = ["body_ends_with_call_to_action", "render_article_html"]

_MONTHS: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MAX_PHONE_MATCHES: Final = 10_000
"""A bound on the numbers linked in one body (a hostile body cannot make it slow)."""


# markdown-it-py binds a render rule to its renderer: the first argument is the renderer.
def _escaped_html_block(_renderer: Any, tokens: Sequence[Token], index: int, *_args: Any) -> str:
    return f'<p class="raw-html">{escape(tokens[index].content.strip())}</p>\n'


def _escaped_html_inline(_renderer: Any, tokens: Sequence[Token], index: int, *_args: Any) -> str:
    return str(escape(tokens[index].content))


@functools.cache
def _markdown(allow_html: bool) -> MarkdownIt:
    # Always parsed with HTML recognised, as Article.sections parses, so that the headings
    # (and so the ids) are the same ones; without allow_html the HTML renders as text.
    markdown = MarkdownIt("commonmark")
    if not allow_html:
        markdown.add_render_rule("html_block", _escaped_html_block)
        markdown.add_render_rule("html_inline", _escaped_html_inline)
    return markdown


def _date_text(day: dt.date) -> str:
    return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"


# -- the firm's numbers in prose ---------------------------------------------------------


def _vanity_pattern(firm: FirmProfile) -> re.Pattern[str] | None:
    texts = sorted({n.vanity for n in firm.numbers if n.vanity is not None}, key=len, reverse=True)
    if not texts:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, texts)) + r")(?![\w-])")


def _numbers_in(
    text: str, firm_numbers: frozenset[PhoneNumber], vanity: re.Pattern[str] | None
) -> Iterator[tuple[int, int, PhoneNumber]]:
    """``(start, end, firm number)`` of each of the firm's numbers in ``text``, in order."""
    spans: list[tuple[int, int, PhoneNumber]] = []
    by_number = {number: number for number in firm_numbers}
    if vanity is not None:
        for match in vanity.finditer(text):
            number = PhoneNumber.parse(match[0])
            spans.append((match.start(), match.end(), by_number[number]))
    matcher = PhoneNumberMatcher(text, "US", leniency=Leniency.VALID, max_tries=_MAX_PHONE_MATCHES)
    for found in matcher:  # it reads digits only, so it never overlaps a vanity text
        try:
            number = PhoneNumber.parse(found.raw_string)
        except PhoneNumberError:  # pragma: no cover - the matcher returns valid numbers
            continue
        own = by_number.get(number)
        if own is not None:
            spans.append((found.start, found.end, own))
    yield from sorted(spans, key=lambda span: span[0])


def _tel_tokens(number: PhoneNumber, style: PhoneStyle) -> list[Token]:
    link = Token("link_open", "a", 1, attrs={"href": number.tel_uri})
    text = Token("text", "", 0, content=styled_text(number, style))
    return [link, text, Token("link_close", "a", -1)]


def _link_numbers(
    children: Sequence[Token],
    firm_numbers: frozenset[PhoneNumber],
    vanity: re.Pattern[str] | None,
    style: PhoneStyle,
) -> list[Token]:
    result: list[Token] = []
    depth = 0  # inside a link's text, numbers stay as written
    for child in children:
        if child.type == "link_open":
            depth += 1
        elif child.type == "link_close":
            depth -= 1
        if child.type != "text" or depth > 0:
            result.append(child)
            continue
        position = 0
        for start, end, number in _numbers_in(child.content, firm_numbers, vanity):
            if start > position:
                result.append(Token("text", "", 0, content=child.content[position:start]))
            result.extend(_tel_tokens(number, style))
            position = end
        if position == 0:
            result.append(child)
        elif position < len(child.content):
            result.append(Token("text", "", 0, content=child.content[position:]))
    return result


# -- the call to action ----------------------------------------------------------------


def _last_paragraph(tokens: Sequence[Token]) -> Token | None:
    for index in range(len(tokens) - 1, -1, -1):
        token = tokens[index]
        if token.type == "inline":
            return token
        if token.type in ("fence", "code_block", "html_block", "hr"):
            return None
    return None


def body_ends_with_call_to_action(article: Article, firm: FirmProfile) -> bool:
    """Whether the body's last block is a paragraph (or heading, or list item) naming one of
    the firm's numbers, in any form: then it already closes with a call to action, and
    ``call_to_action="auto"`` adds none (the shipped example ends "call Pozo Goldstein at
    212-201-9031. We look forward to meeting with you.")."""
    last = _last_paragraph(_markdown(False).parse(article.body))
    if last is None:
        return False
    numbers = firm.numbers
    vanity = _vanity_pattern(firm)
    for child in last.children or ():
        if child.type == "text" and next(_numbers_in(child.content, numbers, vanity), None):
            return True
        if child.type == "link_open":
            href = str(child.attrs.get("href", ""))
            if href.lower().startswith("tel:"):
                try:
                    if PhoneNumber.parse(href) in numbers:
                        return True
                except PhoneNumberError:
                    continue
    return False


# -- the page fragment -----------------------------------------------------------------


def render_article_html(
    article: Article,
    firm: FirmProfile,
    *,
    base_url: str | None = None,
    phone_style: PhoneStyle | str | None = None,
    call_to_action: bool | Literal["auto"] = "auto",
    allow_html: bool = False,
) -> str:
    """The article as an ``<article>`` element followed by its ``BlogPosting`` JSON-LD.

    - The title is the ``<h1>``, then the publication date in a ``<time>``.
    - The body is CommonMark. Headings carry the ids of :attr:`Article.sections`
      (``anchor``), in order. Raw HTML is escaped, shown as text, unless ``allow_html``
      is true (only for bodies the firm trusts: it is copied into the page as written).
    - The firm's numbers in prose become ``tel:`` links written in ``phone_style``
      (``None``: the house style ``dashes``, the one ``pozo-site check`` enforces by
      default); other numbers, numbers in code and link texts stay as written.
    - ``call_to_action``: ``"auto"`` appends :func:`render_call_to_action` only when the
      body does not already end with one (:func:`body_ends_with_call_to_action`);
      ``True`` always appends it, ``False`` never.
    - The ``BlogPosting`` (:func:`article_jsonld`, absolute URLs against ``base_url`` or
      the firm profile's ``base_url``) follows in a script-safe
      ``<script type="application/ld+json">``.

    Raises :class:`RenderError`: ``phone_style_unknown``, ``base_url_invalid``, or
    ``call_to_action_invalid`` for a value other than ``"auto"``, ``True``, ``False``.
    """
    if not isinstance(call_to_action, bool) and call_to_action != "auto":
        raise RenderError("call_to_action is 'auto', True or False", code="call_to_action_invalid")
    style = resolve_phone_style(phone_style)
    data = article_jsonld(article, firm, base_url=base_url)
    markdown = _markdown(allow_html)
    tokens = markdown.parse(article.body)
    sections = iter(article.sections)
    numbers = firm.numbers
    vanity = _vanity_pattern(firm)
    for token in tokens:
        if token.type == "heading_open":
            section = next(sections, None)
            if section is not None:  # pragma: no branch - the same parse finds the same headings
                token.attrSet("id", section.anchor)
        elif token.type == "inline" and token.children:
            token.children = _link_numbers(token.children, numbers, vanity, style)
    body = markdown.renderer.render(tokens, markdown.options, {})
    append = (
        not body_ends_with_call_to_action(article, firm)
        if call_to_action == "auto"
        else bool(call_to_action)
    )
    parts = [
        '<article class="article">\n',
        f"<h1>{escape(article.title)}</h1>\n",
        f'<p class="article-date">Published <time datetime="{article.date.isoformat()}">'
        f"{_date_text(article.date)}</time></p>\n",
        body,
    ]
    if append:
        parts.append(render_call_to_action(firm, "html", phone_style=style))
    parts.append("</article>\n")
    parts.append(jsonld_script(data))
    return "".join(parts)
