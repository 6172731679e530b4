"""Which files are checked, which content folder they belong to, and how paths print."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pozo_site.check import _runner, check_paths
from tests.check.conftest import COMPLETE_FIRM_YAML, config

FIRM = (
    "name: Example Law\nadvertising_notice: Attorney Advertising\n"
    "phones:\n  - role: main\n    number: (212) 555-0100\n"
) + COMPLETE_FIRM_YAML


def article(title: str, slug: str, body: str = "") -> str:
    return f"---\ntitle: {title}\nslug: {slug}\ndate: 2024-05-01\n---\n{body}"


def _rows(paths: list[Path]) -> list[tuple[str, str, int]]:
    return [(f.code, f.path, f.line) for f in check_paths(paths, config()).findings]


def test_a_named_file_is_checked_against_its_whole_folder(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    write("content/firm.yaml", FIRM)
    write("content/articles/a.md", article("Work Permits", "work-permits"))
    write(
        "content/articles/b.md",
        article("Work Permits", "work-permits", "See [a](a.md), [x](gone.md); 212-555-0100.\n"),
    )
    write("content/articles/c.md", article("Broken", "broken", "212-555-0199\n"))
    rows = _rows([Path("content/articles/b.md")])
    assert rows == [("L002", "content/articles/b.md", 3), ("L005", "content/articles/b.md", 6)]
    message = check_paths([Path("content/articles/b.md")], config()).findings[0].message
    assert "content/articles/a.md" in message


def test_a_subfolder_uses_the_firm_profile_above_it(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    write("content/firm.yaml", FIRM)
    write(
        "content/articles/a.md", article("Know Your Rights", "know-your-rights", "212-555-0100\n")
    )
    assert _rows([Path("content/articles")]) == []
    # Without the profile, the embedded default firm applies and the number is not its.
    (in_tmp / "content/firm.yaml").unlink()
    assert _rows([Path("content/articles")]) == [("P001", "content/articles/a.md", 6)]


def test_the_firm_profile_is_checked_with_its_articles(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    write("firm.yaml", "name: Example Law\nphones: []\n")
    write("articles/a.md", article("Know Your Rights", "know-your-rights", "212-555-0100\n"))
    result = check_paths([Path("articles/a.md")], config())
    assert [(f.code, f.path) for f in result.findings] == [("S002", "firm.yaml")]
    assert result.files_checked == 2


def test_a_broken_firm_profile_does_not_stop_the_articles(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    write("firm.json", "{")
    write("articles/a.md", article("Know Your Rights", "know-your-rights", "212-555-0100 ![](x)\n"))
    assert _rows([Path(".")]) == [("A002", "articles/a.md", 6), ("F006", "firm.json", 1)]


def test_nested_content_folders_each_have_their_firm(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    write("one/firm.yaml", FIRM)
    write("one/a.md", article("Know Your Rights", "know-your-rights", "212-555-0100\n"))
    write("two/firm.yaml", FIRM.replace("555-0100", "555-0111"))
    write("two/a.md", article("Know Your Rights", "know-your-rights", "212-555-0100\n"))
    assert _rows([Path(".")]) == [("P001", "two/a.md", 6)]


def test_absolute_paths_print_absolute(write: Callable[..., Path], tmp_path: Path) -> None:
    write("articles/a.md", article("Know Your Rights", "know-your-rights", "212-555-0123\n"))
    rows = _rows([tmp_path])
    assert rows == [("P001", (tmp_path / "articles/a.md").as_posix(), 6)]


def test_exclusions(write: Callable[..., Path], in_tmp: Path) -> None:
    write("pozo-site.toml", 'extend-exclude = ["drafts/old", "*.tmp.md"]\n')
    bad = "no front matter\n"
    write(".github/PULL_REQUEST_TEMPLATE.md", bad)
    write("node_modules/x/README.md", bad)
    write("drafts/old/a.md", bad)
    write("drafts/new/b.tmp.md", bad)
    write("drafts/new/c.md", bad)
    write("notes.txt", bad)
    from pozo_site.check import load_config

    settings = load_config(in_tmp)[0]
    result = check_paths([Path("."), Path("drafts/old/a.md"), Path("notes.txt")], settings)
    assert [(f.code, f.path) for f in result.findings] == [("F004", "drafts/new/c.md")]


def test_a_file_named_twice_is_reported_once(write: Callable[..., Path], in_tmp: Path) -> None:
    write("articles/a.md", article("Know Your Rights", "know-your-rights", "212-555-0123\n"))
    rows = _rows([Path("."), Path("articles/a.md"), Path("./articles/../articles/a.md")])
    assert rows == [("P001", "articles/a.md", 6)]


def test_findings_are_sorted(write: Callable[..., Path], in_tmp: Path) -> None:
    write("b.md", article("B", "b", "212-555-0123 ![](x)\n"))
    write("a.md", article("A", "a", "![](x) 212-555-0123\n"))
    result = check_paths([Path(".")], config())
    assert list(result.findings) == sorted(result.findings)
    assert [(f.path, f.code) for f in result.findings] == [
        ("a.md", "A002"),
        ("a.md", "P001"),
        ("b.md", "P001"),
        ("b.md", "A002"),
    ]


def test_the_walk_gives_every_article_in_the_order_pathlib_sorts_them(tmp_path: Path) -> None:
    # Names that sort differently as whole paths and as parts ("a" before "a-b.md" and
    # "a.md", though "a/" sorts after both as a string), case, spaces, non-ASCII names,
    # folders at several depths, and files that are not articles.
    names = [
        "a.md", "a-b.md", "a b.md", "A.md", "B.md", "b.md", "é.md", "z.md", "0.md",
        "a/z.md", "a/a/a.md", "a/a.md", "a/a-b/c.md", "a-b/x.md", "a b/y.md", "A/b.md",
        "é/ü.md", "z/a/b/c/d.md", "notes.txt", "a/readme", "m/n.md.bak",
    ]  # fmt: skip
    for name in names:
        path = tmp_path / "site" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x\n", encoding="utf-8")
    top = tmp_path / "site"
    walked = _runner._Run(config(), {}).walk(top, relative=False, report=True, subroots=True)
    assert walked == [str(p) for p in sorted(top.rglob("*.md"))]
    assert len(walked) == 18
