"""``pozo-site check`` for pull requests and CI: baselines, ``--add-ignore``, unused
suppressions fixed, ``--changed-since``, ``--statistics``, ``--show-settings``,
``--show-files`` and several outputs in one run. Golden outputs live in
``tests/cli/golden/``; set ``POZO_SITE_UPDATE_GOLDEN=1`` to rewrite them (then review).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from pozo_site.cli import main
from pozo_site.cli._boundary import ExitCode
from tests.check.test_reporters import assert_github_accepts, sarif_validator

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
PHONE_CASE = HERE.parent / "cli_fixtures" / "invalid" / "phone"
CONFIG = HERE.parent / "cli_fixtures" / "pozo-site.toml"
UPDATE_GOLDEN = bool(os.environ.get("POZO_SITE_UPDATE_GOLDEN"))

HEAD = "---\ntitle: {title}\nslug: {slug}\ndate: 2024-05-01\n---\n"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def golden(name: str, actual: str) -> None:
    expected = GOLDEN / name
    if UPDATE_GOLDEN:
        expected.write_bytes(actual.encode("utf-8"))
    assert actual == expected.read_bytes().decode("utf-8")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the phone case (two articles, one with CRLF line ends) as the current
    folder, with the CLI fixtures' configuration (J rules off)."""
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    shutil.copytree(PHONE_CASE / "content", tmp_path / "content")
    shutil.copy(CONFIG, tmp_path / "pozo-site.toml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def article(slug: str, body: str, title: str = "A page") -> str:
    return HEAD.format(title=title, slug=slug) + body


# -- baselines ------------------------------------------------------------------------------


def test_baseline_written_then_an_unchanged_site_passes(site: Path) -> None:
    code, out, err = run("check", "content", "--write-baseline", "baseline.json")
    assert (code, out) == (0, "")
    golden("baseline-write.stderr", err)
    golden("baseline.json", (site / "baseline.json").read_text(encoding="utf-8"))
    data = json.loads((site / "baseline.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    keys = [(e["path"], e["code"], e["fingerprint"]) for e in data["findings"]]
    assert keys == sorted(keys)
    assert run("check", "content", "--baseline", "baseline.json") == (
        0,
        "All checks passed (3 files).\n",
        "pozo-site check: baseline: 5 known findings left out.\n",
    )
    # quiet: not a word on standard error
    assert run("check", "content", "-q", "--baseline", "baseline.json")[::2] == (0, "")


def test_baseline_survives_line_shifts_and_reports_only_new_findings(site: Path) -> None:
    run("check", "content", "--write-baseline", "baseline.json")
    page = site / "content" / "articles" / "call-us.md"
    text = page.read_text(encoding="utf-8")
    text = text.replace("---\nCall us", "---\nA new first line.\n\nAnother.\n\nCall us", 1)
    page.write_text(text + "\nOr (212) 555-0177, a new number.\n", encoding="utf-8")
    code, out, err = run("check", "content", "--baseline", "baseline.json")
    assert code == 1
    golden("baseline-new-finding.txt", out)
    assert err == "pozo-site check: baseline: 5 known findings left out.\n"


def test_a_fixed_finding_leaves_the_baseline_without_complaint(site: Path) -> None:
    run("check", "content", "--write-baseline", "baseline.json")
    page = site / "content" / "articles" / "call-us.md"
    page.write_text(page.read_text("utf-8").replace("(212) 555-0199", "212-201-9031"), "utf-8")
    code, out, err = run("check", "content", "--baseline", "baseline.json")
    assert (code, out) == (0, "All checks passed (3 files).\n")
    assert "1 in the baseline no longer occur" in err
    run("check", "content", "--write-baseline", "baseline.json")  # written again: dropped
    entries = json.loads((site / "baseline.json").read_text("utf-8"))["findings"]
    assert len(entries) == 4


def test_identical_findings_are_counted(site: Path) -> None:
    page = site / "content" / "articles" / "twice.md"
    line = "Call 212-555-0142 or 212-555-0142.\n"
    page.write_text(article("twice", line), encoding="utf-8")
    run("check", "content", "--write-baseline", "baseline.json")
    entries = json.loads((site / "baseline.json").read_text("utf-8"))["findings"]
    (twice,) = [e for e in entries if e["path"].endswith("twice.md") and e["code"] == "P001"]
    assert twice["count"] == 2
    assert run("check", "content", "--baseline", "baseline.json")[0] == 0
    page.write_text(article("twice", f"{line}\n{line}"), encoding="utf-8")  # the line again
    code, out, _ = run("check", "content", "--baseline", "baseline.json", "--format", "json")
    assert code == 1
    assert [(f["code"], f["path"], f["line"]) for f in json.loads(out)] == [
        ("P001", "content/articles/twice.md", 8),
        ("P001", "content/articles/twice.md", 8),
    ]


def test_baseline_paths_are_relative_to_the_baseline_file(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("check", "content", "--write-baseline", "baseline.json")
    monkeypatch.chdir(site / "content")
    assert run("check", ".", "-q", "--baseline", "../baseline.json")[0] == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (None, "no such baseline file"),
        ("{", "not JSON: Expecting property name"),
        ("[]", "not a pozo-site baseline"),
        ('{"version": 9, "findings": []}', "baseline version 9 is not supported"),
        ('{"version": 1, "findings": {}}', "'findings' must be a list"),
        ('{"version": 1, "findings": [1]}', "finding 1 must be an object"),
        ('{"version": 1, "findings": [{"code": "P001", "path": "a.md"}]}', "'fingerprint'"),
        (
            '{"version": 1, "findings": [{"code": "P001", "path": "a.md", "fingerprint": "xyz"}]}',
            "16 hex digits",
        ),
        (
            '{"version": 1, "findings": [{"code": "P001", "path": "a.md", '
            '"fingerprint": "0123456789abcdef", "count": 0}]}',
            "'count' must be a whole number",
        ),
        (b"\xff\xfe", "not UTF-8"),
    ],
)
def test_a_bad_baseline_is_a_usage_error_without_traceback(
    site: Path, text: str | bytes | None, message: str
) -> None:
    target = site / "baseline.json"
    if isinstance(text, bytes):
        target.write_bytes(text)
    elif text is not None:
        target.write_text(text, encoding="utf-8")
    code, out, err = run("check", "content", "--baseline", "baseline.json")
    assert (code, out) == (ExitCode.USAGE, "")
    assert err.startswith("pozo-site check: baseline.json: ")
    assert message in err
    assert "Traceback" not in err
    assert err.count("\n") == 1


def test_baseline_options_do_not_combine(site: Path) -> None:
    code, _, err = run("check", "content", "--baseline", "a.json", "--write-baseline", "b.json")
    assert code == ExitCode.USAGE
    assert "cannot be combined" in err


def test_baseline_that_cannot_be_written_is_a_usage_error(site: Path) -> None:
    code, _, err = run("check", "content", "--write-baseline", "no-such-folder/b.json")
    assert code == ExitCode.USAGE
    assert err.startswith("pozo-site check: cannot write ")


def test_baseline_after_fix_fingerprints_the_fixed_text(site: Path) -> None:
    run("check", "content", "--write-baseline", "baseline.json")
    code, out, _ = run("check", "content", "--fix", "--baseline", "baseline.json")
    assert (code, out) == (0, "All checks passed (3 files).\n")


# -- --add-ignore ---------------------------------------------------------------------------


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_add_ignore_suppresses_every_finding_byte_for_byte(site: Path) -> None:
    articles = site / "content" / "articles"
    (articles / "specialists.md").write_bytes(
        "\ufeff".encode()
        + article(
            "specialists",
            "We specialize in TPS and visas.\nCall (212) 555-0111 or (212) 201-9031.\n",
        ).encode()
    )
    before = _tree(site / "content")
    code, out, err = run("check", "content", "--add-ignore", "reviewed by counsel, 2024")
    assert (code, out) == (0, "")
    golden("add-ignore.stderr", err)
    after = _tree(site / "content")
    diff = "".join(
        f"== {name}\n{after[name].decode('utf-8')}" for name in after if after[name] != before[name]
    )
    golden("add-ignore.files", diff)
    for name, content in after.items():  # nothing but inserted comments
        assert content.startswith(b"\xef\xbb\xbf") == before[name].startswith(b"\xef\xbb\xbf")
        assert content.count(b"\r\n") - before[name].count(b"\r\n") == content.count(
            b"pozo-site: ignore"
        ) * (b"\r\n" in before[name])
    assert run("check", "content") == (0, "All checks passed (4 files).\n", "")
    assert run("check", "content", "--add-ignore", "again")[::2] == (
        0,
        "Added 0 suppression comments in 0 files.\n",
    )


def test_add_ignore_leaves_what_a_comment_would_change(site: Path) -> None:
    # A literal block scalar: a '#' comment would become part of the value.
    (site / "content" / "articles" / "block.md").write_text(
        "---\ntitle: Block\nslug: block\ndate: 2024-05-01\nsummary: |\n"
        "  Call (212) 555-0133 today.\n---\nText.\n",
        encoding="utf-8",
    )
    code, _, err = run("check", "content", "--add-ignore", "ok")
    assert code == ExitCode.PROBLEM
    assert "cannot suppress P001 at content/articles/block.md:6:8" in err
    assert (site / "content" / "articles" / "block.md").read_text("utf-8").count("pozo-site") == 0
    code, out, _ = run("check", "content", "--format", "json")
    assert [(f["code"], f["line"]) for f in json.loads(out)] == [("P001", 6)]


def test_add_ignore_puts_file_findings_at_the_top_of_the_body(site: Path) -> None:
    page = site / "content" / "articles" / "untitled.md"
    page.write_text("---\nslug: untitled\ndate: 2024-05-01\n---\nText.\n", encoding="utf-8")
    run("check", "content", "--add-ignore", "a draft")
    assert page.read_text("utf-8") == (
        "---\nslug: untitled\ndate: 2024-05-01\n---\n"
        "<!-- pozo-site: ignore-file S001 -- a draft -->\nText.\n"
    )


@pytest.mark.parametrize("reason", ["two\nlines", "an --> end"])
def test_add_ignore_refuses_a_reason_that_would_end_the_comment(site: Path, reason: str) -> None:
    code, _, err = run("check", "content", "--add-ignore", reason)
    assert code == ExitCode.USAGE
    assert "the reason must be one line" in err


def test_add_ignore_does_not_combine_with_fix(site: Path) -> None:
    assert run("check", "content", "--fix", "--add-ignore", "x")[0] == ExitCode.USAGE


# -- unused suppressions (I001) -------------------------------------------------------------


def test_unused_suppressions_are_removed_by_fix_byte_for_byte(site: Path) -> None:
    run("check", "content", "--add-ignore", "reviewed")
    page = site / "content" / "articles" / "crlf.md"
    commented = page.read_bytes()
    fixed = commented.replace(b"(212) 201-9031", b"212-201-9031")
    page.write_bytes(fixed)
    _code, out, _ = run("check", "content", "--format", "json")
    assert [(f["code"], f["path"]) for f in json.loads(out)] == [
        ("I001", "content/articles/crlf.md")
    ]
    assert run("check", "content", "--fix")[0] == 0
    original = (PHONE_CASE / "content" / "articles" / "crlf.md").read_bytes()
    assert page.read_bytes() == original.replace(b"(212) 201-9031", b"212-201-9031")
    assert run("check", "content") == (0, "All checks passed (3 files).\n", "")


def test_unused_codes_are_dropped_from_a_list(site: Path) -> None:
    page = site / "content" / "articles" / "list.md"
    page.write_text(
        article("list", "Call 212-555-0142. <!-- pozo-site: ignore C003, P001 -- quoted -->\n"),
        encoding="utf-8",
    )
    assert run("check", "content", "--fix")[0] == 1  # the phone case's P001 findings remain
    assert page.read_text("utf-8").endswith("<!-- pozo-site: ignore P001 -- quoted -->\n")


def test_unused_suppression_of_a_rule_that_did_not_run_is_not_reported(site: Path) -> None:
    page = site / "content" / "articles" / "list.md"
    page.write_text(article("list", "Text. <!-- pozo-site: ignore C003 -->\n"), encoding="utf-8")
    _, out, _ = run("check", "content", "--select", "P", "--format", "json")
    assert "I001" not in out
    _, out, _ = run("check", "content", "--select", "P,I", "--format", "json")
    assert "I001" not in out
    _, out, _ = run("check", "content", "--format", "json")
    assert "I001" in out


# -- --changed-since ------------------------------------------------------------------------


def git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args],
        cwd=folder,
        check=True,
        capture_output=True,
        env={
            **os.environ,
            "GIT_AUTHOR_NAME": "Test",
            "GIT_AUTHOR_EMAIL": "test@example.com",
            "GIT_COMMITTER_NAME": "Test",
            "GIT_COMMITTER_EMAIL": "test@example.com",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
        },
    )


@pytest.fixture
def repo(site: Path) -> Path:
    git(site, "init", "-q", "-b", "main")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "content")
    git(site, "checkout", "-q", "-b", "topic")
    return site


def test_changed_since_reports_only_changed_files(repo: Path) -> None:
    articles = repo / "content" / "articles"
    # committed on the branch: a new article reusing call-us's slug (L002 across files)
    (articles / "zz-again.md").write_text(
        article("call-us", "Call 212-555-0150.\n", title="Again"), encoding="utf-8"
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "again")
    # not committed: an edit of crlf.md; untracked: a new file
    crlf = articles / "crlf.md"
    crlf.write_bytes(crlf.read_bytes() + b"Also (212) 555-0160.\r\n")
    (articles / "new.md").write_text(article("new", "Fax 212-555-0170.\n"), encoding="utf-8")
    code, out, err = run("check", "content", "--changed-since", "main")
    assert (code, err) == (1, "")
    golden("changed-since.txt", out)
    assert "content/articles/call-us.md:" not in out
    assert "L002" in out  # the duplicate slug is seen: the unchanged article was read


def test_changed_since_with_nothing_changed_passes(repo: Path) -> None:
    assert run("check", "content", "--changed-since", "main")[0] == 0


def test_changed_since_errors(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = run("check", "content", "--changed-since", "no-such-branch")
    assert (code, out) == (ExitCode.USAGE, "")
    assert err == (
        "pozo-site check: --changed-since: unknown Git ref 'no-such-branch' (in a shallow "
        "CI clone, fetch it first: git fetch origin main)\n"
    )
    assert run("check", "content", "--changed-since", "--all")[0] == ExitCode.USAGE
    outside = tmp_path / "outside"
    shutil.copytree(repo / "content", outside / "content")
    shutil.rmtree(repo / ".git")
    monkeypatch.chdir(outside)
    code, _, err = run("check", "content", "--changed-since", "main")
    assert code == ExitCode.USAGE
    assert "--changed-since needs a Git repository" in err


def test_changed_since_without_git(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(repo / "no-bin"))
    code, _, err = run("check", "content", "--changed-since", "main")
    assert code == ExitCode.USAGE
    assert "needs git, which was not found" in err or "needs a Git repository" in err


# -- --statistics, --show-settings, --show-files --------------------------------------------


@pytest.mark.parametrize(("fmt", "name"), [("text", "statistics.txt"), ("json", "statistics.json")])
def test_statistics(site: Path, fmt: str, name: str) -> None:
    code, out, err = run("check", "content", "--statistics", "--format", fmt)
    assert (code, err) == (1, "")
    golden(name, out)


def test_statistics_of_a_clean_run(site: Path) -> None:
    assert run("check", "content", "--statistics", "--select", "A") == (0, "", "")


def test_show_settings(site: Path) -> None:
    (site / "pozo-site.toml").write_text(
        'extend-ignore = ["J"]\nphone-style = "dashes"\nextra-keys = ["draft"]\n'
        '[severity]\nP002 = "error"\n',
        encoding="utf-8",
    )
    code, out, err = run("check", "content", "--show-settings", "--select", "P,L")
    assert (code, err) == (0, "")
    golden("show-settings.txt", out.replace(str(site), "<site>"))


def test_show_settings_without_a_configuration_file(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (site / "pozo-site.toml").unlink()
    _code, out, _ = run("check", "content", "--show-settings")
    assert out.startswith("# configuration file: none\n")
    assert "# command line" not in out
    assert "pozo-site.toml" not in out


def test_show_files(site: Path) -> None:
    (site / "content" / "drafts").mkdir()
    (site / "content" / ".hidden.md").write_text("x", encoding="utf-8")
    code, out, err = run("check", "content", "--show-files")
    assert (code, err) == (0, "")
    golden("show-files.txt", out)


# -- several outputs in one run -------------------------------------------------------------


def test_github_annotations_and_sarif_and_json_in_one_run(site: Path) -> None:
    code, out, _err = run(
        "check", "content", "--format", "github", "--sarif-file", "out/../report.sarif",
        "--json-file", "report.json",
    )  # fmt: skip
    assert code == 1
    golden("two-outputs.github", out)
    assert out == run("check", "content", "--format", "github")[1]
    assert (site / "report.json").read_text("utf-8") == run("check", "content", "--format", "json")[
        1
    ]
    log = json.loads((site / "report.sarif").read_text("utf-8"))
    sarif_validator().validate(log)
    assert_github_accepts(log)
    assert len(log["runs"][0]["results"]) == 5


def test_extra_output_that_cannot_be_written(site: Path) -> None:
    code, _, err = run("check", "content", "--sarif-file", "missing/report.sarif")
    assert code == ExitCode.USAGE
    assert err.startswith("pozo-site check: cannot write ")


def test_baseline_with_a_broken_file_and_a_single_file_run(site: Path) -> None:
    broken = site / "content" / "articles" / "broken.md"
    broken.write_text("---\ntitle: [unclosed\n---\nText.\n", encoding="utf-8")
    run("check", "content", "--write-baseline", "baseline.json")
    entries = json.loads((site / "baseline.json").read_text("utf-8"))["findings"]
    assert [e["code"] for e in entries if e["path"].endswith("broken.md")] == ["F006"]
    assert run("check", "content", "--baseline", "baseline.json")[0] == 0
    # one file checked: the other files' entries are not "no longer occurring"
    code, out, err = run("check", "content/articles/crlf.md", "--baseline", "baseline.json")
    assert (code, out) == (0, "All checks passed (2 files).\n")
    assert err == "pozo-site check: baseline: 1 known finding left out.\n"


def test_baseline_and_changed_since_together(repo: Path) -> None:
    run("check", "content", "--write-baseline", "baseline.json", "--changed-since", "main")
    entries = json.loads((repo / "baseline.json").read_text("utf-8"))["findings"]
    assert len(entries) == 5  # every finding, whatever changed
    crlf = repo / "content" / "articles" / "crlf.md"
    crlf.write_bytes(crlf.read_bytes() + b"Also (212) 555-0160.\r\n")
    code, out, err = run(
        "check", "content", "--baseline", "baseline.json", "--changed-since", "main", "-q"
    )
    assert (code, err) == (1, "")
    assert out.count("P001") == 1
    assert "crlf.md:7:6: P001" in out
