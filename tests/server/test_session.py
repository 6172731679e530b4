"""The server's engine door, in process: the session's findings are ``check``'s, its
edits are exact, and no buffer can break it."""

from __future__ import annotations

import doctest
import importlib
import os
from pathlib import Path

import pytest

from pozo_site.check import check_paths, load_config
from pozo_site.check._fix import apply_fixes
from pozo_site.check._source import Source
from pozo_site.server import RULE_DOCS_BASE_URL, rule_docs_url
from pozo_site.server._positions import LineIndex
from pozo_site.server._session import Lint, Session
from tests.server.conftest import ARTICLE, FIRM, OTHER, SETTINGS
from tests.testdata import blns


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "articles").mkdir(parents=True)
    (root / "firm.yaml").write_text(FIRM, encoding="utf-8")
    (root / "pozo-site.toml").write_text(SETTINGS, encoding="utf-8")
    (root / "articles" / "a.md").write_text(ARTICLE, encoding="utf-8")
    (root / "articles" / "b.md").write_text(OTHER, encoding="utf-8")
    return root


def _session(site: Path) -> Session:
    return Session()


def _keys(findings: object) -> list[tuple[str, int, int, str]]:
    return sorted((f.code, f.line, f.column, f.message) for f in findings)  # type: ignore[attr-defined]


def _checked(site: Path, path: Path) -> list[tuple[str, int, int, str]]:
    config, _ = load_config(site)
    found = check_paths([site], config).findings
    return _keys(f for f in found if f.path == path.as_posix())


@pytest.mark.parametrize(
    "name",
    [
        "pozo_site.server",
        "pozo_site.server._positions",
        "pozo_site.server._complete",
        "pozo_site.server._hover",
    ],
)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0
    assert result.attempted > 0


def test_rule_docs_url() -> None:
    assert rule_docs_url("L002") == f"{RULE_DOCS_BASE_URL}#l002-slug-duplicate"
    assert rule_docs_url("X999") == RULE_DOCS_BASE_URL


# -- positions -------------------------------------------------------------------------


@pytest.mark.parametrize(("encoding", "units"), [("utf-16", 2), ("utf-8", 4), ("utf-32", 1)])
def test_positions_count_units_of_the_agreed_encoding(encoding: str, units: int) -> None:
    text = "x😀y\r\nñ\rz"
    index = LineIndex(text)
    assert index.position(2, encoding) == (0, 1 + units)
    assert index.offset(0, 1 + units, encoding) == 2
    assert index.position(len(text), encoding) == (2, 1)
    assert index.offset(1, 9, encoding) == 6  # past the line's end: its end, not the CR
    assert index.offset(-1, 0, encoding) == 0
    assert index.offset(9, 0, encoding) == len(text)
    assert index.position(99, encoding) == (2, 1)


def test_a_position_inside_a_surrogate_pair_is_the_character_start() -> None:
    assert LineIndex("a😀b").offset(0, 2, "utf-16") == 1


# -- checking --------------------------------------------------------------------------


def test_lint_is_check(site: Path) -> None:
    session = _session(site)
    for name in ("a.md", "b.md"):
        path = site / "articles" / name
        session.open(path, path.read_text(encoding="utf-8"), 1)
        assert _keys(session.lint(path).findings) == _checked(site, path)
    firm = site / "firm.yaml"
    session.open(firm, firm.read_text(encoding="utf-8"), 1)
    assert _keys(session.lint(firm).findings) == _checked(site, firm)


def test_unsaved_buffers_count_for_the_other_files(site: Path) -> None:
    session = _session(site)
    a, b = site / "articles" / "a.md", site / "articles" / "b.md"
    session.open(b, b.read_text(encoding="utf-8"))
    assert "L002" in {f.code for f in session.lint(b).findings}
    renamed = ARTICLE.replace("slug: know-your-rights", "slug: another-slug")
    session.open(a, renamed)  # not saved: the disk still has the old slug
    assert "L002" not in {f.code for f in session.lint(b).findings}
    a.write_text(renamed, encoding="utf-8")
    assert _keys(session.lint(b).findings) == _checked(site, b)


def test_the_cache_sees_files_change_on_disk(site: Path) -> None:
    session = _session(site)
    a, b = site / "articles" / "a.md", site / "articles" / "b.md"
    session.open(b, b.read_text(encoding="utf-8"))
    assert "L002" in {f.code for f in session.lint(b).findings}
    a.write_text(ARTICLE.replace("slug: know-your-rights", "slug: other-slug"), encoding="utf-8")
    os.utime(a, ns=(1, 1))  # a different modification time, with or without an event
    assert "L002" not in {f.code for f in session.lint(b).findings}
    assert _keys(session.lint(b).findings) == _checked(site, b)
    a.unlink()
    assert _keys(session.lint(b).findings) == _checked(site, b)
    session.changed_on_disk(a)  # gone: nothing to read
    c = site / "articles" / "0.md"  # sorted before b.md: b.md is the duplicate
    c.write_text(ARTICLE, encoding="utf-8")
    session.changed_on_disk(c)
    assert "L002" in {f.code for f in session.lint(b).findings}
    assert _keys(session.lint(b).findings) == _checked(site, b)
    session.close(b)
    assert b not in session.buffers


def test_the_session_uses_checks_result_cache(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """was: the session kept a second cache of the folder's texts (issue 12: the server
    reuses the result cache of ``check`` instead). After the first lint, a keystroke parses
    the buffer alone; the other article's facts come from ``.pozo-site-cache``."""
    from pozo_site.check import _runner

    monkeypatch.delenv("POZO_SITE_NO_CACHE", raising=False)
    monkeypatch.delenv("POZO_SITE_CACHE_DIR", raising=False)
    parsed: list[str] = []
    real = _runner.parse_article

    def counting(source: Source, *args: object, **kwargs: object) -> object:
        parsed.append(source.path.name)
        return real(source, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(_runner, "parse_article", counting)
    session = _session(site)
    b = site / "articles" / "b.md"
    session.open(b, b.read_text(encoding="utf-8"))
    first = session.lint(b)
    assert sorted(parsed) == ["a.md", "b.md"]
    assert (site / ".pozo-site-cache" / "CACHEDIR.TAG").is_file()
    parsed.clear()
    session.open(b, b.read_text(encoding="utf-8") + "\nOne more line.\n")
    second = session.lint(b)
    assert parsed == ["b.md"]  # a.md: from the cache, not read again
    assert "L002" in {f.code for f in first.findings} & {f.code for f in second.findings}
    assert _keys(first.findings) == _checked(site, b)


def test_no_cache_in_the_environment(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POZO_SITE_NO_CACHE", "1")
    session = _session(site)
    b = site / "articles" / "b.md"
    session.open(b, b.read_text(encoding="utf-8"))
    assert _keys(session.lint(b).findings) == _checked(site, b)
    assert not (site / ".pozo-site-cache").exists()


def test_a_buffer_starting_with_a_bom(site: Path) -> None:
    session = _session(site)
    a = site / "articles" / "a.md"
    text = "\ufeff" + ARTICLE
    session.open(a, text)
    lint = session.lint(a)
    assert lint.lead == 1
    assert _keys(lint.findings) == _checked(site, a)
    (p002,) = [f for f in lint.findings if f.code == "P002"]
    start, end = lint.span(p002)
    assert text[start:end] == "(212) 555-0100"
    assert p002.fix is not None
    (edit,) = [lint.shift(e) for e in p002.fix.edits]
    assert text[edit.start : edit.end] == "(212) 555-0100"
    fix_all = session.fix_all(lint)
    assert fix_all is not None
    fixed = text[: fix_all.start] + fix_all.replacement + text[fix_all.end :]
    assert fixed == "\ufeff" + apply_fixes(ARTICLE, [p002.fix])


@pytest.mark.parametrize(
    ("text", "code"),
    [("", "F003"), ("   \n", "F003"), ("---\ntitle: x\x00\n---\n", "F002"), ("\ud800", "F001")],
)
def test_a_buffer_that_is_not_text_is_its_file_finding(site: Path, text: str, code: str) -> None:
    session = _session(site)
    a = site / "articles" / "a.md"
    session.open(a, text)
    lint = session.lint(a)
    assert [f.code for f in lint.findings] == [code]
    assert lint.source is None
    assert session.fix_all(lint) is None
    assert session.ignore(lint, lint.findings[0]) is None
    assert session.hover(lint, 0) is None
    # the other article sees it as an article without a slug
    b = site / "articles" / "b.md"
    session.open(b, OTHER)
    assert "L002" not in {f.code for f in session.lint(b).findings}


def test_settings_turn_rules_off_and_change_severity(site: Path) -> None:
    (site / "pozo-site.toml").write_text(
        SETTINGS + 'ignore = ["F003"]\n[severity]\nA001 = "warning"\n', encoding="utf-8"
    )
    session = _session(site)
    a = site / "articles" / "a.md"
    session.open(a, "")
    assert session.lint(a).findings == ()
    session.open(a, ARTICLE)
    (a001,) = [f for f in session.lint(a).findings if f.code == "A001"]
    assert a001.severity.value == "warning"


def test_invalid_settings_are_a_problem_not_a_crash(site: Path) -> None:
    (site / "pozo-site.toml").write_text("no-such-key = 1\n", encoding="utf-8")
    session = _session(site)
    a = site / "articles" / "a.md"
    session.open(a, ARTICLE)
    lint = session.lint(a)
    assert lint.findings == ()
    assert lint.problem is not None
    assert lint.problem.startswith("invalid pozo-site settings, nothing was checked: ")
    assert "no-such-key" in lint.problem


def test_an_internal_failure_is_a_problem_not_a_crash(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pozo_site.server._session as module

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("engine broke\nsecond line")

    monkeypatch.setattr(module, "run", broken)
    session = _session(site)
    a = site / "articles" / "a.md"
    session.open(a, ARTICLE)
    lint = session.lint(a)
    assert lint.problem is not None
    assert lint.problem.startswith(
        "internal error while checking this file: RuntimeError: engine broke (at "
    )

    def silent(*args: object, **kwargs: object) -> None:
        raise RuntimeError

    monkeypatch.setattr(module, "run", silent)
    problem = session.lint(a).problem
    assert problem is not None
    assert "RuntimeError (at" in problem


# -- ignore ----------------------------------------------------------------------------


def _apply(text: str, lint: Lint, session: Session, code: str) -> str | None:
    finding = next(f for f in lint.findings if f.code == code)
    edit = session.ignore(lint, finding)
    if edit is None:
        return None
    return text[: edit.start] + edit.replacement + text[edit.end :]


def test_ignore_in_the_body_never_shows_on_the_page(site: Path) -> None:
    from markdown_it import MarkdownIt

    session = _session(site)
    a = site / "articles" / "a.md"
    body = "Intro.\r\n\r\nCall 212-555-0142 now,\r\nor 212-555-0143 later.\r\n"
    text = ARTICLE.split("---\n", 2)
    text = "---\n" + text[1] + "---\n" + body
    session.open(a, text)
    lint = session.lint(a)
    first, second = sorted((f for f in lint.findings if f.code == "P001"), key=lambda f: f.line)
    render = MarkdownIt("commonmark").render

    def page(markdown: str) -> str:
        html = render(markdown.split("---\n", 2)[2])
        return "".join(line for line in html.splitlines() if not line.startswith("<!--"))

    for finding, form in (
        (first, "<!-- pozo-site: ignore P001 -- REASON -->\r\n"),  # starts a paragraph
        (second, " <!-- pozo-site: ignore P001 -->"),  # inside one: inline, no reason
    ):
        edit = session.ignore(lint, finding)
        assert edit is not None
        assert edit.replacement == form
        edited = text[: edit.start] + edit.replacement + text[edit.end :]
        assert page(edited).replace(" <!-- pozo-site: ignore P001 -->", "") == page(text)
        a.write_text(edited, encoding="utf-8", newline="")
        assert len([c for c, *_ in _checked(site, a) if c == "P001"]) == 1


def test_ignore_in_front_matter_uses_a_hash_comment(site: Path) -> None:
    session = _session(site)
    a = site / "articles" / "a.md"
    text = ARTICLE.replace(
        "title: Know Your Rights", "title: Know Your Rights\nauthor: Call 212-555-0142"
    )
    session.open(a, text)
    ignored = _apply(text, session.lint(a), session, "P001")
    assert ignored is not None
    assert "author: Call 212-555-0142  # pozo-site: ignore P001 -- REASON\n" in ignored
    a.write_text(ignored, encoding="utf-8")
    assert ("P001", 3) not in {(c, line) for c, line, _, _ in _checked(site, a)}


def test_no_ignore_where_a_comment_would_change_the_text(site: Path) -> None:
    session = _session(site)
    a = site / "articles" / "a.md"
    text = ARTICLE.replace(
        "title: Know Your Rights", 'title: Know Your Rights\nsummary: "Call 212-555-0142\n  now"'
    )
    session.open(a, text)
    lint = session.lint(a)
    assert any(f.code == "P001" and f.line == 3 for f in lint.findings)
    assert _apply(text, lint, session, "P001") is None


def test_no_ignore_for_a_file_that_does_not_parse(site: Path) -> None:
    session = _session(site)
    a = site / "articles" / "a.md"
    session.open(a, "No front matter here.\n")
    lint = session.lint(a)
    assert [f.code for f in lint.findings] == ["F004"]
    assert session.ignore(lint, lint.findings[0]) is None


def test_ignore_in_firm_files(site: Path) -> None:
    session = _session(site)
    firm = site / "firm.yaml"
    text = FIRM.replace("advertising_notice: Attorney Advertising\n", "")
    session.open(firm, text)
    lint = session.lint(firm)
    codes = {f.code for f in lint.findings}
    assert "C001" in codes
    ignored = _apply(text, lint, session, "C001")
    assert ignored is not None
    assert "# pozo-site: ignore C001 -- REASON" in ignored

    json_firm = site / "firm.json"
    firm.unlink()
    json_firm.write_text('{"name": "Example Law", "phones": []}', encoding="utf-8")
    session = _session(site)
    session.open(json_firm, json_firm.read_text(encoding="utf-8"))
    lint = session.lint(json_firm)
    assert lint.findings
    assert session.ignore(lint, lint.findings[0]) is None


# -- hover -----------------------------------------------------------------------------


def test_hover_on_numbers(site: Path) -> None:
    session = _session(site)
    a = site / "articles" / "a.md"
    text = ARTICLE + "Toll free: 1-800-555-0199 ext. 12. Bad: (999) 555-0100.\n"
    session.open(a, text)
    lint = session.lint(a)

    def at(fragment: str) -> str | None:
        return session.hover(lint, text.index(fragment) + 1)

    assert "Not one of the firm's numbers" in (at("212-555-0142") or "")
    toll_free = at("1-800-555-0199") or ""
    assert "One of the firm's numbers (Toll Free)" in toll_free
    assert "(999) 555-0100" in (at("(999) 555-0100") or "")
    assert "no line has these digits" in (at("(999) 555-0100") or "")
    assert at("Know Your") is None


def test_hover_with_the_default_and_an_invalid_firm(site: Path) -> None:
    session = _session(site)
    (site / "firm.yaml").unlink()
    a = site / "articles" / "a.md"
    text = (
        "---\ntitle: A\nslug: a\ndate: 2024-05-01\n---\nCall 1-88-VISA-LAW-1 or (212) 201-9031.\n"
    )
    session.open(a, text)
    lint = session.lint(a)
    vanity = session.hover(lint, text.index("VISA")) or ""
    assert "One of the firm's numbers (Toll Free)" in vanity
    assert "- Vanity: `1-88-VISA-LAW-1`" in vanity
    assert "`+18884725291`" in vanity

    (site / "firm.yaml").write_text("name: Example Law\nphones: 3\n", encoding="utf-8")
    lint = session.lint(a)
    assert "cannot be told" in (session.hover(lint, text.index("201-9031")) or "")

    (site / "firm.yaml").write_bytes(b"name: \xff\n")
    lint = session.lint(a)
    assert lint.firm is None


# -- completion ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "marker", "wanted"),
    [
        ("---\ntitle: A\n|\n", "|", {"date", "slug"}),  # front matter not yet closed
        ("---\ntitle: A\nda|\n---\n", "|", {"date"}),
        ("---\ntitle: A\ntags:\n  |\n---\n", "|", set()),  # a list, not a mapping
        ("---\nimage:\n  src: x\n  |\ntitle: A\n---\n", "|", {"alt"}),
        ("---\ntitle: A\n    |\n---\n", "|", set()),  # indented under nothing
        ("---\ntitle: A\n---\n|", "|", set()),
        ("No front matter |\n", "|", set()),
        ("---\ntitle: A |\n---\n", "|", set()),  # after a value
    ],
)
def test_completion(site: Path, text: str, marker: str, wanted: set[str]) -> None:
    session = _session(site)
    path = site / "articles" / "new.md"
    offset = text.index(marker)
    text = text.replace(marker, "")
    session.open(path, text)
    lint = Lint(path, None, text)
    found = {k.key for k in session.completions(lint, offset)}
    if wanted:
        assert wanted <= found
        assert "title" not in found
    else:
        assert found == set()


def test_completion_of_image_says_it_is_a_mapping(site: Path) -> None:
    session = _session(site)
    text = "---\ntitle: A\n\n---\n"
    lint = Lint(site / "new.md", None, text)
    (image,) = [k for k in session.completions(lint, 13) if k.key == "image"]
    assert image.object
    assert not image.required
    (date,) = [k for k in session.completions(lint, 13) if k.key == "date"]
    assert date.detail.startswith("string (date)")  # as the article schema types it
    assert date.detail.endswith(", required")


# -- hostile input -----------------------------------------------------------------------


def test_no_buffer_breaks_the_session(site: Path) -> None:
    session = _session(site)
    a = site / "articles" / "a.md"
    for naughty in blns()[::7]:
        for text in (
            naughty,
            f"---\ntitle: {naughty}\ndate: 2024-05-01\n---\n{naughty}\n",
            f"---\ntitle: x\nslug: {naughty}\n---\n![{naughty}]({naughty}) 212-555-{naughty}\n",
        ):
            session.open(a, text)
            lint = session.lint(a)
            assert lint.problem is None, (naughty, lint.problem)
            for finding in lint.findings:
                start, end = lint.span(finding)
                assert 0 <= start <= end <= len(text)
                session.ignore(lint, finding)
            session.fix_all(lint)
            for offset in range(0, len(text), max(1, len(text) // 5)):
                session.hover(lint, offset)
                session.completions(lint, offset)


def test_public_names_of_the_server_package() -> None:
    import pozo_site.server

    assert pozo_site.server.__all__ == ["RULE_DOCS_BASE_URL", "rule_docs_url"]
    for name in pozo_site.server.__all__:
        assert getattr(pozo_site.server, name) is not None
    assert pozo_site.server.rule_docs_url.__doc__


def test_the_first_check_finds_the_content_folder_for_the_cache(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache folder is the one ``check`` uses: beside the configuration file, else in
    the content folder (a folder without a firm file is its own)."""
    monkeypatch.delenv("POZO_SITE_NO_CACHE", raising=False)
    monkeypatch.delenv("POZO_SITE_CACHE_DIR", raising=False)
    session = Session()
    a = site / "articles" / "a.md"
    session.open(a, ARTICLE)
    first = session.lint(a)
    assert first.cache is not None
    assert first.cache.path == site / ".pozo-site-cache"
    assert _keys(session.lint(a).findings) == _keys(first.findings) == _checked(site, a)
    (site / "firm.yaml").unlink()
    lone = site.parent / "elsewhere" / "x.md"
    lone.parent.mkdir()
    lone.write_text(OTHER, encoding="utf-8")
    (lone.parent / "y.md").write_text(OTHER, encoding="utf-8")
    session.open(lone, OTHER)
    alone = session.lint(lone)
    assert alone.cache is not None
    assert alone.cache.path == lone.parent / ".pozo-site-cache"
    assert _keys(alone.findings) == _checked(lone.parent, lone)


def test_a_failing_handler_is_logged_and_answered_with_its_default() -> None:
    from pozo_site.server._lsp import PozoSiteServer, _guarded, _handler

    server = PozoSiteServer()
    logged: list[str] = []
    server.log = logged.append  # type: ignore[method-assign, assignment]

    def broken() -> int:
        raise ZeroDivisionError("division by zero")

    assert _guarded(server, 5, broken) == 5
    assert logged[0].startswith("pozo-site server: internal error: ZeroDivisionError(")

    @_handler([])
    def handler(ls: PozoSiteServer, params: object) -> list[int]:
        raise ValueError(params)

    assert handler(server, "bad") == []
    assert "ValueError('bad')" in logged[1]
