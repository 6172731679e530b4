"""The shortcuts that make the claim readers fast give what the plain readings give.

The readers of ``check/_rules/_claims.py`` skip work: they cut sentences without reading
their words, read only the sentences that hold a word some shape starts at, find those
words with string methods, remember each sentence's claims, and the compliance rules skip
a text that cannot hold a phrase or the disclaimer. Each shortcut is compared here, on
texts drawn from the characters that decide word and sentence boundaries and case, with
the plain reading it replaces: the whole-text tokenisation (``_tokens``), the trigger
regular expression, the phrase pattern, the disclaimer comparison.
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from pozo_site.check._config import DEFAULT_RESULTS_PHRASES
from pozo_site.check._rules import _claims, compliance

# Sentence and word boundaries, joiners, quotes, block starts, case oddities (dotted and
# dotless i, long s, capital sigma, Kelvin sign), a few trigger words and abbreviations.
_PIECES = [
    *".!?;:,'\u2019-/$#\n\t >*|+\u2014\u2013\u201c\u201d\"\u00a0",
    *"aeiosnNoU.SgK",
    "\u0130",
    "\u0131",
    "\u017f",
    "\u03a3",
    "\u212a",
    "won",
    "Won",
    "WIN",
    "most",
    "no.1",
    "#1",
    "award-winning",
    "we",
    "We",
    "our",
    "firm",
    "No",
    "No.",
    "U.S",
    "U.S.",
    "e.g",
    "e.g.",
    "Esq",
    ", Esq.",
    "vs.",
    "x.no.",
    "Mr.",
    "help",
    "helped",
    "obtain",
    "asylum",
    "received",
    "$2",
    "million",
    "testimonial",
    "specialize",
    "specialists",
    "guaranteed",
    "results",
    "happy",
    "clients",
    "Prior results do not guarantee a similar outcome",
    "outcome",
    "Example",
    "Immigration",
    "Law",
    " ",
    " ",
    "\n\n",
]
TEXTS = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)
FIRM = _claims.firm_subjects("Example Immigration Law")


def _plain_sentences(text: str) -> list[list[_claims._Token]]:
    """The sentences as the readers first cut them: every token of the text, in order."""
    sentences: list[list[_claims._Token]] = []
    current: list[_claims._Token] = []
    for token in _claims._tokens(text):
        if token.word == _claims._SECTION_BREAK:
            if (
                token.raw == "."
                and current
                and current[-1].word in _claims._ABBREVIATIONS
                and current[-1].end == token.start
            ):
                continue
            if current:
                sentences.append(current)
            current = []
        else:
            current.append(token)
    if current:
        sentences.append(current)
    return sentences


@settings(max_examples=400, deadline=None)
@given(TEXTS)
@example("Case No. 5 and U.S. law: e.g. vs. Mr. Ortiz, Esq. spoke. x.no. y")
@example("No.\n\n\n# h\n\t\n- a . b.. c.d $1.5K.")
def test_sentences_are_those_of_the_whole_tokenisation(text: str) -> None:
    assert [list(s) for s in _claims._sentences(text)] == _plain_sentences(text)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_a_sentence_alone_has_its_tokens_in_the_text(text: str) -> None:
    for begin, end in _claims._candidate_spans(text):
        alone = _claims._cut(text[begin:end])
        inside = _claims._cut(text, begin, end)
        assert [(t.word, t.start + begin, t.end + begin, t.raw) for t in alone] == list(inside)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_only_sentences_without_a_trigger_are_skipped(text: str) -> None:
    read = {tuple(s) for s in _claims._sentences(text, _claims._trigger_hits)}
    for sentence in _plain_sentences(text):
        if any(t.word in _claims._TRIGGERS or t.word.startswith("$") for t in sentence):
            assert tuple(sentence) in read
    lowered = text.lower()
    if len(lowered) == len(text):
        exact = {m.start() for m in _claims._trigger_words().finditer(lowered)}
        assert exact <= set(_claims._trigger_hits(lowered))


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_claims_are_those_of_every_sentence_read(text: str) -> None:
    _claims._sentence_claims.cache_clear()
    for headline in (False, True):
        plain: list[tuple[int, int, str, str]] = []
        for sentence in _plain_sentences(text):
            tokens = _claims._Sentence()
            tokens.extend(sentence)
            plain.extend(
                (c.start, c.end, c.text, c.kind)
                for c in _claims._sentence_results(text, tokens, FIRM, headline=headline)
            )
        fast = []
        for begin, end in _claims._candidate_spans(text, _claims._trigger_hits):
            for first, last, kind in _claims._sentence_claims(text[begin:end], FIRM, headline):
                fast.append((begin + first, begin + last, text[begin + first : begin + last], kind))
        assert fast == plain


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_phrase_and_disclaimer_prefilters_skip_no_match(text: str) -> None:
    phrases = tuple(DEFAULT_RESULTS_PHRASES)
    pattern = compliance._phrases(phrases)
    assert pattern is not None
    if pattern.search(text):
        assert compliance._may_hold_phrase(text, compliance._phrase_keys(phrases))
    wanted = compliance.DISCLAIMER.lower()
    if wanted in re.sub(r"\s+", " ", text).lower():
        assert compliance._has_disclaimer([(0, text)])
    assert compliance._has_disclaimer([(0, text)]) == (wanted in re.sub(r"\s+", " ", text).lower())


def test_phrases_without_an_ascii_word_are_always_searched() -> None:
    assert compliance._phrase_keys(("garantía única", "top rated")) is None
    assert compliance._phrase_keys(("éxito asegurado",)) == ("asegurado",)
    assert compliance._may_hold_phrase("any text", None)
    keys = compliance._phrase_keys(("top rated",))
    assert keys == ("rated",)
    assert not compliance._may_hold_phrase("nothing here", keys)
    assert compliance._may_hold_phrase("top rat\u0130ng", keys)  # dotted I: searched


def test_texts_with_other_punctuation_use_the_regular_expression() -> None:
    text = "we won\u2e3aasylum \u00a7won"  # two-em dash, section sign: not word characters
    lowered = text.lower()
    exact = [m.start() for m in _claims._trigger_words().finditer(lowered)]
    assert exact == [3, 15]
    assert _claims._trigger_hits(lowered) == exact


def test_each_phrase_key_is_looked_for_once() -> None:
    """Phrases that share their longest word give one key, and a key that holds another
    is left out (the text holds it only if it holds the other)."""
    keys = compliance._phrase_keys(("satisfied clients", "happy clients", "top-rated", "rated"))
    assert keys == ("clients", "rated", "satisfied")
    defaults = compliance._phrase_keys(tuple(DEFAULT_RESULTS_PHRASES))
    assert defaults is not None
    assert len(set(defaults)) == len(defaults)
    assert not any(a != b and a in b for a in defaults for b in defaults)
