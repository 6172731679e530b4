"""``Article``: a Markdown article with YAML front matter.

The front matter keys are fixed so that content written today stays valid: ``title``,
``slug``, ``date``, ``updated``, ``author``, ``summary``, ``tags`` and ``image`` (with
``src`` and ``alt``). Everything after the front matter is the Markdown ``body``.

>>> article = Article.from_markdown(
...     "---\\ntitle: Know Your Rights\\ndate: 2024-05-01\\n---\\n## At Home\\n\\nStay calm.\\n"
... )
>>> article.slug, [s.title for s in article.sections], article.word_count
('know-your-rights', ['At Home'], 4)
>>> Article.from_markdown(article.to_markdown()) == article
True
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from typing import Annotated, Any, Final

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    ValidationError,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from pozo_site._base import FrozenModel
from pozo_site._frontmatter import FRONT_MATTER_KEYS, FrontMatterError, split_front_matter
from pozo_site._text import LongText, ShortText, Text, clean_single_line
from pozo_site._yaml import YamlError, load_yaml

__all__ = [
    "FRONT_MATTER_KEYS",
    "WORDS_PER_MINUTE",
    "Article",
    "ArticleImage",
    "DateOrDateTime",
    "Section",
    "Slug",
    "is_earlier",
    "make_slug",
    "parse_date_or_datetime",
]

WORDS_PER_MINUTE: Final = 230
"""Reading speed behind :attr:`Article.reading_time` (adult silent reading of prose)."""

SLUG_MAX_LENGTH: Final = 100
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


SLUG_DERIVED_LENGTH: Final = 80


def _slugify(text: str) -> str:
    """``python-slugify``'s slug of ``text``; imported when first needed (its import
    compiles a dozen patterns, about 10 ms): an article model that is given its slug
    never needs it. (``check`` does: L003 derives the slug every title gives.)"""
    from slugify import slugify  # noqa: PLC0415 (lazy: see above)

    return slugify(text)


def make_slug(title: str) -> str:
    """The slug derived from ``title``: ``python-slugify``'s words, cut only at the end,
    at a word boundary, to at most 80 characters; no inner word is ever dropped.

    >>> make_slug("NYPD Receives and Denies 1,526 Detainer Requests from ICE in 2017")
    'nypd-receives-and-denies-1526-detainer-requests-from-ice-in-2017'
    >>> make_slug(
    ...     "Tenant Advocates and City Council Members Gather to Examine Police Monitoring "
    ...     "of Public Housing Tenants"
    ... )
    'tenant-advocates-and-city-council-members-gather-to-examine-police-monitoring-of'

    (python-slugify's own ``word_boundary`` cut skips a word that does not fit and keeps
    a later short one, which gives ``...-examine-police-of``.) A first word longer than
    the limit is cut inside it, as there is no boundary to cut at.
    """
    full = _slugify(clean_single_line(title))
    if len(full) <= SLUG_DERIVED_LENGTH:
        return full
    cut = full.rfind("-", 0, SLUG_DERIVED_LENGTH + 1)
    return full[:cut] if cut > 0 else full[:SLUG_DERIVED_LENGTH].rstrip("-")


def _check_slug(value: str) -> str:
    if len(value) > SLUG_MAX_LENGTH or not _SLUG.fullmatch(value):
        raise PydanticCustomError(
            "slug_invalid",
            "a slug is lowercase letters and digits in words joined by single hyphens, "
            "at most {max} characters, such as 'know-your-rights'",
            {"max": SLUG_MAX_LENGTH},
        )
    return value


Slug = Annotated[
    str,
    AfterValidator(_check_slug),
    Field(
        json_schema_extra={"pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$", "maxLength": SLUG_MAX_LENGTH}
    ),
]
"""A URL slug: lowercase ASCII words joined by single hyphens."""

# A date, optionally with a time and a timezone, as YAML and site generators write them:
# 2024-05-01, 2024-05-01 14:30, 2012-02-13 14:41:30+00:00, 2024-05-01T14:30:00Z. The
# separators are distinct, so the pattern cannot backtrack.
_WHEN: Final = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[Tt ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?[ \t]*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?"
)
_WHEN_EXAMPLES: Final = "such as 2024-05-01, or 2024-05-01 14:30:00+00:00 with a time"


def _zone(text: str | None) -> dt.tzinfo | None:
    if text is None:
        return None
    if text in ("Z", "z"):
        return dt.timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


_KINDS: Final = {int: "a number", float: "a number", bool: "true or false", list: "a list"}


def parse_date_or_datetime(value: Any) -> dt.date | dt.datetime:
    """A front matter date as written: a ``date``, or a ``datetime`` when a time is given.

    >>> parse_date_or_datetime("2012-02-13 14:41:30+00:00")
    datetime.datetime(2012, 2, 13, 14, 41, 30, tzinfo=datetime.timezone.utc)
    >>> parse_date_or_datetime("2024-05-01")
    datetime.date(2024, 5, 1)

    Raises ``PydanticCustomError``: ``date_not_real`` for a date or time that does not
    exist (2018-02-31, 25:00), ``date_format`` for anything else.
    """
    if isinstance(value, (dt.date, dt.datetime)):
        return value  # YAML read it (a datetime is a date too, and is kept whole)
    if not isinstance(value, str):
        raise PydanticCustomError(
            "date_format",
            "a date is written YYYY-MM-DD ({examples}), not as {kind}",
            {"examples": _WHEN_EXAMPLES, "kind": _KINDS.get(type(value), "this value")},
        )
    text = value.strip()
    match = _WHEN.fullmatch(text)
    if match is None:
        raise PydanticCustomError(
            "date_format",
            "'{value}' is not a date: write YYYY-MM-DD ({examples})",
            {"value": text[:100], "examples": _WHEN_EXAMPLES},
        )
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    try:
        day_value = dt.date(int(year), int(month), int(day))
        if hour is None:
            return day_value
        micro = int((fraction or "0")[:6].ljust(6, "0"))
        return dt.datetime(
            day_value.year,
            day_value.month,
            day_value.day,
            int(hour),
            int(minute),
            int(second or 0),
            micro,
            tzinfo=_zone(zone),
        )
    except ValueError:
        what = "date" if hour is None else "date and time"
        raise PydanticCustomError(
            "date_not_real",
            "'{value}' is not a real calendar {what}",
            {"value": text, "what": what},
        ) from None


def is_earlier(first: dt.date, second: dt.date) -> bool:
    """Whether ``first`` is before ``second``: by instant when both are datetimes that
    can be compared (both with a timezone, or both without), else by calendar day."""
    if (
        isinstance(first, dt.datetime)
        and isinstance(second, dt.datetime)
        and (first.tzinfo is None) == (second.tzinfo is None)
    ):
        return first < second
    return _day(first) < _day(second)


def _day(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


_DATE_TIME_PATTERN: Final = (
    r"^\d{4}-\d{2}-\d{2}[Tt ]+\d{1,2}:\d{2}(:\d{2}([.,]\d{1,9})?)?[ \t]*"
    r"(Z|z|[+-]\d{2}(:?\d{2})?)?$"
)

DateOrDateTime = Annotated[
    dt.datetime | dt.date,
    BeforeValidator(parse_date_or_datetime),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "pattern": _DATE_TIME_PATTERN},
            ],
            "description": (
                "A date (YYYY-MM-DD), or a date and time with an optional timezone as site "
                "generators write it (2012-02-13 14:41:30+00:00)."
            ),
        },
        mode="validation",
    ),
]
"""A front matter date: a ``date``, or a ``datetime`` (kept as written) when a time is given."""

Tag = Annotated[str, Text(max_length=50)]


class ArticleImage(FrozenModel):
    """The article's lead image. ``alt`` is required: it is what a screen reader says."""

    src: Annotated[str, Text(max_length=2048)]
    """A URL or a path relative to the site."""
    alt: Annotated[str, Text(max_length=500)]
    """The text alternative; it cannot be empty."""


class Section(FrozenModel):
    """A heading of the article's body."""

    level: Annotated[int, Field(ge=1, le=6)]
    title: str
    anchor: str
    """The slug of the title, for in-page links."""
    line: Annotated[int, Field(ge=1)]
    """The 1-based line of the heading within the body."""


@functools.cache
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark")


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


# Scripts written without spaces between words: each Han character (Chinese, Japanese
# kanji) and each kana counts as one word, as word processors and Hugo count them.
# Hangul is written with spaces, so Korean is counted by its spaced words.
_CJK: Final = (
    "\u3005\u3007\u3021-\u3029\u3038-\u303b\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9d\U00020000-\U0003134f"
)


@functools.cache
def _word_pattern() -> re.Pattern[str]:
    """What :attr:`Article.word_count` counts; compiled when first counted (the script
    ranges make it the costliest pattern to compile that ``pozo-site check`` imports)."""
    return re.compile(f"(?=\\w)[{_CJK}]|[^\\W{_CJK}]+(?:['\u2019.,-][^\\W{_CJK}]+)*")


@functools.lru_cache(maxsize=16)
def _parse_body(body: str) -> tuple[Token, ...]:
    # Keyed by the body itself, so a copy with another body never sees stale tokens
    # (a cached_property would travel with model_copy(update={"body": ...})).
    return tuple(_markdown().parse(body))


class Article(FrozenModel):
    """An article: its front matter fields and its Markdown ``body``.

    ``slug`` is derived from the title when absent; ``updated`` cannot precede ``date``.
    """

    title: ShortText
    slug: Slug
    date: DateOrDateTime
    """The publication date, or date and time, as written."""
    updated: DateOrDateTime | None = None
    author: ShortText | None = None
    summary: Annotated[str, Text(max_length=500)] | None = None
    tags: Annotated[tuple[Tag, ...], Field(max_length=30)] = ()
    image: ArticleImage | None = None
    body: LongText = ""

    @model_validator(mode="before")
    @classmethod
    def _derive_slug(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("slug") in (None, ""):
            title = data.get("title")
            if isinstance(title, str) and len(title) <= 400:
                derived = make_slug(title)
                if derived:
                    return {**data, "slug": derived}
        return data

    @model_validator(mode="after")
    def _check_dates_and_tags(self) -> Article:
        if self.updated is not None and is_earlier(self.updated, self.date):
            raise PydanticCustomError(
                "updated_before_date",
                "updated ({updated}) cannot precede date ({date})",
                {"updated": self.updated.isoformat(), "date": self.date.isoformat()},
            )
        folded = [tag.casefold() for tag in self.tags]
        if len(set(folded)) != len(folded):
            raise PydanticCustomError("tags_not_unique", "each tag may be listed once")
        return self

    # -- reading and writing -------------------------------------------------------

    @classmethod
    def from_markdown(cls, text: str) -> Article:
        """Read a Markdown document with YAML front matter.

        Every problem, in the front matter's form as in its values, raises pydantic's
        ``ValidationError``; front matter problems are located at ``("front_matter",)``.
        """
        try:
            parts = split_front_matter(text)
        except FrontMatterError as error:
            raise _front_matter_error(error.code, str(error)) from None
        try:
            data = load_yaml(parts.yaml)
        except YamlError as error:
            where = f"line {parts.yaml_line + error.line - 1}: " if error.line else ""
            raise _front_matter_error(error.code, f"{where}{error}") from None
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise _front_matter_error(
                "front_matter_not_mapping", "the front matter must be a mapping of keys to values"
            )
        if "body" in data:
            raise _front_matter_error(
                "front_matter_body_key", "'body' is not a front matter key; the body follows it"
            )
        return cls.model_validate({**data, "body": parts.body})

    def front_matter(self) -> dict[str, Any]:
        """The front matter as plain YAML-ready values, in :data:`FRONT_MATTER_KEYS` order."""
        data: dict[str, Any] = {"title": self.title, "slug": self.slug, "date": self.date}
        optional = {"updated": self.updated, "author": self.author, "summary": self.summary}
        data.update((key, value) for key, value in optional.items() if value is not None)
        if self.tags:
            data["tags"] = list(self.tags)
        if self.image is not None:
            data["image"] = {"src": self.image.src, "alt": self.image.alt}
        return data

    def to_markdown(self) -> str:
        """Write the article as Markdown with YAML front matter; it reads back equal."""
        front = yaml.safe_dump(
            self.front_matter(),
            sort_keys=False,
            allow_unicode=True,
            default_flow_style=False,
            width=1_000_000,
        )
        return f"---\n{front}---\n{self.body}"

    # -- derived, read-only ----------------------------------------------------------

    @property
    def _tokens(self) -> tuple[Token, ...]:
        return _parse_body(self.body)

    @property
    def sections(self) -> tuple[Section, ...]:
        """The headings of the body, in order.

        Anchors are unique within the article, as HTML ids must be: a repeated title gets
        ``-1``, ``-2``, ... (as GitHub numbers them), and a title with no letters or
        digits is ``section``.
        """
        tokens = self._tokens
        found: list[Section] = []
        used: set[str] = set()
        for index, token in enumerate(tokens):
            if token.type == "heading_open":
                title = _inline_text(tokens[index + 1]).strip()
                line = (token.map[0] if token.map else 0) + 1
                found.append(
                    Section(
                        level=int(token.tag[1]),
                        title=title,
                        anchor=_unique_anchor(_slugify(title) or "section", used),
                        line=line,
                    )
                )
        return tuple(found)

    @property
    def word_count(self) -> int:
        """Words in the body's text (Markdown syntax and code blocks not counted).

        Words are runs of letters and digits (``don't``, ``1,526`` and ``U.S.`` are one
        each); in Chinese and Japanese, which are written without spaces, each Han
        character and each kana counts as a word.
        """
        words = _word_pattern()
        return sum(
            len(words.findall(_inline_text(token)))
            for token in self._tokens
            if token.type == "inline"
        )

    @property
    def reading_time(self) -> dt.timedelta:
        """Minutes to read the body at :data:`WORDS_PER_MINUTE`, rounded up (at least 1)."""
        words = self.word_count
        return dt.timedelta(minutes=max(1, math.ceil(words / WORDS_PER_MINUTE)) if words else 0)


def _unique_anchor(anchor: str, used: set[str]) -> str:
    candidate, number = anchor, 0
    while candidate in used:
        number += 1
        candidate = f"{anchor}-{number}"
    used.add(candidate)
    return candidate


def _front_matter_error(code: str, message: str) -> ValidationError:
    details: list[InitErrorDetails] = [
        {
            "type": PydanticCustomError(code, "{message}", {"message": message}),
            "loc": ("front_matter",),
            "input": None,
        }
    ]
    return ValidationError.from_exception_data("Article", details)
