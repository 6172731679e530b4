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
from pozo_site.check._finding import Finding, Severity
from pozo_site.check._rule import Family, Rule
from pozo_site.check._rules._base import Checker, Context, article_texts, firm_offset
from pozo_site.check._rules._claims import (
    firm_subjects,
    phrase_claims,
    results_claims,
    specialist_claims,
)
from pozo_site.check._source import ArticleDoc, FirmDoc

__all__ = [
    "ADVERTISING_NOTICE",
    "CHECKERS",
    "DISCLAIMER",
    "RESULTS_DISCLAIMER",
    "RULES",
    "SPECIALIST_WORDING",
]

DISCLAIMER: Final = "Prior results do not guarantee a similar outcome"
"""The exact words NY Rule 7.1(e)(3) requires."""

_AID = (
    " This rule is an aid, not legal advice: have a lawyer review the content, and turn "
    'the rule off (ignore = ["{code}"]) if it does not apply to you.'
)

ADVERTISING_NOTICE = Rule(
    code="C001",
    name="advertising-notice-missing",
    family=Family.COMPLIANCE,
    severity=Severity.ERROR,
    summary="The firm profile has no 'Attorney Advertising' notice.",
    explanation=(
        "A New York law firm's website is an advertisement and its home page must show "
        'the words "Attorney Advertising" (Rule 7.1(f); NYSBA Op. 848). The site prints '
        "the notice from the firm profile's advertising_notice, which must therefore be "
        "set and contain those words." + _AID.format(code="C001")
    ),
    example="name: Example Law\nphones:\n  - role: main\n    number: (212) 555-0123",
    reference="NY Rule 7.1(f)",
)
RESULTS_DISCLAIMER = Rule(
    code="C002",
    name="results-disclaimer-missing",
    family=Family.COMPLIANCE,
    severity=Severity.ERROR,
    summary=(
        "An article speaks of results, testimonials or service quality without the "
        "prior-results disclaimer."
    ),
    explanation=(
        "Content likely to create expectations about results, testimonials and "
        "descriptions of the quality of the firm's service must carry the exact words "
        '"Prior results do not guarantee a similar outcome" (Rule 7.1(e)(3); NYSBA '
        "Op. 834 and 848). The rule reads claims, not words: results told in the first "
        "person ('we won asylum', 'we helped a family obtain a green card'), in the third "
        "person with the firm's name or 'the firm' ('Example Law Obtains $1.2 Million "
        "Judgment', 'we secured a preliminary injunction') and in headlines ('$17.5K "
        "Back-Wage Win for Delivery Workers'; in the title any subject counts: 'A Mother "
        "and Her Children Win Protection'); success or approval rates ('our attorneys "
        "have a 98% success rate'); testimonials (a quoted client, also one named by "
        "family role, 'said the mother'; a 'Testimonials' heading); and comparisons or "
        "quality claims ('the best immigration lawyers', 'the #1 immigration firm', "
        "'unsurpassed'). Negations and conditions are not claims ('we won't', 'if we "
        "win', 'after you win asylum'), nor are other organisations' results (a quote "
        "from 'the director of the tenant coalition' saying 'we won', 'the union "
        "secured a $2 million settlement') or other uses of the words ('the #1 train', "
        "'Community Board #1', 'testimonial evidence', 'a track record' asked of a job "
        "applicant, 'the national approval rate'). Fixed "
        "phrases can be added (extend-results-phrases) or replaced (results-phrases). "
        "Every claim is reported, quoted, when the article lacks the disclaimer "
        "(compared ignoring case and line breaks): add the sentence to the article. A "
        "disclaimer cannot cure a misleading claim (Op. 1005)." + _AID.format(code="C002")
    ),
    example="We won asylum for a client from Honduras last year.",
    reference="NY Rule 7.1(e)(3)",
)
SPECIALIST_WORDING = Rule(
    code="C003",
    name="specialist-wording",
    family=Family.COMPLIANCE,
    severity=Severity.WARNING,
    summary="The article says the firm is a 'specialist' or 'specializes'.",
    explanation=(
        "A New York lawyer may not say they are a specialist or specialize in a field "
        "unless certified as Rule 7.4(c) allows, with the disclaimer it requires; "
        "'practice limited to immigration law' or 'concentrates in' are allowed. The "
        "rule flags claims about the firm or its lawyers: 'we specialize in', 'our "
        "attorneys specialize in', '<firm name> specializes in', '<firm name>, which "
        "specializes in', a named lawyer ('Attorney Lind is a specialist in', 'Jane "
        "Ortiz, Esq., specializes in'), 'our asylum specialists', 'our team of "
        "immigration specialists', 'we are specialists', and in Spanish 'nos "
        "especializamos', 'somos especialistas en'. The adjective is not a claim "
        "('specialized medical care', 'specialized courts'), nor is another "
        "organisation's staff ('partnership specialists at the agency') or a staff post "
        "('our intake specialist', 'the paralegal specialist'). Nothing is reported when "
        "the firm profile records a certification. It is a warning because the reading "
        "of a sentence may be wrong." + _AID.format(code="C003")
    ),
    example="Our attorneys specialize in asylum cases.",
    reference="NY Rule 7.4",
)
RULES: tuple[Rule, ...] = (ADVERTISING_NOTICE, RESULTS_DISCLAIMER, SPECIALIST_WORDING)
"""This family's rules, in code order; the rule table is built from them."""

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
    """One word of each phrase :func:`_phrases` matches, lower-cased: a text whose lower
    case holds none of them has no match, and is not searched. ``None`` (search every
    text) when a phrase has no word in ASCII, whose case-insensitive matches are simple."""
    keys = []
    for phrase in {p.strip() for p in phrases if p.strip()}:
        words = [word for word in phrase.split() if word.isascii()]
        if not words:
            return None
        keys.append(max(words, key=len).lower())
    return tuple(keys)


_FOLDED: Final = ("\u0130", "\u0131", "\u017f")
"""The only characters besides ASCII letters that a case-insensitive regular expression
matches with an ASCII letter and that lower-case to something else ("\u0130", dotless
"\u0131", long "\u017f"): where one is present, :func:`_phrase_keys` is not used."""


def _may_hold_phrase(text: str, keys: tuple[str, ...] | None) -> bool:
    if keys is None or any(char in text for char in _FOLDED):
        return True
    lowered = text.lower()
    return any(key in lowered for key in keys)


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
