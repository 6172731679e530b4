"""Compliance rules (C) for New York attorney advertising (22 NYCRR Part 1200).

These rules are an aid for the writer and the reviewing lawyer, not legal advice: they
look for a few clear signals (a missing label, claims that need a disclaimer, wording the
rules restrict) and can each be turned off in the configuration.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import Final

from pozo_site._locate import mapping_get
from pozo_site.check._codes.compliance import (
    ADVERTISING_NOTICE,
    DISCLAIMER,
    RESULTS_DISCLAIMER,
    RULES,
    SPECIALIST_WORDING,
)
from pozo_site.check._finding import Finding
from pozo_site.check._rules._base import Checker, Context, article_texts, firm_offset
from pozo_site.check._rules._claims import (
    firm_subjects,
    phrase_claims,
    results_claims,
    specialist_claims,
)
from pozo_site.check._rules._folding import may_hold_any
from pozo_site.check._source import ArticleDoc, FirmDoc

__all__ = [
    "ADVERTISING_NOTICE",
    "CHECKERS",
    "DISCLAIMER",
    "RESULTS_DISCLAIMER",
    "RULES",
    "SPECIALIST_WORDING",
]


_NOTICE_WORDS: Final = "attorney advertising"
_SPACE: Final = re.compile(r"\s+")


@functools.lru_cache(maxsize=16)
def _phrases(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    cleaned = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    if not cleaned:
        return None
    words = "|".join(r"\s+".join(re.escape(word) for word in p.split()) for p in cleaned)
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)


@functools.lru_cache(maxsize=16)
def _phrase_keys(phrases: tuple[str, ...]) -> tuple[str, ...] | None:
    """One word of each phrase :func:`_phrases` matches, lower-cased, or a key inside that
    word: a text whose lower case holds none of them has no match, and is not searched.
    ``None`` (search every text) when a phrase has no word in ASCII, whose
    case-insensitive matches are simple."""
    keys: dict[str, None] = {}  # each key once (several phrases share their longest word)
    for phrase in sorted({p.strip() for p in phrases if p.strip()}):
        words = [word for word in phrase.split() if word.isascii()]
        if not words:
            return None
        keys[max(words, key=len).lower()] = None
    # A key that holds another ("top-rated", "rated") is in a text only if that one is.
    return tuple(key for key in keys if not any(k != key and k in key for k in keys))


def _may_hold_phrase(text: str, keys: tuple[str, ...] | None) -> bool:
    return keys is None or may_hold_any(text, keys)


def _check_firm(doc: FirmDoc, ctx: Context) -> Iterator[Finding]:
    firm = doc.firm
    if firm is None or doc.source is None:
        return
    notice = firm.advertising_notice
    if notice is not None and _NOTICE_WORDS in notice.lower():
        return
    if notice is None:
        message = (
            "the firm profile has no advertising_notice; add 'advertising_notice: Attorney "
            "Advertising' (NY Rule 7.1(f))"
        )
        offset = doc.node.start_mark.index if doc.node is not None else 0
    else:
        message = (
            f"advertising_notice '{notice}' lacks the words 'Attorney Advertising' (NY Rule 7.1(f))"
        )
        offset = firm_offset(doc, ("advertising_notice",))
    yield doc.source.finding(ADVERTISING_NOTICE, offset, message)


_DISCLAIMER_END: Final = "outcome"
"""The disclaimer's last word: ASCII letters that only ASCII letters lower-case to, and no
space, so a text that holds the disclaimer holds it in its own lower case."""
assert DISCLAIMER.lower().endswith(_DISCLAIMER_END)


def _has_disclaimer(texts: Iterable[tuple[int, str]]) -> bool:
    wanted = DISCLAIMER.lower()
    return any(
        _DISCLAIMER_END in chunk.lower() and wanted in _SPACE.sub(" ", chunk).lower()
        for _, chunk in texts
    )


_KINDS: Final = {
    "result": "a result",
    "testimonial": "a testimonial",
    "quality": "a comparison or quality claim",
}
_QUOTE_CHARS: Final = 80


def _quoted(text: str) -> str:
    """The claim as the message quotes it: one line, at most :data:`_QUOTE_CHARS`."""
    line = _SPACE.sub(" ", text).strip()
    return line if len(line) <= _QUOTE_CHARS else line[: _QUOTE_CHARS - 3].rstrip() + "..."


def _reader_texts(doc: ArticleDoc) -> Iterator[tuple[int, str]]:
    """:func:`article_texts` without ``slug`` and ``image.src``, which are addresses (and
    which the disclaimer is not looked for in: it is looked for in every text)."""
    skip: set[int] = set()
    slug = mapping_get(doc.node, "slug")
    image = mapping_get(doc.node, "image")
    src = mapping_get(image[1], "src") if image is not None else None
    for pair in (slug, src):
        if pair is not None:
            skip.add(pair[1].start_mark.index + doc.yaml_start)
    for base, chunk in article_texts(doc):
        if base not in skip:
            yield base, chunk


def _title_offset(doc: ArticleDoc) -> int | None:
    """Where the front matter's ``title`` value starts (as :func:`article_texts` counts)."""
    pair = mapping_get(doc.node, "title")
    return pair[1].start_mark.index + doc.yaml_start if pair is not None else None


@functools.lru_cache(maxsize=16)
def _name_subjects(name: str) -> tuple[tuple[str, ...], ...]:
    return firm_subjects(name)


def _subjects(ctx: Context) -> tuple[tuple[str, ...], ...]:
    firm = ctx.firm.firm
    return _name_subjects(firm.name) if firm is not None else ()


def _check_article(doc: ArticleDoc, ctx: Context) -> Iterator[Finding]:
    subjects = _subjects(ctx)
    texts: list[tuple[int, str]] | None = None
    if ctx.config.enabled(RESULTS_DISCLAIMER.code) and not _has_disclaimer(article_texts(doc)):
        phrases = tuple(ctx.config.results_phrases)
        pattern = _phrases(phrases)
        keys = _phrase_keys(phrases)
        title = _title_offset(doc)
        texts = list(_reader_texts(doc))
        for base, chunk in texts:
            claims = results_claims(chunk, subjects, headline=base == title)
            if pattern is not None and _may_hold_phrase(chunk, keys):
                claims += phrase_claims(chunk, pattern)
            seen: set[tuple[int, int]] = set()
            for claim in sorted(claims, key=lambda c: (c.start, -c.end)):
                if any(start <= claim.start < end for start, end in seen):
                    continue
                seen.add((claim.start, claim.end))
                yield doc.source.finding(
                    RESULTS_DISCLAIMER,
                    base + claim.start,
                    f"'{_quoted(claim.text)}' reads as {_KINDS.get(claim.kind, 'a claim')}; "
                    f'add the exact words "{DISCLAIMER}." to the article (NY Rule 7.1(e)(3))',
                    end=base + claim.end,
                )
    firm = ctx.firm.firm
    if firm is None or firm.certifications or not ctx.config.enabled(SPECIALIST_WORDING.code):
        return
    for base, chunk in texts if texts is not None else _reader_texts(doc):
        for claim in specialist_claims(chunk, subjects):
            yield doc.source.finding(
                SPECIALIST_WORDING,
                base + claim.start,
                f"'{_quoted(claim.text)}' claims the firm or its lawyers are specialists: a "
                "New York lawyer may not say so without a certification (NY Rule 7.4); say "
                "'practice limited to' or 'concentrates in', or record the certification in "
                "the firm profile",
                end=base + claim.end,
            )


CHECKERS = (
    Checker(codes=(ADVERTISING_NOTICE.code,), firm=_check_firm),
    Checker(codes=(RESULTS_DISCLAIMER.code, SPECIALIST_WORDING.code), article=_check_article),
)
