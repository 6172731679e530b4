"""Benchmark: ``check_paths`` on a generated content folder of about 200 articles.

Run by hand (never part of the test suite): ``python benchmarks/bench_check.py [N]``.
It writes a firm profile and N articles (default 200; each about 4 KB, with the firm's
numbers in several forms, links between articles, images and headings) to a temporary
folder, then times:

- the first run in a fresh process state (import done, phone parse cache cold);
- repeated runs of the whole folder (cache warm), median of several;
- one named file, as a pre-commit hook passes it (the whole folder is still read for
  slugs and links), median of several;
- ``fix_paths(..., write=False)`` on the whole folder (the ``--diff`` path);
- a baseline run side by side with the repeated runs (interleaved, so machine noise hits
  both alike): the parsing any checker of such a folder must do — read every file, split
  the front matter, load its YAML, parse the Markdown body — and nothing else. The ratio
  of check_paths to this baseline is the cost of the rules themselves.

Numbers are wall-clock seconds on this machine; compare them between commits, not across
machines.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from markdown_it import MarkdownIt

from pozo_site._frontmatter import split_front_matter
from pozo_site._yaml import load_yaml
from pozo_site.check import Config, check_paths, fix_paths

FIRM = """\
name: Example Law
advertising_notice: Attorney Advertising
phones:
  - role: main
    number: (212) 555-0100
  - role: toll_free
    number: 1-800-555-0199
"""

PROSE = (
    "In {year} the agency received {count:,} requests in case {index} and complied with "
    "none of them; the report of {year}-01-01 explains why, in {pages} pages. Families "
    "facing these issues in New York City and throughout the state have options. "
)
CALL = "To set up a consultation, call 212-555-0100 or the toll-free line 1-800-555-0199. "


def paragraph(index: int, part: int) -> str:
    """Prose that differs between articles, as real articles do (no cache hits for free)."""
    return PROSE.format(year=2000 + part, count=1000 + index * 7 + part, index=index, pages=part)


def article(index: int, total: int) -> str:
    other = (index + 1) % total
    body = "\n\n".join(
        [
            f"## Section {index}",
            paragraph(index, 1) * 3,
            f"See [the next article](article-{other:04d}.md) and [by slug](article-{other:04d}).",
            f"![A photo of the courthouse, number {index}](/images/court-{index}.jpg)",
            paragraph(index, 2) * 4,
            "## Next steps",
            paragraph(index, 3) * 3 + CALL,
        ]
    )
    return (
        f"---\ntitle: Article {index:04d}\nslug: article-{index:04d}\ndate: 2024-05-01\n"
        f"summary: What to know, part {index}. Call 212-555-0100.\ntags: [immigration, "
        f"part-{index}]\n---\n{body}\n"
    )


def build(folder: Path, count: int) -> None:
    (folder / "firm.yaml").write_text(FIRM, encoding="utf-8")
    articles = folder / "articles"
    articles.mkdir()
    for index in range(count):
        (articles / f"article-{index:04d}.md").write_text(article(index, count), encoding="utf-8")


def baseline(folder: Path) -> int:
    """Read and parse every article as any checker must; return the number of tokens."""
    markdown = MarkdownIt("commonmark")
    tokens = 0
    for path in sorted(folder.rglob("*.md")):
        parts = split_front_matter(path.read_text(encoding="utf-8"))
        load_yaml(parts.yaml)
        tokens += len(markdown.parse(parts.body))
    return tokens


def timed(function: object, *args: object, **kwargs: object) -> tuple[float, object]:
    started = time.perf_counter()
    result = function(*args, **kwargs)  # type: ignore[operator]
    return time.perf_counter() - started, result


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    config = Config.default()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        build(folder, count)
        size = sum(p.stat().st_size for p in folder.rglob("*.md"))
        first, result = timed(check_paths, [folder], config)
        repeats, floors = [], []
        for _ in range(7):  # interleaved with the baseline
            repeats.append(timed(check_paths, [folder], config)[0])
            floors.append(timed(baseline, folder)[0])
        one_file = folder / "articles" / "article-0000.md"
        single = [timed(check_paths, [one_file], config)[0] for _ in range(7)]
        diff_time, outcome = timed(fix_paths, [folder], config, write=False)
    findings = result.findings  # type: ignore[attr-defined]
    print(f"{count} articles, {size / 1024:.0f} KiB of Markdown, {len(findings)} findings")
    print(f"first run (cold parse cache):   {first:.3f} s  ({first / count * 1000:.2f} ms/file)")
    warm = statistics.median(repeats)
    print(f"repeated run, median of 7:      {warm:.3f} s  ({warm / count * 1000:.2f} ms/file)")
    floor = statistics.median(floors)
    print(f"baseline (read + parse only):   {floor:.3f} s  (check_paths: {warm / floor:.2f}x)")
    print(f"one named file (pre-commit):    {statistics.median(single):.3f} s")
    changes = len(outcome.changes)  # type: ignore[attr-defined]
    print(f"fix_paths write=False (--diff): {diff_time:.3f} s  ({changes} files would change)")


if __name__ == "__main__":
    main()
