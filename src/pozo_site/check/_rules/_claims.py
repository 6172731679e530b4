"""Finding claims in prose: results, testimonials and quality claims (C002), and claims
to be a specialist (C003).

A claim is a shape of words, not a word: "we won asylum" is a result, "we won't" is not;
"the #1 immigration firm" is a comparison, "the #1 train" is not; "our attorneys
specialize in" is a specialist claim, "specialized courts" is not. The text is cut into
word tokens (offsets kept) and sentences, and each shape is looked for with bounded
windows of tokens in plain Python, so the work is linear in the text whatever it holds:
the only regular expressions are single-pass tokenisers and word lists without nested
quantifiers that could backtrack.

Most sentences hold no claim, and reading them is most of the cost, so the readers skip
work they can prove useless: sentence ends are found without cutting words; the words
some shape starts at are found with string methods, and only the sentences holding one
are cut into tokens; each sentence's claims are remembered, for the sentences that many
articles repeat. Each shortcut gives what the plain reading gives (``tests/check/
test_claims_fast.py`` compares them, ``test_claims_frozen.py`` the findings).

>>> names = firm_subjects("Example Immigration Law")
>>> [c.text for c in results_claims("Last year we won asylum for a family.", names)]
['we won asylum']
>>> results_claims("We won't promise anything; we won\u2019t either.", names)
[]
>>> [c.text for c in specialist_claims("Our attorneys specialize in asylum.", names)]
['Our attorneys specialize']
>>> specialist_claims("Children need specialized medical care.", names)
[]
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Final, NamedTuple

__all__ = [
    "Claim",
    "firm_subjects",
    "lower_case",
    "phrase_claims",
    "results_claims",
    "specialist_claims",
]


class Claim(NamedTuple):
    """A claim found in a text: where it is, what it says, and what kind it is."""

    start: int
    end: int
    text: str
    kind: str
    """``result``, ``testimonial``, ``quality`` or ``specialist``."""


Firm = tuple[tuple[str, ...], ...]
"""The firm's names as word sequences (:func:`firm_subjects`)."""


lower_case: Final[Callable[[str], str]] = functools.lru_cache(maxsize=8)(str.lower)
"""``str.lower``, remembered for the last few texts: the readers and rules of one text
each need its lower case (a text's hash is computed once and kept by the string)."""


class _Token(NamedTuple):  # a tuple: texts have many words, and tuples are cheap
    word: str
    """Lower-cased, curly apostrophes made straight."""
    start: int
    end: int
    raw: str


# A word: letters, digits, $ and # joined by inner apostrophes, dots, commas, hyphens and
# slashes ("won't", "$17.5K", "1,526", "back-wage"); the separators are not word
# characters, so the pattern cannot backtrack. Commas and sentence ends are tokens too.
_TOKEN: Final = re.compile(
    r"[\w$#]+(?:['\u2019.,/-][\w$#]+)*|[,\u2014\u2013]|[.!?;:]+|\n[ \t]*(?:\n|(?=[#>|*+-]))"
)
_ABBREVIATIONS: Final = frozenset(
    {"no", "mr", "mrs", "ms", "dr", "st", "v", "vs", "inc", "jr", "sr", "u.s", "e.g", "i.e", "esq"}
)
_SECTION_BREAK: Final = "\x00"


def _tokens(text: str) -> Iterator[_Token]:
    # The whole text is lower-cased once, and each word sliced from it, when that gives
    # each word's own lower case: when no character changes length, and there is no
    # capital sigma (whose lower case depends on the letters around it).
    whole = text.lower()
    lowered = None
    if len(whole) == len(text) and "\u03a3" not in text:
        lowered = whole.replace("\u2019", "'")
    new = tuple.__new__  # skips the named tuple's own __new__, a Python function
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        raw = text[start:end]
        if raw[0] in ".!?;:\n":
            yield new(_Token, (_SECTION_BREAK, start, end, raw))
        elif lowered is not None:
            yield new(_Token, (lowered[start:end], start, end, raw))
        else:
            yield new(_Token, (raw.lower().replace("\u2019", "'"), start, end, raw))


class _Sentence(list[_Token]):
    """A sentence's tokens, with the subjects found in it (computed once per kind)."""

    def __init__(self) -> None:
        super().__init__()
        self.subject_ends: dict[tuple[bool, bool], dict[int, int]] = {}


# What :data:`_TOKEN` reads as a sentence end, found without reading the words: a run of
# sentence punctuation, except a dot that joins two word characters ("$17.5K", "U.S"),
# which is inside a word; a blank line or a line that starts a block. No word, comma or
# dash token holds these characters, so this finds exactly the ends a full tokenisation
# finds, at C speed.
_BREAK: Final = re.compile(
    r"![.!?;:]*|\?[.!?;:]*|;[.!?;:]*|:[.!?;:]*"  # each branch starts with a literal, so
    r"|\.(?:(?<![\w$#]\.)|(?![\w$#]))[.!?;:]*"  # the engine skips other characters at once
    r"|\n[ \t]*(?:\n|(?=[#>|*+-]))"
)
_WORD_CHAR: Final = re.compile(r"[\w$#]")
_JOINERS: Final = "'\u2019.,/-"
_LONGEST_ABBREVIATION: Final = max(map(len, _ABBREVIATIONS))
_ABBREVIATION_ENDS: Final = tuple(_ABBREVIATIONS)


def _abbreviation_before(text: str, dot: int) -> bool:
    """Whether the word token that ends at ``dot`` is an abbreviation ("No", "U.S")."""
    if not text[max(0, dot - _LONGEST_ABBREVIATION) : dot].lower().endswith(_ABBREVIATION_ENDS):
        return False  # the common case: an ordinary word ends the sentence
    if not _WORD_CHAR.match(text, dot - 1):
        return False  # no word ends right before the dot
    start = dot - 1
    while start:  # back to the word's first character, as the tokeniser joins it
        if _WORD_CHAR.match(text, start - 1):
            start -= 1
        elif start > 1 and text[start - 1] in _JOINERS and _WORD_CHAR.match(text, start - 2):
            start -= 2
        else:
            break
        if dot - start > _LONGEST_ABBREVIATION:
            return False
    return text[start:dot].lower().replace("\u2019", "'") in _ABBREVIATIONS


def _sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of the text between sentence ends, as :func:`_sentences` cuts
    it; an abbreviation's dot ("No. 1", "U.S.") ends nothing. Spans may hold no word."""
    start = 0
    for match in _BREAK.finditer(text):
        begin, end = match.span()
        if end - begin == 1 and text[begin] == "." and _abbreviation_before(text, begin):
            continue
        yield start, begin
        start = end
    yield start, len(text)


def _alternation(words: Iterable[str]) -> str:
    """A regular expression that matches exactly ``words``, as a tree of their common
    beginnings ("w(?:in(?:s|ning)?|on)"): the engine tries a few letters at each position,
    not every word."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node: dict[str, Any]) -> str:
        options = [re.escape(char) + branch(node[char]) for char in sorted(node) if char]
        if not options:
            return ""
        group = options[0] if len(options) == 1 and "" not in node else f"(?:{'|'.join(options)})"
        return group + "?" if "" in node else group

    return branch(tree)


def _spans_around(text: str, hits: list[int]) -> list[tuple[int, int]]:
    """The spans of :func:`_sentence_spans` that hold one of ``hits`` (in order), found
    by bisecting the sentence ends rather than walking them all."""
    ends = [match.span() for match in _BREAK.finditer(text)]
    begins = [begin for begin, _ in ends]

    def abbreviation(index: int) -> bool:
        begin, end = ends[index]
        return end - begin == 1 and text[begin] == "." and _abbreviation_before(text, begin)

    spans: list[tuple[int, int]] = []
    for hit in hits:
        if spans and spans[-1][0] <= hit < spans[-1][1]:
            continue  # in the sentence found last
        after = bisect.bisect_right(begins, hit)  # the first end after the hit
        while after < len(ends) and abbreviation(after):
            after += 1
        before = after - 1  # the last end before the hit (hits are never in an end)
        while before >= 0 and abbreviation(before):
            before -= 1
        spans.append(
            (
                ends[before][1] if before >= 0 else 0,
                begins[after] if after < len(ends) else len(text),
            )
        )
    return spans


def _candidate_spans(
    text: str, hits_in: Callable[[str], list[int]] | None = None
) -> Iterator[tuple[int, int]]:
    """The spans of :func:`_sentence_spans` that hold a character (with ``hits_in``, only
    those holding an offset it gives for the lower-cased text: see :func:`_sentences`)."""
    whole = lower_case(text)
    if hits_in is None or len(whole) != len(text):
        spans: Iterable[tuple[int, int]] = _sentence_spans(text)
    else:
        hits = hits_in(whole)
        if not hits:
            return
        spans = _spans_around(text, hits)
    for begin, end in spans:
        if begin != end:
            yield begin, end


def _cut(text: str, begin: int = 0, end: int | None = None) -> _Sentence:
    """The tokens of ``text[begin:end]``, a span of :func:`_sentence_spans`: those a
    tokenisation of the whole text gives there, and each word's lower case its own,
    whatever the text around it."""
    whole = lower_case(text)
    # Each word is sliced from the whole text lower-cased once, when that gives each word's
    # own lower case: when no character changes length, and there is no capital sigma
    # (whose lower case depends on the letters around it).
    lowered = None
    if len(whole) == len(text) and "\u03a3" not in text:
        lowered = whole.replace("\u2019", "'")
    new = tuple.__new__  # skips the named tuple's own __new__, a Python function
    sentence = _Sentence()
    append = sentence.append
    for match in _TOKEN.finditer(text, begin, len(text) if end is None else end):
        start, stop = match.span()
        raw = text[start:stop]
        if raw[0] in ".!?;:\n":
            continue  # an abbreviation's dot
        if lowered is not None:
            append(new(_Token, (lowered[start:stop], start, stop, raw)))
        else:
            append(new(_Token, (raw.lower().replace("\u2019", "'"), start, stop, raw)))
    return sentence


def _sentences(text: str, hits_in: Callable[[str], list[int]] | None = None) -> Iterator[_Sentence]:
    """Runs of tokens between sentence ends, blank lines and block starts (headings,
    list items, quotes); an abbreviation's dot ("No. 1", "U.S.") ends nothing.

    With ``hits_in``, only the sentences holding one of the offsets it gives for the
    lower-cased text (in order; a superset of where a word the reader looks for starts):
    a sentence without any such word is never cut into tokens (when the lower case keeps
    offsets; otherwise every sentence is read)."""
    for begin, end in _candidate_spans(text, hits_in):
        sentence = _cut(text, begin, end)
        if sentence:
            yield sentence


# -- subjects: the firm, its lawyers, "we" ----------------------------------------------

_SUFFIXES: Final = frozenset(
    {"llp", "pllc", "pc", "p.c", "llc", "pa", "p.a", "law", "group", "firm", "office", "offices"}
)
_PEOPLE: Final = frozenset(
    {
        "firm",
        "attorneys",
        "attorney",
        "lawyers",
        "lawyer",
        "team",
        "office",
        "offices",
        "practice",
        "staff",
        "paralegals",
        "paralegal",
        "advocates",
        "partners",
        "partner",
        "counsel",
        "associates",
        "group",
        "abogados",
        "abogadas",
        "abogado",
        "abogada",
        "firma",
        "equipo",
        "bufete",
        "oficina",
        "despacho",
    }
)
_CLIENTS: Final = frozenset({"client", "clients", "cliente", "clientes", "clienta", "clientas"})
_THE_WORDS: Final = frozenset({"the", "this", "la", "el", "los", "las"})
_FIRST_PERSON: Final = frozenset(
    {"we", "we've", "we're", "we'd", "i", "i've", "nosotros", "nosotras"}
)
_OUR: Final = frozenset(
    {"our", "my", "nuestro", "nuestra", "nuestros", "nuestras", "mi", "mis"} | _THE_WORDS
)
_THE: Final = _THE_WORDS


def firm_subjects(*names: str) -> tuple[tuple[str, ...], ...]:
    """The word sequences that name the firm: each name, and each without a trailing
    "LLP", "Law", "Group"... when two words or more remain."""
    found: list[tuple[str, ...]] = []
    for name in names:
        words = tuple(t.word for t in _tokens(name) if t.word not in (",", _SECTION_BREAK))
        if not words:
            continue
        found.append(words)
        trimmed = words
        while len(trimmed) > 2 and trimmed[-1] in _SUFFIXES:
            trimmed = trimmed[:-1]
            found.append(trimmed)
    return tuple(sorted(set(found), key=len, reverse=True))


def _possessive(word: str) -> str:
    return word[:-2] if word.endswith("'s") else word


def _firm_name_end(tokens: Sequence[_Token], at: int, firm: Firm) -> int | None:
    """The end of the firm's name (and "'s attorneys") starting at ``at``."""
    for name in firm:
        end = at + len(name)
        if end <= len(tokens) and all(
            _possessive(tokens[at + i].word) == part for i, part in enumerate(name)
        ):
            while end < len(tokens) and _possessive(tokens[end].word) in _PEOPLE | _CLIENTS:
                end += 1
            return end
    return None


_GROUPS: Final = frozenset({"both", "all", "these"})


@functools.lru_cache(maxsize=16)
def _first_words(firm: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    return frozenset(name[0] for name in firm)


def _group_subject(tokens: Sequence[_Token], at: int) -> bool:
    return tokens[at].word in _GROUPS and at + 1 < len(tokens) and tokens[at + 1].word in _PEOPLE


def _subject_end(
    tokens: Sequence[_Token],
    at: int,
    firm: Firm,
    *,
    clients: bool = False,
    pronouns: bool = False,
) -> int | None:
    """The index just after a subject starting at ``at``: "we", "our (immigration)
    attorneys", "the firm('s team)", the firm's name, and with ``clients`` "our client";
    ``None`` if no subject starts there."""
    word = tokens[at].word
    if word in _FIRST_PERSON or (pronouns and word in ("she", "he")):
        return at + 1
    if pronouns:
        named = _named_lawyer_end(tokens, at)
        if named is not None:
            return named
    if word not in _OUR and word not in _GROUPS and _possessive(word) not in _first_words(firm):
        return None  # no subject starts with this word: the common case, decided at once
    if pronouns and _group_subject(tokens, at):
        return at + 2  # "Both attorneys specialize in ..." (a firm's own page)
    named = _firm_name_end(tokens, at, firm)
    if named is not None or word not in _OUR:
        return named
    return _our_people_end(tokens, at, clients=clients)


_TITLES: Final = frozenset({"attorney", "abogada", "abogado", "lawyer", "counsel"})
_HONORIFICS: Final = frozenset({"ms", "mr", "mrs", "mx", "dr", "lic", "licenciada", "licenciado"})


def _capitalised(token: _Token) -> bool:
    return token.raw[0].isupper() and token.raw[0].isalpha()


def _named_lawyer_end(tokens: Sequence[_Token], at: int) -> int | None:
    """The end of a named lawyer: "Attorney (Dana) Reyes", "Ms. Ortiz", "Jane Ortiz, Esq."
    (a firm's own page names its lawyers so; titles are looked at, never a bare name)."""
    word = tokens[at].word
    if word in _TITLES or word in _HONORIFICS:
        if not _capitalised(tokens[at]):
            return None  # "the attorney", "a lawyer": anyone's
        end = at + 1
        while end < len(tokens) and end - at <= 3 and _capitalised(tokens[end]):
            end += 1
        return end if end > at + 1 else None
    if not _capitalised(tokens[at]):
        return None
    for names in (1, 2, 3):  # "Jane (Q.) Ortiz, Esq."
        comma = at + names
        if comma + 1 >= len(tokens) or not _capitalised(tokens[comma - 1]):
            return None
        if tokens[comma].word == "," and tokens[comma + 1].word == "esq":
            return comma + 2
    return None


def _our_people_end(tokens: Sequence[_Token], at: int, *, clients: bool) -> int | None:
    """The end of "our (immigration) attorneys", "the firm('s team)", "our client"."""
    word = tokens[at].word
    nouns = _PEOPLE | _CLIENTS if clients else _PEOPLE
    for offset in range(1, 4):
        if at + offset >= len(tokens):
            break
        following = _possessive(tokens[at + offset].word)
        if following in nouns:
            if word in _THE and following not in ("firm", "firma", "bufete", "despacho"):
                return None  # "the attorneys" may be anyone's; "the firm" is this one
            end = at + offset + 1
            if tokens[at + offset].word.endswith("'s"):
                while end < len(tokens) and tokens[end].word in _PEOPLE | _CLIENTS:
                    end += 1
            return end
        if following == ",":
            break
    return None


def _subject_before(
    tokens: Sequence[_Token],
    index: int,
    firm: Firm,
    fillers: frozenset[str],
    *,
    clients: bool = False,
    pronouns: bool = False,
    gap: int = 0,
) -> int | None:
    """The start of a subject that ends right before ``index``, with only ``fillers``
    (and up to ``gap`` other words, and one comma-delimited aside) in between."""
    ends = _subject_ends(tokens, firm, clients=clients, pronouns=pronouns)
    end = index
    skipped = 0
    while end > 0 and index - end <= 20:
        if end in ends:
            return ends[end]
        previous = tokens[end - 1].word
        if previous == ",":
            if end - 1 in ends:  # "Example Immigration Law, which specializes in ..."
                return ends[end - 1]
            # an aside, which may hold commas of its own: "Our paralegals, who speak
            # Spanish, Mandarin and Creole, specialize in ..."
            for back in range(end - 2, max(-1, end - 18), -1):
                if tokens[back].word == "," and back in ends:
                    return ends[back]
            return None
        if previous in fillers:
            end -= 1
        elif skipped < gap and previous not in _BLOCKERS:
            skipped += 1
            end -= 1
        else:
            return None
    return None


def _subject_ends(
    tokens: Sequence[_Token], firm: Firm, *, clients: bool, pronouns: bool
) -> dict[int, int]:
    """Where each subject of the sentence ends (index after it), mapped to its start:
    computed once per sentence and kind of subject, so that looking back from each word
    costs a lookup, not a search."""
    cache = tokens.subject_ends if isinstance(tokens, _Sentence) else {}
    found = cache.get((clients, pronouns))
    if found is None:
        found = {}
        first = _first_words(firm)
        for start, token in enumerate(tokens):
            word = token.word
            if (
                word not in _SUBJECT_STARTS
                and (word[:-2] if word.endswith("'s") else word) not in first
                and not (pronouns and (word in ("she", "he") or _capitalised(token)))
            ):
                continue  # no subject starts here (the test of _subject_end, at once)
            end = _subject_end(tokens, start, firm, clients=clients, pronouns=pronouns)
            if end is not None and end not in found and _open_before(tokens, start):
                found[end] = start
        cache[(clients, pronouns)] = found
    return found


_SUBJECT_STARTS: Final = _FIRST_PERSON | _OUR | _GROUPS
"""The words a subject may start with, besides the firm's name and (with pronouns) "she",
"he" and a capitalised word: :func:`_subject_end` returns ``None`` at any other word."""


def _open_before(tokens: Sequence[_Token], start: int) -> bool:
    """Whether the clause is not conditional ("if we win ...")."""
    return start == 0 or tokens[start - 1].word not in ("if", "unless", "whether", "si")


_BLOCKERS: Final = frozenset(
    {
        "not",
        "never",
        "no",
        "cannot",
        "can't",
        "won't",
        "don't",
        "didn't",
        "doesn't",
        "haven't",
        "hasn't",
        "wouldn't",
        "couldn't",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "should",
        "must",
        "to",
        "if",
        ",",
        "\u2014",
        "\u2013",
    }
)

# -- results -----------------------------------------------------------------------------

_STRONG: Final = frozenset(
    {"won", "win", "wins", "prevailed", "prevail", "prevails", "recovered", "gana", "ganan"}
)
_WEAK: Final = frozenset(
    {
        "obtained",
        "obtains",
        "obtain",
        "secured",
        "secures",
        "secure",
        "recovers",
        "achieved",
        "achieves",
        "got",
        "reached",
        "reaches",
        "negotiated",
        "negotiates",
        "stopped",
        "stops",
        "halted",
        "blocked",
        "overturned",
        "reversed",
        "ganó",
        "obtuvo",
        "consiguió",
    }
)
_CLIENT_VERBS: Final = frozenset({"received", "receives", "granted", "awarded", "recibió"})
_OBJECTS: Final = frozenset(
    {
        "asylum",
        "asilo",
        "release",
        "relief",
        "approval",
        "green",
        "visa",
        "visas",
        "parole",
        "dismissal",
        "termination",
        "settlement",
        "settlements",
        "verdict",
        "verdicts",
        "judgment",
        "judgments",
        "judgement",
        "award",
        "awards",
        "damages",
        "acquittal",
        "victory",
        "victories",
        "win",
        "withholding",
        "cancellation",
        "citizenship",
        "status",
        "reversal",
        "wages",
        "back-wage",
        "back-wages",
        "back-pay",
        "compensation",
        "reinstatement",
        "deportation",
        "removal",
        "eviction",
        "residency",
        "residencia",
        "cancelación",
        "libertad",
        "injunction",
        "injunctions",
        "writ",
        "stay",
        "bond",
        "pardon",
        "waiver",
        "protection",
        "approvals",
        "million",
        "billion",
        "thousand",
    }
)
_HELP: Final = frozenset({"helped", "helps", "help", "ayudamos", "ayudó"})
_HELPED_VERBS: Final = frozenset(
    {"win", "obtain", "secure", "get", "keep", "recover", "won", "obtained", "avoid", "stop"}
)
_RESULT_FILLERS: Final = frozenset(
    {
        "have",
        "has",
        "had",
        "recently",
        "successfully",
        "also",
        "again",
        "just",
        "once",
        "finally",
        "proudly",
        "now",
        "today",
        "was",
        "were",
        "been",
        "already",
        "quickly",
        "ultimately",
        "together",
        "hemos",
        "ha",
        "han",
    }
)
_MONEY_RESULTS: Final = frozenset(
    {
        "win",
        "wins",
        "won",
        "settlement",
        "settlements",
        "verdict",
        "judgment",
        "judgement",
        "award",
        "awarded",
        "recovered",
        "recovery",
        "recovers",
        "secured",
        "secures",
        "obtained",
        "obtains",
    }
)
_MODALS: Final = frozenset(
    {"may", "can", "could", "might", "would", "should", "must", "to", "if", "up", "entitled"}
)
_TESTIMONIAL_NOT: Final = frozenset(
    {"evidence", "privilege", "statement", "statements", "hearsay", "proof", "nature"}
)
_LAWYER_NOUNS: Final = frozenset(
    {
        "lawyer",
        "lawyers",
        "attorney",
        "attorneys",
        "firm",
        "firms",
        "law",
        "representation",
        "counsel",
        "advocates",
        "abogado",
        "abogados",
        "bufete",
    }
)
_QUALITY_WORDS: Final = frozenset(
    {"unsurpassed", "unmatched", "unparalleled", "unrivaled", "unrivalled", "highest-rated"}
)
_RANKING: Final = frozenset({"#1", "no.1", "number-one"})


def _is_money(word: str) -> bool:
    return word.startswith("$") and any(ch.isdigit() for ch in word)


def _claim(text: str, tokens: Sequence[_Token], first: int, last: int, kind: str) -> Claim:
    start, end = tokens[first].start, tokens[last].end
    return Claim(start, end, text[start:end], kind)


_OBJECT_TAIL: Final = frozenset({"card", "cards", "million", "billion", "thousand", "dollars"})


def _object_end(tokens: Sequence[_Token], target: int) -> int:
    """The last token of the object starting at ``target`` ("$1.2 Million Judgment")."""
    end = target
    while end + 1 < len(tokens) and end - target < 3:
        following = tokens[end + 1].word
        if following in _OBJECTS or following in _OBJECT_TAIL or following.startswith("back-"):
            end += 1
        else:
            break
    return end


def _within(tokens: Sequence[_Token], start: int, stop: int, words: frozenset[str]) -> int | None:
    for index in range(max(start, 0), min(stop, len(tokens))):
        if tokens[index].word in words or (words is _OBJECTS and _is_money(tokens[index].word)):
            return index
    return None


_Span = tuple[int, int, str] | None
"""A claim found at a token: its first and last token and its kind, or nothing."""


_WE_VERBS: Final = frozenset({"ganamos", "obtuvimos", "logramos", "conseguimos"})
"""Spanish first-person plural results: the verb itself says "we"."""


def _verb_claim(tokens: Sequence[_Token], index: int, firm: Firm) -> _Span:
    """ "we won asylum", "the firm secures settlement", "our client received a green card",
    "ganamos el caso"."""
    word = tokens[index].word
    if word in _WE_VERBS and (not index or tokens[index - 1].word not in ("no", "si", "nunca")):
        target = _within(tokens, index + 1, index + 9, _OBJECTS)
        if word == "ganamos" or target is not None:
            last = _object_end(tokens, target) if target is not None else index
            return index, last, "result"
    firm_verb = word in _STRONG or word in _WEAK
    if not firm_verb and word not in _CLIENT_VERBS:
        return None
    start = _subject_before(tokens, index, firm, _RESULT_FILLERS, clients=not firm_verb)
    if start is None and firm_verb:
        start = _subject_before(tokens, index, firm, _RESULT_FILLERS, clients=True)
    if start is None and word in _STRONG:  # "she has won 300 cases" (a lawyer's page)
        start = _subject_before(tokens, index, firm, _RESULT_FILLERS, pronouns=True)
    if start is None:
        return None
    target = _within(tokens, index + 1, index + 9, _OBJECTS)
    if target is not None:
        return start, _object_end(tokens, target), "result"
    return (start, index, "result") if word in _STRONG else None


def _helped_claim(tokens: Sequence[_Token], index: int, firm: Firm) -> _Span:
    """ "we helped a family from Honduras obtain asylum"."""
    if tokens[index].word not in _HELP:
        return None
    start = _subject_before(tokens, index, firm, _RESULT_FILLERS)
    verb = _within(tokens, index + 1, index + 11, _HELPED_VERBS)
    if start is None or verb is None:
        return None
    target = _within(tokens, verb + 1, verb + 8, _OBJECTS)
    return start, _object_end(tokens, target) if target is not None else verb, "result"


def _never_lost_claim(tokens: Sequence[_Token], index: int, firm: Firm) -> _Span:
    if tokens[index].word != "lost" or not index or tokens[index - 1].word != "never":
        return None
    start = _subject_before(tokens, index - 1, firm, _RESULT_FILLERS)
    return (start, index, "result") if start is not None else None


def _money_claim(tokens: Sequence[_Token], index: int, firm: Firm) -> _Span:
    """ "$17.5K Back-Wage Win", "a $2 million settlement", not "may recover up to $500"."""
    if not _is_money(tokens[index].word):
        return None
    hit = _within(tokens, index - 6, index + 7, _MONEY_RESULTS)
    if hit is None:
        return None
    if any(tokens[i].word in _MODALS for i in range(max(0, min(hit, index) - 4), hit)):
        return None
    if hit < index and _organisation_did(tokens, hit):
        return None
    return min(index, hit), max(index, hit), "result"


_ORGANISATIONS: Final = frozenset(
    {
        "union",
        "unions",
        "coalition",
        "center",
        "centre",
        "council",
        "association",
        "alliance",
        "defenders",
        "project",
        "committee",
        "department",
        "agency",
        "clinic",
        "society",
        "federation",
        "network",
        "organization",
        "organisation",
        "nonprofit",
        "campaign",
        "sindicato",
        "coalición",
        "centro",
    }
)
"""Nouns that end another organisation's name: when one is the subject of a result verb
("the building workers' union secured a $2 million settlement"), the result is theirs."""


def _organisation_did(tokens: Sequence[_Token], verb: int) -> bool:
    """Whether the verb at ``verb`` has another organisation for subject (the firm as
    subject was read first, by :func:`_verb_claim`)."""
    if tokens[verb].word not in _STRONG and tokens[verb].word not in _WEAK:
        return False
    before = verb - 1
    while before >= 0 and verb - before <= 4 and tokens[before].word in _RESULT_FILLERS:
        before -= 1
    return before >= 0 and _possessive(tokens[before].word) in _ORGANISATIONS


_RATES: Final = frozenset({"success", "approval", "win", "winning", "grant", "acceptance"})


def _record_claim(tokens: Sequence[_Token], index: int, firm: Firm) -> _Span:
    """ "our track record", "the firm's success rate", "our attorneys have a 98% approval
    rate" (not an applicant's track record, not the national success rate)."""
    pair = (tokens[index].word, tokens[index + 1].word if index + 1 < len(tokens) else "")
    if pair != ("track", "record") and (pair[0] not in _RATES or pair[1] != "rate"):
        return None
    owner = _owner_before(tokens, index, firm)
    return (owner, index + 1, "result") if owner is not None else None


def _guarantee_claim(tokens: Sequence[_Token], index: int, firm: Firm) -> _Span:
    if tokens[index].word not in ("guarantee", "guarantees"):
        return None
    start = _subject_before(tokens, index, firm, _RESULT_FILLERS)
    return (start, index, "quality") if start is not None else None


def _testimonial_claim(tokens: Sequence[_Token], index: int, firm: Firm) -> _Span:
    """ "client testimonials", not "testimonial evidence"."""
    if tokens[index].word not in ("testimonial", "testimonials"):
        return None
    following = tokens[index + 1].word if index + 1 < len(tokens) else ""
    previous = tokens[index - 1].word if index else ""
    if following in _TESTIMONIAL_NOT or previous in ("non", "no"):
        return None
    return index, index, "testimonial"


_SUPERLATIVES: Final = frozenset({"best", "finest", "top", "leading", "award-winning", "most"})
_MOST: Final = frozenset({"experienced", "successful", "trusted", "respected"})


def _superlative_claim(tokens: Sequence[_Token], index: int, firm: Firm) -> _Span:
    """ "the best immigration lawyers", "a leading law firm", not "the best interests"."""
    word = tokens[index].word
    if word not in _SUPERLATIVES:
        return None
    if word == "most" and (index + 1 >= len(tokens) or tokens[index + 1].word not in _MOST):
        return None
    noun = _within(tokens, index + 1, index + 4, _LAWYER_NOUNS)
    if noun is None:
        return None
    if tokens[noun].word == "law" and (
        noun + 1 >= len(tokens) or tokens[noun + 1].word not in _LAWYER_NOUNS
    ):
        return None  # "the best law school"
    last = noun
    while last + 1 < len(tokens) and tokens[last + 1].word in _LAWYER_NOUNS:
        last += 1
    return index, last, "quality"


def _ranking_claim(tokens: Sequence[_Token], index: int, firm: Firm) -> _Span:
    """ "the #1 immigration firm", "ranked #1", not "the #1 train" or "Board #1"."""
    word = tokens[index].word
    number_one = word == "number" and index + 1 < len(tokens) and tokens[index + 1].word == "one"
    if word not in _RANKING and not number_one:
        return None
    after = index + (2 if number_one else 1)
    noun = _within(tokens, after, after + 3, _LAWYER_NOUNS)
    if noun is not None:
        return index, noun, "quality"
    if index and tokens[index - 1].word in ("ranked", "rated", "voted"):
        return index - 1, after - 1, "quality"
    return None


def _quality_claim(tokens: Sequence[_Token], index: int, firm: Firm) -> _Span:
    """ "unsurpassed", "better than other firms"."""
    word = tokens[index].word
    if word in _QUALITY_WORDS:
        return index, index, "quality"
    if word == "than" and index + 2 < len(tokens) and tokens[index + 1].word in ("other", "any"):
        noun = _within(tokens, index + 2, index + 4, _LAWYER_NOUNS)
        if noun is not None:
            return index, noun, "quality"
    return None


_DETECTORS: Final = (
    _verb_claim,
    _helped_claim,
    _never_lost_claim,
    _money_claim,
    _record_claim,
    _guarantee_claim,
    _testimonial_claim,
    _superlative_claim,
    _ranking_claim,
    _quality_claim,
)


_TRIGGERS: Final = (
    _STRONG
    | _WEAK
    | _WE_VERBS
    | _CLIENT_VERBS
    | _HELP
    | _SUPERLATIVES
    | _RANKING
    | _QUALITY_WORDS
    | {"lost", "track", "guarantee", "guarantees", "testimonial", "testimonials"}
    | _RATES
    | {"number", "than"}
)
"""The words at which some detector may find a claim (and money, "$..."): the others are
skipped at once."""


@functools.cache
def _trigger_words() -> re.Pattern[str]:
    """Where a trigger word (or money) may be: a sentence where this does not match the
    lower case has no token a detector reads, and is skipped before it is cut into tokens
    (a token that is a trigger is a match here, with word boundaries, as its word is the
    lower case). Compiled when first needed (2 ms): :func:`_trigger_hits` finds the same
    places with string methods, and needs it only for a text with unusual punctuation."""
    return re.compile(rf"(?<![\w$#]){_alternation(_TRIGGERS)}(?![\w$#])|\$")


# The same offsets found with C string methods, an order of magnitude faster than any
# regular expression that looks at every character: the lower case, as UTF-8, with every
# character that is not a word character made a space, split into pieces; the triggers
# whose first piece is among them are then looked up with str.find. A trigger token is
# bounded by characters that are not word characters, so it is one of the pieces (up to
# the joiners inside "award-winning", hence first pieces). Exact when every character that
# is not a word character becomes a space: all of ASCII's, and the common punctuation
# beyond it (_SPACED); a text with any other is read with _trigger_words().
_NOT_WORD_BYTES: Final = bytes(
    byte if _WORD_CHAR.match(chr(byte)) or byte >= 0x80 else 0x20 for byte in range(256)
)
_SPACED: Final = "\u2018\u2019\u201c\u201d\u00ab\u00bb\u2014\u2013\u2026\u00a0\u00bf\u00a1"
_OTHER_NOT_WORD: Final = re.compile(rf"[^\x00-\x7f\w$#{_SPACED}]")
_SPACED_BYTES: Final = tuple(char.encode() for char in _SPACED)


def _first_piece(word: str) -> bytes:
    return word.encode().translate(_NOT_WORD_BYTES).split()[0]


def _by_first_piece(words: Iterable[str]) -> dict[bytes, tuple[str, ...]]:
    """``words`` grouped by their first piece, each group sorted (one pass: comparing
    every piece with every word was 5,476 calls, 2 ms of every first check)."""
    groups: dict[bytes, list[str]] = {}
    for word in words:
        groups.setdefault(_first_piece(word), []).append(word)
    return {piece: tuple(sorted(group)) for piece, group in groups.items()}


_TRIGGERS_BY_PIECE: Final = _by_first_piece(_TRIGGERS)


_TRIGGER_PIECES: Final = frozenset(_TRIGGERS_BY_PIECE)


def _trigger_hits(whole: str) -> list[int]:
    """Where in the lower-cased ``whole`` a trigger word or money may start, in order: a
    superset of the starts of the tokens :func:`_sentence_results` reads."""
    if not whole.isascii() and _OTHER_NOT_WORD.search(whole):
        return [match.start() for match in _trigger_words().finditer(whole)]
    data = whole.encode()
    for spaced in _SPACED_BYTES:
        if spaced in data:
            data = data.replace(spaced, b" ")
    pieces = _TRIGGER_PIECES.intersection(data.translate(_NOT_WORD_BYTES).split())
    hits = []
    size = len(whole)
    for piece in pieces:
        for word in _TRIGGERS_BY_PIECE[piece]:
            at = whole.find(word)
            while at >= 0:
                end = at + len(word)
                if (not at or not _WORD_CHAR.match(whole, at - 1)) and (
                    end == size or not _WORD_CHAR.match(whole, end)
                ):
                    hits.append(at)
                at = whole.find(word, at + 1)
    at = whole.find("$")
    while at >= 0:
        hits.append(at)
        at = whole.find("$", at + 1)
    hits.sort()
    return hits


def _sentence_results(
    text: str, tokens: Sequence[_Token], firm: Firm, *, headline: bool
) -> Iterator[Claim]:
    for index, token in enumerate(tokens):
        if token.word not in _TRIGGERS and not token.word.startswith("$"):
            continue
        for detector in _DETECTORS:
            if headline and detector is _testimonial_claim:
                continue
            span = detector(tokens, index, firm)
            if span is None and headline and detector is _verb_claim:
                span = _headline_result(tokens, index)
            if span is not None:
                yield _claim(text, tokens, *span)
                break


_NOT_HEADLINE: Final = _MODALS | {"you", "after", "when", "how", "before", "until", "once"}


def _headline_result(tokens: Sequence[_Token], index: int) -> _Span:
    """A title's result with any subject: "Family Wins Asylum", "Mother Secures Release";
    not "What Happens After You Win Asylum" or "How to Win Asylum"."""
    if tokens[index].word not in _STRONG and tokens[index].word not in _WEAK:
        return None
    if any(tokens[i].word in _NOT_HEADLINE for i in range(max(0, index - 2), index)):
        return None
    target = _within(tokens, index + 1, index + 5, _OBJECTS)
    if target is None:
        return None
    return index, _object_end(tokens, target), "result"


def _owner_before(tokens: Sequence[_Token], index: int, firm: Firm) -> int | None:
    """The start of "our", "we have a", "the firm's" or the firm's name within six
    words before ``index`` ("our proven track record", "our attorneys have a 98%
    success rate")."""
    for start in range(max(0, index - 6), index):
        word = tokens[start].word
        if word in ("our", "nuestro", "nuestra"):
            return start
        end = _subject_end(tokens, start, firm)
        if end is not None and end <= index and _open_before(tokens, start):
            return start
    return None


_HEADING: Final = re.compile(r"(?m)^[ ]{0,3}#{1,6}[ \t]+([^\n]*)")
_HEADING_WORDS: Final = ("what our clients say", "what clients say", "client reviews")


def _headings(text: str) -> Iterator[Claim]:
    if "#" not in text:
        return
    lowered = lower_case(text)  # the words below are ASCII: a heading's lower case is in it
    if "testimonial" not in lowered and not any(phrase in lowered for phrase in _HEADING_WORDS):
        return
    for match in _HEADING.finditer(text):
        title = match.group(1).strip()
        words = [t.word for t in _tokens(title)]
        testimonial = any(
            word in ("testimonial", "testimonials")
            and (index + 1 >= len(words) or words[index + 1] not in _TESTIMONIAL_NOT)
            for index, word in enumerate(words)
        )
        if testimonial or any(phrase in title.lower() for phrase in _HEADING_WORDS):
            start = match.start(1)
            yield Claim(start, start + len(title), title, "testimonial")


# -- quoted clients ----------------------------------------------------------------------

_SPEECH: Final = frozenset(
    {
        "said",
        "says",
        "told",
        "tells",
        "writes",
        "wrote",
        "shared",
        "shares",
        "recalls",
        "recalled",
        "adds",
        "added",
        "explains",
        "explained",
        "dijo",
        "cuenta",
        "\u2014",
        "\u2013",
    }
)
_STAFF: Final = _PEOPLE | frozenset(
    {
        "director",
        "paralegal",
        "organizer",
        "spokesperson",
        "judge",
        "official",
        "commissioner",
        "executive",
        "professor",
        "senator",
        "mayor",
        "president",
        "founder",
    }
)
_OPENERS: Final = {"\u201c": "\u201d", '"': '"', "\u00ab": "\u00bb"}
_QUOTE_LIMIT: Final = 1200
_WINDOW: Final = 160


def _quote_spans(text: str) -> Iterator[tuple[int, int]]:
    """``(open, close)`` of each quotation: an opening mark to the next closing one,
    within :data:`_QUOTE_LIMIT` characters and one paragraph. Linear: each mark's
    positions are listed once and walked forward."""
    positions = {
        mark: [m.start() for m in re.finditer(re.escape(mark), text)]
        for mark in {*_OPENERS, *_OPENERS.values()}
        if mark in text
    }
    blank_lines = [m.start() for m in re.finditer(r"\n[ \t]*\n", text)]
    position = 0
    while True:
        candidates = []
        for mark in _OPENERS:
            found = positions.get(mark, [])
            at = bisect.bisect_left(found, position)
            if at < len(found):
                candidates.append((found[at], mark))
        if not candidates:
            return
        start, mark = min(candidates)
        closes = positions.get(_OPENERS[mark], [])
        at = bisect.bisect_right(closes, start)
        close = closes[at] if at < len(closes) else -1
        blank = bisect.bisect_left(blank_lines, start)
        if (
            close < 0
            or close - start > _QUOTE_LIMIT
            or (blank < len(blank_lines) and blank_lines[blank] < close)
        ):
            position = start + 1
            continue
        yield start, close
        position = close + 1


def _window_words(text: str) -> list[str]:
    """The words of a short text (sentence ends left out), lower-cased."""
    return [
        raw.lower().replace("\u2019", "'")
        for raw in _TOKEN.findall(text)
        if raw[0] not in ".!?;:\n"
    ]


def _speaker_is_client(words: Sequence[str]) -> bool:
    """Whether an attribution ("said Ana R., a client of the firm") names a client, and
    no lawyer or official before the word "client"."""
    if not any(word in _SPEECH for word in words):
        return False
    for word in words:
        if word in _STAFF:
            return False
        if word in _CLIENTS or word == "represented":
            return True
    return False


_QUOTED_SELF: Final = frozenset({"i", "my", "me", "i'm", "i've", "us", "our", "we"})
_QUOTED_LAWYERS: Final = frozenset(
    {"lawyer", "lawyers", "attorney", "attorneys", "firm", "abogado", "abogados", "abogada"}
)


def _about_the_lawyers(words: Sequence[str]) -> bool:
    return any(word in _QUOTED_LAWYERS for word in words)


def _speaker_is_other(words: Sequence[str]) -> bool:
    """An attribution with a speech verb that names no lawyer or official: the person the
    lawyers helped ("said Rafael, one of the workers")."""
    return any(word in _SPEECH for word in words) and not any(word in _STAFF for word in words)


_RELATIVES: Final = frozenset(
    {
        "mother",
        "father",
        "mom",
        "dad",
        "wife",
        "husband",
        "son",
        "daughter",
        "parent",
        "parents",
        "grandmother",
        "grandfather",
        "sister",
        "brother",
        "aunt",
        "uncle",
        "widow",
        "survivor",
        "family",
        "madre",
        "padre",
        "esposa",
        "esposo",
        "hija",
        "hijo",
    }
)
"""The person a story is about, named by family role ("said the mother"): a client."""
_AFFILIATION: Final = frozenset({"of", "with", "at", "from", "for", "de", "del"})
_INSIDERS: Final = frozenset({"firm", "our", "us", "we", "firma", "nuestra", "nuestro"})


def _speaker_is_relative(words: Sequence[str]) -> bool:
    """ "said the mother", "her husband said": the family the story is about."""
    if not any(word in _SPEECH for word in words) or any(word in _STAFF for word in words):
        return False
    return any(
        word in _RELATIVES and index and words[index - 1] in ("the", "her", "his", "their")
        for index, word in enumerate(words)
    )


def _speaker_is_outsider(words: Sequence[str], firm: Firm) -> bool:
    """ "said Rosa Díaz, director of the Queens Tenant Coalition": someone speaking for
    another organisation (a title or an organisation, then "of", "with", "at"), and
    nothing in the attribution ties them to the firm."""
    if not any(word in _SPEECH for word in words):
        return False
    if any(word in _INSIDERS or word in _CLIENTS for word in words):
        return False
    if any(_possessive(word) in _first_words(firm) for word in words):
        return False
    return any(
        (word in _STAFF or word in _ORGANISATIONS) and following in _AFFILIATION
        for word, following in itertools.pairwise(words)
    )


class _Quotation(NamedTuple):
    start: int
    close: int
    quoted: list[str]
    before: list[str]
    after: list[str]


def _quotations(text: str, *, shortest: int = 4) -> Iterator[_Quotation]:
    """Each quotation of ``shortest`` words or more, with the words of the paragraph
    around it that may attribute it."""
    if not any(mark in text for mark in _OPENERS):
        return
    spans = list(_quote_spans(text))
    for index, (start, close) in enumerate(spans):
        if text.count(" ", start, close) < shortest - 1:
            continue  # a word or two in quotation marks, not a quotation
        quoted = _window_words(text[start + 1 : close])
        if len(quoted) < shortest:
            continue  # a word in quotation marks, not a quotation
        # The windows stop at the neighbouring quotations, so no text is read twice.
        following = spans[index + 1][0] if index + 1 < len(spans) else len(text)
        previous = spans[index - 1][1] + 1 if index else 0
        after = text[close + 1 : min(close + 1 + _WINDOW, following)]
        cut = after.find("\n\n")
        after_words = _window_words(after[: cut if cut >= 0 else len(after)])
        before = text[max(previous, start - _WINDOW) : start]
        before = before[before.rfind("\n\n") + 1 :]
        before_words = _window_words(re.split(r"[.!?]\s", before)[-1])
        yield _Quotation(start, close, quoted, before_words, after_words)


def _outsiders(text: str, firm: Firm) -> list[tuple[int, int]]:
    """The quotations spoken for another organisation: "we won" in them is not the
    firm's result."""
    return [
        (q.start, q.close)
        for q in _quotations(text, shortest=1)
        if _speaker_is_outsider(q.after, firm) or _speaker_is_outsider(q.before, firm)
    ]


def _testimonials(text: str) -> Iterator[Claim]:
    for start, close, quoted, before_words, after_words in _quotations(text):
        first_person = any(word in _QUOTED_SELF for word in quoted)
        dash = bool(after_words) and after_words[0] in ("\u2014", "\u2013", "-")
        attribution = after_words  # up to _WINDOW characters, within the paragraph
        if (
            _speaker_is_client(attribution)
            or _speaker_is_client(before_words)
            or (dash and first_person)
            or (
                first_person
                and (_speaker_is_relative(attribution) or _speaker_is_relative(before_words))
            )
            or (first_person and _about_the_lawyers(quoted) and _speaker_is_other(attribution))
        ):
            yield Claim(start, close + 1, text[start : close + 1], "testimonial")


# -- entry points ------------------------------------------------------------------------


def _merge(claims: Iterable[Claim]) -> list[Claim]:
    merged: list[Claim] = []
    for claim in sorted(claims, key=lambda c: (c.start, -c.end)):
        if merged and claim.start < merged[-1].end:
            continue
        merged.append(claim)
    return merged


@functools.lru_cache(maxsize=4096)
def _sentence_claims(sentence: str, firm: Firm, headline: bool) -> tuple[tuple[int, int, str], ...]:
    """``(start, end, kind)`` of each claim :func:`_sentence_results` finds in one
    sentence, offsets in the sentence. The tokens, and so the claims, of a sentence depend
    on its text alone, so a sentence met again (a closing line every article repeats) is
    not read again."""
    return tuple(
        (claim.start, claim.end, claim.kind)
        for claim in _sentence_results(sentence, _cut(sentence), firm, headline=headline)
    )


def results_claims(text: str, firm: Firm, *, headline: bool = False) -> list[Claim]:
    """Claims of results, testimonials and quality in ``text``, in order, overlaps
    merged; ``firm`` is :func:`firm_subjects` of the firm's name. A ``headline`` (an
    article's title) also claims a result with anyone as subject ("A Mother and Her
    Children Win Protection"), and the word "Testimonials" there names the page, whose
    quotations are the claims; a result inside a quotation spoken for another
    organisation ("'We won,' said the coalition's director") is not the firm's."""
    found: list[Claim] = []
    outsiders = _outsiders(text, firm) if any(mark in text for mark in _OPENERS) else []
    opens = [start for start, _ in outsiders]  # in order, and not overlapping
    for begin, end in _candidate_spans(text, _trigger_hits):
        for first, last, kind in _sentence_claims(text[begin:end], firm, headline):
            claim = Claim(begin + first, begin + last, text[begin + first : begin + last], kind)
            at = bisect.bisect_left(opens, claim.start) - 1
            if claim.kind == "result" and at >= 0 and claim.start < outsiders[at][1]:
                continue  # said for another organisation
            found.append(claim)
    found.extend(_headings(text))
    found.extend(_testimonials(text))
    return _merge(found)


_NEGATIONS: Final = frozenset({"not", "no", "never", "cannot", "can't", "nor", "without"})


def phrase_claims(text: str, pattern: re.Pattern[str] | None) -> list[Claim]:
    """Matches of the configured phrases, except where a negation comes just before
    ("we never promise guaranteed results")."""
    if pattern is None:
        return []
    found = []
    for match in pattern.finditer(text):
        before = [t.word for t in _tokens(text[max(0, match.start() - 40) : match.start()])]
        if not _NEGATIONS.intersection(before[-4:]) and not any(
            w.endswith("n't") for w in before[-4:]
        ):
            found.append(Claim(match.start(), match.end(), match.group(0), "result"))
    return found


_SPECIALIZE: Final = frozenset(
    {
        "specialize",
        "specializes",
        "specialise",
        "specialises",
        "specializing",
        "specialising",
        "especializa",
        "especializan",
        "especializamos",
    }
)
_SPECIALIZED: Final = frozenset(
    {
        "specialized",
        "specialised",
        "especializado",
        "especializados",
        "especializada",
        "especializadas",
    }
)
_SPECIALISTS: Final = frozenset({"specialist", "specialists", "especialista", "especialistas"})
_COPULAS: Final = frozenset(
    {"is", "are", "am", "we're", "es", "son", "somos", "soy", "está", "están", "estamos"}
)
_SPECIALIST_FILLERS: Final = frozenset(
    {
        "is",
        "are",
        "am",
        "has",
        "have",
        "had",
        "been",
        "also",
        "only",
        "exclusively",
        "primarily",
        "mainly",
        "largely",
        "solely",
        "proudly",
        "truly",
        "now",
        "still",
        "always",
        "long",
        "that",
        "who",
        "which",
        "a",
        "an",
        "boutique",
        "small",
        "firm",
        "practice",
        "team",
        "law",
        "immigration",
        "legal",
        "se",
        "que",
        "es",
        "son",
        "una",
        "un",
        "está",
        "están",
    }
)
_AT: Final = frozenset({"at", "with", "from", "of", "en", "de"})


def _specialist_sentence(text: str, tokens: Sequence[_Token], firm: Firm) -> Iterator[Claim]:
    for index, token in enumerate(tokens):
        word = token.word
        nxt = tokens[index + 1].word if index + 1 < len(tokens) else ""
        if word == "especializamos" and index and tokens[index - 1].word == "nos":
            yield _claim(text, tokens, index - 1, index, "specialist")
            continue
        if word == "especializamos" or (word in ("somos", "estamos") and _ahead(tokens, index)):
            yield _claim(text, tokens, index, _ahead(tokens, index) or index, "specialist")
            continue
        if word in _SPECIALIZE or (word in _SPECIALIZED and nxt in ("in", "en")):
            start = _subject_before(tokens, index, firm, _SPECIALIST_FILLERS, pronouns=True)
            if start is not None:
                yield _claim(text, tokens, start, index, "specialist")
            continue
        if word in _SPECIALISTS and _job_title(tokens, index):
            continue  # "our intake specialist", "la especialista en admisiones": a post
        if word in _SPECIALISTS or word in _SPECIALIZED:
            start = _subject_before(tokens, index, firm, _SPECIALIST_FILLERS, gap=3, pronouns=True)
            if start is not None and _copula_between(tokens, start, index):
                yield _claim(text, tokens, start, index, "specialist")
                continue
            if word in _SPECIALIZED:
                continue
            owner = _our_before(tokens, index, firm)
            if owner is not None:
                yield _claim(text, tokens, owner, index, "specialist")
                continue
            if nxt in _AT and index + 2 < len(tokens):
                end = _subject_end(tokens, index + 2, firm)
                if end is not None and tokens[index + 2].word not in _FIRST_PERSON:
                    yield _claim(text, tokens, index, end - 1, "specialist")


_JOBS: Final = frozenset(
    {
        "intake",
        "paralegal",
        "benefits",
        "admissions",
        "enrollment",
        "billing",
        "payroll",
        "records",
        "outreach",
        "communications",
        "marketing",
        "hr",
        "it",
        "technology",
        "support",
        "office",
        "accounts",
        "scheduling",
        "reception",
        "client-services",
        "translation",
        "admisiones",
        "recepción",
        "facturación",
    }
)
"""Job functions: before "specialist" (or after "especialista en") they make a staff post,
not a claim about a field of law ("our intake specialist" is a post, "our asylum
specialists" a claim)."""


def _job_title(tokens: Sequence[_Token], index: int) -> bool:
    if index and tokens[index - 1].word in _JOBS:
        return True
    return (
        index + 2 < len(tokens)
        and tokens[index + 1].word in ("en", "de")
        and tokens[index + 2].word in _JOBS
    )


def _ahead(tokens: Sequence[_Token], index: int) -> int | None:
    for offset in range(1, 5):
        if index + offset < len(tokens) and tokens[index + offset].word in (
            _SPECIALISTS | _SPECIALIZED
        ):
            return index + offset
    return None


def _copula_between(tokens: Sequence[_Token], start: int, index: int) -> bool:
    return (
        any(tokens[i].word in _COPULAS for i in range(start, index))
        or tokens[start].word == "we're"
    )


def _our_before(tokens: Sequence[_Token], index: int, firm: Firm) -> int | None:
    """ "our (immigration) specialists", "the firm's specialists", "<Firm>'s specialists",
    "our team of (immigration) specialists"."""
    team = _team_of_before(tokens, index, firm)
    if team is not None:
        return team
    for start in range(max(0, index - 3), index):
        word = tokens[start].word
        if any(t.word == "," for t in tokens[start:index]):
            continue
        if word in ("our", "nuestros", "nuestras", "nuestro", "nuestra"):
            return start
        if word.endswith("'s"):
            for begin in range(max(0, start - 4), start + 1):
                if _subject_end(tokens, begin, firm) == start + 1:
                    return begin
    return None


def _team_of_before(tokens: Sequence[_Token], index: int, firm: Firm) -> int | None:
    """The start of "our team of" / "the firm's group of" up to three words before
    ``index``."""
    for of in range(index - 1, max(0, index - 4), -1):
        if tokens[of].word in ("of", "de"):
            ends = _subject_ends(tokens, firm, clients=False, pronouns=False)
            start = ends.get(of)
            if start is not None and tokens[start].word not in _FIRST_PERSON:
                return start
            return None
        if tokens[of].word == ",":
            return None
    return None


_SPECIALI: Final = re.compile("speciali")
"""In every word :func:`_specialist_sentence` reads: a sentence without it is skipped."""


def _speciali_hits(whole: str) -> list[int]:
    return [match.start() for match in _SPECIALI.finditer(whole)]


assert all("speciali" in word for word in _SPECIALIZE | _SPECIALIZED | _SPECIALISTS)


def specialist_claims(text: str, firm: Firm) -> list[Claim]:
    """Claims in ``text`` that the firm or its lawyers are specialists or specialize, in
    English or Spanish; the adjective ("specialized courts") is not one."""
    lowered = lower_case(text)
    if "speciali" not in lowered and "especiali" not in lowered:
        return []
    found: list[Claim] = []
    for sentence in _sentences(text, _speciali_hits):
        found.extend(_specialist_sentence(text, sentence, firm))
    return _merge(found)
