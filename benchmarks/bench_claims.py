"""The claim rules C002 and C003 per article: main's readers against this tree's.

Run by hand: ``python benchmarks/bench_claims.py [N] [--ref REF] [--folder DIR] [--profile]``.

It writes ``N`` generated articles (default 400, :func:`generate.build_site`), parses
each once and computes its prose view (the Markdown parse, shared with other rules, is
not counted), then times the compliance checker (``_check_article``: C002 and C003) over
all of them with two implementations side by side in one process: the claim readers and
compliance module of git ``REF`` (default ``main``), loaded into temporary modules, and
this tree's. Rounds alternate between the two; the medians per article and their ratio
are printed, and the findings of both are compared (they must be equal). Each round
starts cold: what this tree's readers remember of sentences met before is forgotten, so
the figure is what a first run over these articles costs. ``--profile``
prints a cProfile of this tree's checker instead; ``--folder DIR`` reads the firm.yaml
and articles/*.md of DIR instead of generating (``tests/check/corpus`` is prose with
many claims).
"""

from __future__ import annotations

import cProfile
import dataclasses
import datetime as dt
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
import types
from collections.abc import Callable, Iterable
from pathlib import Path

from pozo_site.check import Config
from pozo_site.check._finding import Finding
from pozo_site.check._load import parse_article, parse_firm_doc, read_source
from pozo_site.check._rules import _claims, compliance
from pozo_site.check._rules._base import Context
from pozo_site.check._rules._markdown import prose_body
from pozo_site.check._source import ArticleDoc

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import build_site  # the benchmarks folder is not a package

ROOT = Path(__file__).resolve().parents[1]
CLAIMS = "src/pozo_site/check/_rules/_claims.py"
COMPLIANCE = "src/pozo_site/check/_rules/compliance.py"
ROUNDS = 7

Check = Callable[[ArticleDoc, Context], Iterable[Finding]]


def _module(name: str, source: str) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__file__ = f"<{name}>"
    sys.modules[name] = module  # dataclasses look their module up by name
    exec(compile(source, f"<{name}>", "exec"), module.__dict__)
    return module


def reference_check(ref: str) -> Check:
    """``_check_article`` of git ``ref``, with that revision's own claim readers."""

    def show(path: str) -> str:
        return subprocess.run(
            ["git", "show", f"{ref}:{path}"],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    _module("_bench_reference_claims", show(CLAIMS))
    source = show(COMPLIANCE).replace(
        "from pozo_site.check._rules._claims import", "from _bench_reference_claims import"
    )
    return _module("_bench_reference_compliance", source)._check_article  # type: ignore[no-any-return]


def load(folder: Path) -> tuple[list[ArticleDoc], Context]:
    """The parsed articles of ``folder`` (prose view computed) and a check context."""
    firm_source = read_source(folder / "firm.yaml", "firm.yaml", 1 << 20)
    assert not isinstance(firm_source, Finding)
    firm = parse_firm_doc(firm_source)
    assert not isinstance(firm, Finding)
    docs = []
    for path in sorted((folder / "articles").glob("*.md")):
        source = read_source(path, path.name, 1 << 20)
        assert not isinstance(source, Finding)
        doc = parse_article(source)
        assert isinstance(doc, ArticleDoc)
        prose_body(doc)
        docs.append(doc)
    config = Config()
    today = config.today or dt.date(2025, 1, 1)
    return docs, Context(config=config, firm=firm, root=folder, today=today)


def run(check: Check, docs: list[ArticleDoc], context: Context) -> list[Finding]:
    found: list[Finding] = []
    for doc in docs:
        found.extend(check(doc, context))
    return found


def cold() -> None:
    """Forget what this tree's readers remember of texts they read (sentences met
    before), so that each round reads the articles as a first run does."""
    _claims._sentence_claims.cache_clear()
    _claims.lower_case.cache_clear()  # type: ignore[attr-defined]


def timed(check: Check, docs: list[ArticleDoc], context: Context) -> float:
    cold()
    start = time.perf_counter()
    run(check, docs, context)
    return (time.perf_counter() - start) / len(docs)


def main(argv: list[str]) -> int:
    count = int(argv[0]) if argv and argv[0].isdigit() else 400
    ref = argv[argv.index("--ref") + 1] if "--ref" in argv else "main"
    if "--folder" in argv:  # a content folder of one's own (firm.yaml, articles/*.md)
        docs, context = load(Path(argv[argv.index("--folder") + 1]))
        count = len(docs)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            docs, context = load(build_site(Path(tmp) / "site", count))
    current: Check = compliance._check_article
    if "--profile" in argv:
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(3):
            run(current, docs, context)
        profile.disable()
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)
        return 0
    reference = reference_check(ref)
    old, new = run(reference, docs, context), run(current, docs, context)
    same = [dataclasses.astuple(f) for f in old] == [dataclasses.astuple(f) for f in new]
    before: list[float] = []
    after: list[float] = []
    for _ in range(ROUNDS):
        before.append(timed(reference, docs, context))
        after.append(timed(current, docs, context))
    b, a = statistics.median(before), statistics.median(after)
    print(f"{count} articles, {len(old)} C002/C003 findings, same findings: {same}")
    print(f"C002+C003 per article, {ref}: {b * 1e3:.3f} ms")
    print(f"C002+C003 per article, this tree: {a * 1e3:.3f} ms")
    print(f"speed-up: {b / a:.1f}x (median of {ROUNDS} alternating rounds)")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
