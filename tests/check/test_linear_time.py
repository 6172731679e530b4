"""Linear time and bounded memory on hostile content (issue 13, item 2).

Every pattern that reads content is timed on worst-case input of 10 KB, 100 KB and 1 MB,
and the whole check on a worst-case file of each rule family at 10 KB and 100 KB. The
assertions are on growth, never on absolute times: ten times the input may take at most
:data:`MAX_GROWTH` times as long (linear is 10; the quadratic cases this suite was built
from grew by 100 at every step). The margin is wide because a megabyte of Python objects
leaves the processor's caches: on a busy machine a linear reader's 1 MB step has measured
up to 55 times its 100 KB step. Timings are the best of a few runs, so that a loaded machine slows a
measurement down but cannot make it grow. Peak memory is measured with ``tracemalloc``
at 1 MB and held to a few bytes per input character.

The figures (printed at the end of the run) are in ``docs/security.md``; the 1 MB
whole-check figures come from ``benchmarks/bench_hostile.py``.
"""

from __future__ import annotations

import collections
import contextlib
import itertools
import re
import time
import tracemalloc
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pozo_site import _locate
from pozo_site import _phone_finder as phone_finder
from pozo_site._frontmatter import FrontMatterError, split_front_matter
from pozo_site._text import clean_single_line
from pozo_site.check import _suppress, check_paths
from pozo_site.check._rules import _markdown, accessibility, compliance, phone
from tests.adversarial import record
from tests.check.conftest import config

SIZES = (10_000, 100_000, 1_000_000)
MAX_GROWTH = 60
"""Largest allowed ratio of the times at ten times the input size."""
MAX_BYTES_PER_CHAR = 100
"""Largest allowed peak memory per input character (the text itself not counted)."""


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda n: unit * max(1, n // len(unit))


def _drain(items: Iterable[Any]) -> None:
    collections.deque(items, maxlen=0)


def _finditer(pattern: re.Pattern[str]) -> Callable[[str], None]:
    return lambda text: _drain(pattern.finditer(text))


def _toml_keys(n: int) -> str:
    return "".join(f'"\u043a\u043b\u044e\u0447{i}" = 1\n' for i in range(n // 12))


def _toml_spaced_keys(n: int) -> str:
    return "".join(f'"a b{i}" = 1\n' for i in range(n // 12))


def _json_keys(n: int) -> str:
    return "{" + ",".join(f'"\u043a\u043b\u044e\u0447{i}":1' for i in range(n // 10)) + "}"


def _index(kind: str) -> Callable[[str], None]:
    def run(text: str) -> None:
        _locate._key_index.cache_clear()  # a cached index would take no time at all
        _locate._key_index(text, kind)

    return run


def _locate_keys(kind: str) -> Callable[[str], None]:
    def run(text: str) -> None:
        _locate._key_index.cache_clear()
        for i in range(0, len(text) // 12, 7):
            _locate.find_key_in_text(text, (f"\u043a\u043b\u044e\u0447{i}",), kind)
            _locate.find_key_in_text(text, (f"a b{i}",), kind)

    return run


def _split(text: str) -> None:
    with contextlib.suppress(FrontMatterError):
        split_front_matter(text)


_PHRASES = compliance._phrases(("expert", "best immigration lawyer"))
assert _PHRASES is not None

# (name, function of the text, maker of an n-character worst case)
PATTERN_CASES: list[tuple[str, Callable[[str], Any], Callable[[int], str]]] = [
    (
        "link target: ]( and blanks",
        lambda t: _drain(_markdown._matches(_markdown._LINK_TARGET, 1)(t)),
        lambda n: "](" + " " * n + "x",
    ),
    (
        'link target: ](x "',
        lambda t: _drain(_markdown._matches(_markdown._LINK_TARGET, 1)(t)),
        _repeat('](x "'),
    ),
    (
        "link target: ](a](b)",
        lambda t: _drain(_markdown._matches(_markdown._LINK_TARGET, 1)(t)),
        _repeat("](a](b)"),
    ),
    (
        "link target: ](<",
        lambda t: _drain(_markdown._matches(_markdown._LINK_TARGET, 1)(t)),
        _repeat("](<"),
    ),
    (
        "link target: ](a(",
        lambda t: _drain(_markdown._matches(_markdown._LINK_TARGET, 1)(t)),
        _repeat("](a("),
    ),
    ("comments: <!--", lambda t: _drain(_markdown._comments(t)), _repeat("<!--")),
    ("code spans: `", lambda t: _drain(_markdown._code_spans(t)), _repeat("`")),
    ("code spans: `` `", lambda t: _drain(_markdown._code_spans(t)), _repeat("`` ` ")),
    (
        "references",
        lambda t: _drain(_markdown._matches(_markdown._REFERENCE, 1)(t)),
        _repeat("\n[x]: <"),
    ),
    ('attributes: href="', _finditer(_markdown._ATTRIBUTE), _repeat('href="')),
    ("attributes: src='a", _finditer(_markdown._ATTRIBUTE), _repeat("src='a ")),
    ("URLs: https://", _finditer(_markdown._URL), _repeat("https://")),
    ("URLs: a.", _finditer(_markdown._URL), _repeat("a.")),
    ("setext underlines: -", _markdown._may_underline, _repeat("-\n \n")),
    ("setext underlines: a -", _markdown._may_underline, _repeat(" \n\n" + "a" * 50 + " -")),
    ("brackets: [", _markdown._defuse_brackets, _repeat("[")),
    ("brackets: ![", _markdown._defuse_brackets, _repeat("![")),
    ("<img unclosed", _finditer(accessibility._IMG), _repeat("<img")),
    ("<img alt=", accessibility._ALT.search, _repeat(" alt= ")),
    ("phone candidates: digits", lambda t: _drain(phone_finder._candidates(t)), _repeat("1")),
    ("phone candidates: 1 ", lambda t: _drain(phone_finder._candidates(t)), _repeat("1 ")),
    ("phone candidates: (212) ", lambda t: _drain(phone_finder._candidates(t)), _repeat("(212) ")),
    ("vanity: 1-88-", _finditer(phone_finder._VANITY), _repeat("1-88-")),
    ("vanity: digits", _finditer(phone_finder._VANITY), _repeat("1")),
    ("NANP shape: 212-555-", _finditer(phone_finder._NANP_SHAPE), _repeat("212-555-")),
    ("soft line breaks", phone._join_lines, _repeat("1\n")),
    ("soft line breaks: \\n\\n", phone._join_lines, _repeat("\n\n")),
    ("TOML keys, non-ASCII", _index("toml"), _toml_keys),
    ("TOML key search, quoted", _locate_keys("toml"), _toml_spaced_keys),
    ("JSON keys, non-ASCII", _index("json"), _json_keys),
    (
        "suppression codes: <!--",
        _finditer(_suppress._HTML),
        lambda n: "<!-- pozo-site: ignore" + " A" * (n // 2),
    ),
    (
        "suppression codes: #",
        _finditer(_suppress._HASH),
        lambda n: "# pozo-site: ignore" + " A" * (n // 2),
    ),
    ("compliance phrases", _finditer(_PHRASES), _repeat("best immigration ")),
    ("front matter close", _split, lambda n: "---\n" + "--- x\n" * (n // 6)),
    ("single-line text", clean_single_line, _repeat(" \n\t\x00")),
]


def _best_time(function: Callable[[str], Any], text: str, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        function(text)
        best = min(best, time.perf_counter() - started)
    return best


def _peak_bytes(function: Callable[[], Any]) -> int:
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _growth(times: list[float]) -> list[float]:
    # Below 0.2 ms a timer tick and a cache miss are the whole measurement: such a step
    # cannot show growth, so it is held to the bound at 0.2 ms.
    return [high / max(low, 2e-4) for low, high in itertools.pairwise(times)]


def _assert_linear(name: str, measure: Callable[[], list[float]]) -> list[float]:
    """``measure()``'s times, asserted to grow linearly. A step over the bound is measured
    again (up to three times in all): a busy machine slows one measurement, while a
    quadratic reader is slow every time."""
    for _ in range(3):
        times = measure()
        if max(_growth(times)) <= MAX_GROWTH:
            return times
    steps = ", ".join(f"{t * 1e3:.2f} ms" for t in times)
    raise AssertionError(f"{name}: at {', '.join(f'{n:,}' for n in SIZES)} chars: {steps}")


@pytest.mark.parametrize(
    ("name", "function", "make"), PATTERN_CASES, ids=[c[0] for c in PATTERN_CASES]
)
def test_each_pattern_grows_linearly(
    name: str, function: Callable[[str], Any], make: Callable[[int], str]
) -> None:
    texts = [make(size) for size in SIZES]
    times = _assert_linear(
        name,
        lambda: [_best_time(function, t, runs) for t, runs in zip(texts, (3, 2, 1), strict=True)],
    )
    middle = texts[1]
    peak = _peak_bytes(lambda: function(middle))
    assert peak <= MAX_BYTES_PER_CHAR * len(middle), f"{name}: {peak / 1e6:.1f} MB at 100 KB"
    record("linear time: patterns", seconds=times[-1], case=f"{name}, 1 MB")
    record("linear time: patterns", 0, peak_bytes=peak, case=f"{name}, 100 KB")


FRONT = "---\ntitle: T\ndate: 2024-01-01\n---\n"


def _article(unit: str) -> Callable[[int], dict[str, str]]:
    return lambda n: {"a.md": FRONT + unit * (n // len(unit))}


def _firm(name: str, make: Callable[[int], str]) -> Callable[[int], dict[str, str]]:
    return lambda n: {name: "name = 'x'\n" + make(n) if name.endswith(".toml") else make(n)}


# A worst case of each rule family, whole check (benchmarks/bench_hostile.py has more, at 1 MB).
CHECK_CASES: list[tuple[str, Callable[[int], dict[str, str]]]] = [
    (
        "F: front matter of many keys",
        lambda n: {"a.md": FRONT[:-4] + "".join(f"k{i}: 1\n" for i in range(n // 8)) + "---\n"},
    ),
    ("S: TOML firm, non-ASCII keys", _firm("firm.toml", _toml_keys)),
    ("P: a line of digits", _article("1")),
    ("L: ]( and blanks", lambda n: {"a.md": FRONT + "](" + " " * n + "x"}),
    ("D: dates", _article("2024-01-01 ")),
    ("A: unclosed <img", _article("<img")),
    ("C: compliance words", _article("specialist best ")),
]


def _check_time(folder: Path) -> float:
    phone_finder._window_matches.cache_clear()  # every run starts cold, as a new file would
    started = time.perf_counter()
    check_paths([folder], config())
    return time.perf_counter() - started


@pytest.mark.parametrize(("name", "make"), CHECK_CASES, ids=[c[0] for c in CHECK_CASES])
def test_the_whole_check_grows_linearly(
    tmp_path: Path, name: str, make: Callable[[int], dict[str, str]]
) -> None:
    folders = []
    for size in SIZES[:2]:
        folder = tmp_path / str(size)
        folder.mkdir()
        for file, text in make(size).items():
            (folder / file).write_text(text, "utf-8")
        folders.append(folder)

    def measure() -> list[float]:
        small, large = folders
        return [min(_check_time(small) for _ in range(2)), _check_time(large)]

    times = _assert_linear(name, measure)
    record("linear time: whole check", seconds=times[-1], case=f"{name}, 100 KB")


# The hand-written readers find what the patterns they replace found.

_OLD_LINK_TARGET = re.compile(
    r"\](\([ \t]*(?!<?tel:)(?:<[^<>\n]*>|(?:[^\s()]|\([^\s()]*\))*)"
    r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'))?[ \t]*\))",
    re.IGNORECASE,
)
_PIECES = st.sampled_from(
    ["](", "]", "(", ")", " ", "\t", "\n", "x", "<", ">", '"', "'", "tel:", "<tel:"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=25).map("".join))
def test_link_targets_are_those_the_old_pattern_found(text: str) -> None:
    expected = [(m.start(1), m.end(1)) for m in _OLD_LINK_TARGET.finditer(text)]
    assert list(_markdown._matches(_markdown._LINK_TARGET, 1)(text)) == expected


_OLD_CANDIDATE = re.compile(r"\d(?:[^\w,]{0,3}\d){6,}")


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["1", "2", " ", "-", "(", ")", ",", "a", ".", "  ", "\u0663"]), max_size=30
    ).map("".join)
)
def test_phone_candidates_are_those_the_old_pattern_found(text: str) -> None:
    expected = [(m.start(), m.end()) for m in _OLD_CANDIDATE.finditer(text)]
    assert list(phone_finder._candidates(text)) == expected


_OLD_VANITY = re.compile(r"(?<![\w+\-.])\+?\d[0-9A-Za-z]*(?:[-.][0-9A-Za-z]+){1,6}(?![\w-]|\.\w)")


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["1", "8", "+", "-", ".", "A", "VISA", "_", " ", "\u0663", "\xe9", "(", "\n"]
        ),
        max_size=30,
    ).map("".join)
)
def test_vanity_candidates_are_those_the_old_pattern_found(text: str) -> None:
    expected = [m.span() for m in _OLD_VANITY.finditer(text)]
    assert [m.span() for m in phone_finder._VANITY.finditer(text)] == expected


_OLD_HTML = re.compile(
    r"<!--\s*pozo-site:\s*(?P<kind>ignore-file|ignore)(?P<codes>(?:[\s,]+[A-Za-z0-9]+)*)[\s,]*-->"
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["<!--", "-->", " ", ",", "pozo-site:", "ignore", "-file", "P001", "x"]),
        max_size=12,
    ).map("".join)
)
def test_suppression_comments_are_those_the_old_pattern_found(text: str) -> None:
    def codes(match: re.Match[str]) -> frozenset[str]:
        return _suppress._codes(match.group("codes") or "")

    expected = [(m.span(), m["kind"], codes(m)) for m in _OLD_HTML.finditer(text)]
    assert [(m.span(), m["kind"], codes(m)) for m in _suppress._HTML.finditer(text)] == expected


def test_unclosed_brackets_do_not_change_the_links_found(tmp_path: Path) -> None:
    body = "[[ see [the guide](guide.md) and ![a map](map.png) [x] [ [unclosed\n\n[y](y.md) ["
    (tmp_path / "a.md").write_text(FRONT + body, "utf-8")
    from pozo_site.check._load import parse_article, read_source

    source = read_source(tmp_path / "a.md", "a.md", 10_000)
    doc = parse_article(source)  # type: ignore[arg-type]
    facts = _markdown.markdown_facts(doc)  # type: ignore[arg-type]
    assert [link.href for link in facts.links] == ["guide.md", "y.md"]
    assert [(image.src, image.alt) for image in facts.images] == [("map.png", "a map")]


def _front(body: str, extra: str = "") -> str:
    return f"---\ntitle: T\nslug: t\ndate: 2024-01-01\n{extra}---\n{body}"


# -- hostile sizes: time stays linear --------------------------------------------------------


def test_many_unknown_keys_are_located_in_linear_time(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    keys = 20_000  # about 200 KB: well under max-file-bytes
    write("articles/a.md", "---\n" + "".join(f"k{i}: v\n" for i in range(keys)) + "---\n")
    result = check_paths([Path(".")], config())
    unknown = [f for f in result.findings if "unknown key" in f.message]
    assert len(unknown) == keys
    assert (unknown[0].line, unknown[-1].line) == (2, keys + 1)


@pytest.mark.parametrize(
    "body",
    [
        "Call 212-555-0100 or 212.201.9031.\n" * 8_000,  # thousands of numbers
        "](" * 60_000,  # link-target openers that never close
        "<!--" * 60_000,  # comment openers that never close
        "".join("`" * n + " x " for n in range(1, 1000)),  # backtick runs that never pair
        "[" * 50_000 + "*" * 50_000,
    ],
    ids=["numbers", "link-openers", "comment-openers", "backtick-runs", "brackets"],
)
def test_pathological_bodies_are_checked(
    write: Callable[..., Path], in_tmp: Path, body: str
) -> None:
    """Each body is read to the end as one file with no file-level failure. How the time
    grows with such input is measured by the linear-time suite (growth ratios), not here:
    a wall-clock bound fails on a loaded machine."""
    write("articles/a.md", _front(body))
    result = check_paths([Path(".")], config())
    assert result.files_checked == 1
    assert [f for f in result.findings if f.code.startswith("F")] == []


@pytest.mark.parametrize("name", ["firm.toml", "firm.json"])
def test_many_unknown_keys_in_a_toml_or_json_firm_file_are_located(
    write: Callable[..., Path], in_tmp: Path, name: str
) -> None:
    keys = 20_000
    if name.endswith(".toml"):
        text = "".join(f"k{i} = 1\n" for i in range(keys))
    else:
        text = "{\n" + ",\n".join(f'"k{i}": 1' for i in range(keys)) + "\n}\n"
    write(name, text)
    result = check_paths([Path(".")], config())
    lines = [f.line for f in result.findings if "k19999" in f.message]
    assert lines == [keys + (1 if name.endswith(".toml") else 2) - 1]


_NAMES = st.sampled_from(["a", "b", "name", "phone-1", "x_y"])


@settings(max_examples=400, deadline=None)
@given(
    text=st.lists(
        st.one_of(_NAMES, st.sampled_from([" ", "\n", "=", ".", "[", "]", '"', ":", ",", "{"])),
        max_size=30,
    ).map("".join),
    name=_NAMES,
    kind=st.sampled_from(["toml", "json"]),
    search_from=st.integers(0, 12),
)
def test_the_key_index_finds_what_a_search_for_the_key_finds(
    text: str, name: str, kind: str, search_from: int
) -> None:
    escaped = re.escape(name)
    if kind == "json":
        pattern = rf'(?P<k>"{escaped}")\s*:'
    else:
        pattern = rf"(?m)(?:^|[.\[\s{{,])(?P<k>[\"']?{escaped}[\"']?)\s*(?:=|\]|\.)"
    match = re.compile(pattern).search(text, search_from)
    expected = (match.start("k"), match.end("k")) if match else None
    assert _locate._find_key(text, name, kind, search_from) == expected
