"""``pozo-site check`` and ``pozo-site rules`` end to end, and the pre-commit hooks."""

from __future__ import annotations

import io
import itertools
import json
import os
import re
import shutil
from importlib import resources
from pathlib import Path

import pytest
import yaml

from pozo_site import example_content
from pozo_site.check._registry import RULES
from pozo_site.check._rule import Family
from pozo_site.cli import main
from pozo_site.cli._boundary import DEBUG_ENV
from pozo_site.cli._check import use_color
from tests.check.test_reporters import assert_github_accepts, sarif_validator

ROOT = Path(__file__).resolve().parents[2]

# -- .pre-commit-hooks.yaml -----------------------------------------------------------------


def hooks() -> list[dict[str, object]]:
    data = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def test_pre_commit_hooks_have_the_required_keys() -> None:
    by_id = {hook["id"]: hook for hook in hooks()}
    assert set(by_id) == {"pozo-site-check", "pozo-site-fix"}
    for hook in by_id.values():
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert all(isinstance(hook[key], str) and hook[key] for key in ("id", "name", "entry"))
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is True
        assert hook["require_serial"] is False
    assert by_id["pozo-site-check"]["entry"] == "pozo-site check"
    assert by_id["pozo-site-fix"]["entry"] == "pozo-site check --fix"


@pytest.mark.parametrize(
    ("path", "passed"),
    [
        ("content/articles/know-your-rights.md", True),
        ("firm.yaml", True),
        ("content/firm.yml", True),
        ("content/firm.toml", True),
        ("content/firm.json", True),
        (".pre-commit-config.yaml", False),
        (".github/workflows/ci.yml", False),
        ("content/myfirm.yaml", False),
        ("pyproject.toml", False),
        ("notes.mdx", False),
    ],
)
def test_pre_commit_hooks_pass_only_the_files_check_reads(path: str, passed: bool) -> None:
    for hook in hooks():
        pattern = hook["files"]
        assert isinstance(pattern, str)
        assert bool(re.search(pattern, path)) is passed  # pre-commit uses re.search


# -- helpers --------------------------------------------------------------------------------

FIXTURES = Path(__file__).resolve().parents[1] / "cli_fixtures"
UPDATE_GOLDEN = bool(os.environ.get("POZO_SITE_UPDATE_GOLDEN"))
"""Set POZO_SITE_UPDATE_GOLDEN=1 to rewrite the expected outputs (then review the diff)."""

GOLDEN_FORMATS = {"text": "expected.txt", "json": "expected.json", "github": "expected.github"}


def run(*argv: str, stdout: io.StringIO | None = None) -> tuple[int, str, str]:
    out, err = stdout or io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def cases(kind: str) -> list[Path]:
    return sorted(path for path in (FIXTURES / kind).iterdir() if path.is_dir())


def golden(case: Path, name: str, actual: str) -> None:
    expected_file = case / name
    if UPDATE_GOLDEN:
        expected_file.write_bytes(actual.encode("utf-8"))
    assert actual == expected_file.read_bytes().decode("utf-8")


@pytest.fixture
def no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv(DEBUG_ENV, raising=False)


def copy_case(case: Path, tmp_path: Path) -> Path:
    target = tmp_path / case.name
    shutil.copytree(case / "content", target / "content")
    return target


# -- fixture folders: valid/ and invalid/, found automatically -----------------------------


@pytest.mark.parametrize("case", cases("valid"), ids=lambda path: path.name)
@pytest.mark.usefixtures("no_color")
def test_valid_folder_checks_clean(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(case)
    code, out, err = run("check", "content")
    assert (code, err) == (0, "")
    assert re.fullmatch(r"All checks passed \(\d+ files?\)\.\n", out)
    for fmt, empty in (("json", "[]\n"), ("github", "")):
        assert run("check", "content", "--format", fmt) == (0, empty, "")
    code, out, _ = run("check", "content", "--format", "sarif")
    assert code == 0
    assert json.loads(out)["runs"][0]["results"] == []


@pytest.mark.parametrize("case", cases("invalid"), ids=lambda path: path.name)
@pytest.mark.parametrize("fmt", sorted(GOLDEN_FORMATS))
@pytest.mark.usefixtures("no_color")
def test_invalid_folder_golden_output(
    case: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(case)
    code, out, err = run("check", "content", "--format", fmt)
    golden(case, GOLDEN_FORMATS[fmt], out)
    findings = json.loads(run("check", "content", "--format", "json")[1])
    assert findings, "an invalid case must have findings"
    has_error = any(item["severity"] == "error" for item in findings)
    assert code == (1 if has_error else 0)
    assert err == ""


@pytest.mark.parametrize("case", cases("invalid"), ids=lambda path: path.name)
@pytest.mark.usefixtures("no_color")
def test_invalid_folder_sarif_is_valid(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(case)
    _, out, _ = run("check", "content", "--format", "sarif")
    log = json.loads(out)
    sarif_validator().validate(log)
    assert_github_accepts(log)
    findings = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    results = log["runs"][0]["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        (item["code"], item["severity"]) for item in findings
    ]
    # Every registered rule is described, so that GitHub knows each ruleId.
    assert {rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]} == set(RULES)


def test_every_case_folder_is_a_content_folder() -> None:
    for kind in ("valid", "invalid"):
        assert cases(kind), f"no {kind} cases"
        for case in cases(kind):
            assert (case / "content").is_dir(), case


def test_invalid_cases_cover_every_family() -> None:
    codes = {
        item["code"]
        for case in cases("invalid")
        for item in json.loads((case / "expected.json").read_text(encoding="utf-8"))
    }
    assert {code[0] for code in codes} >= {family.value for family in Family}


@pytest.mark.usefixtures("no_color")
def test_shipped_example_content_checks_clean() -> None:
    with resources.as_file(example_content()) as folder:
        code, out, err = run("check", str(folder))
        _, without_j, _ = run("check", str(folder), "--extend-ignore", "J")
    assert (code, err) == (0, ""), out
    # Only the structured-data warnings (J) of a profile that holds only the seed's facts.
    assert {line.split(" ")[1] for line in out.splitlines() if ": J" in line} == {
        "J001",
        "J002",
        "J004",
        "J005",
        "J006",
    }
    assert out.endswith("Found 5 warnings in 1 file.\n")
    assert without_j.startswith("All checks passed")


# -- options and exit codes -----------------------------------------------------------------

PHONE_CASE = FIXTURES / "invalid" / "phone"
WARNINGS_CASE = FIXTURES / "invalid" / "warnings-only"
VALID_CASE = FIXTURES / "valid" / "minimal"


@pytest.mark.usefixtures("no_color")
def test_default_path_is_the_current_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PHONE_CASE / "content")
    code, out, _ = run("check")
    assert code == 1
    assert out.startswith("articles/call-us.md:")


@pytest.mark.usefixtures("no_color")
def test_warnings_alone_exit_0_and_exit_zero_overrides_errors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(WARNINGS_CASE)
    code, out, _ = run("check", "content")
    assert code == 0
    assert "warning" in out.splitlines()[-1]
    monkeypatch.chdir(PHONE_CASE)
    assert run("check", "content")[0] == 1
    assert run("check", "content", "--exit-zero")[0] == 0


@pytest.mark.usefixtures("no_color")
def test_select_and_ignore(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PHONE_CASE)
    _, out, _ = run("check", "content", "--format", "json", "--select", "P002")
    assert {item["code"] for item in json.loads(out)} == {"P002"}
    _, out, _ = run("check", "content", "--format", "json", "--ignore", "p001, P002")
    assert not {item["code"] for item in json.loads(out)} & {"P001", "P002"}
    code, out, _ = run("check", "content", "--select", "P002")
    assert code == 0  # P002 is a warning
    _, out, _ = run("check", "content", "--format", "json", "--select", "P", "--ignore", "P001")
    assert {item["code"] for item in json.loads(out)} == {"P002"}


@pytest.mark.parametrize(
    "argv",
    [
        ("--select", "P999"),
        ("--ignore", "Q"),
        ("--extend-ignore", "P001,NOPE"),
    ],
)
@pytest.mark.usefixtures("no_color")
def test_unknown_codes_are_usage_errors(
    argv: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(PHONE_CASE)
    code, out, err = run("check", "content", *argv)
    assert (code, out) == (2, "")
    assert err.startswith("pozo-site check: ")
    assert "unknown rule code" in err
    assert err.count("\n") == 1


@pytest.mark.usefixtures("no_color")
def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    code, out, err = run("check", str(tmp_path / "nope"))
    assert (code, out) == (2, "")
    assert err == f"pozo-site check: no such file or folder: {tmp_path / 'nope'}\n"


@pytest.mark.parametrize(
    "argv",
    [("--format", "xml"), ("--fix", "--diff"), ("--bogus",)],
)
def test_argparse_usage_errors_exit_2(
    argv: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run("check", *argv)
    assert (code, out) == (2, "")
    assert "usage: pozo-site" in capsys.readouterr().err


@pytest.mark.usefixtures("no_color")
def test_config_file_is_found_upward_and_can_be_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = copy_case(PHONE_CASE, tmp_path)
    (case / "pozo-site.toml").write_text('ignore = ["P001"]\n', encoding="utf-8")
    monkeypatch.chdir(case)
    _, out, _ = run("check", "content", "--format", "json")
    assert "P001" not in {item["code"] for item in json.loads(out)}
    other = tmp_path / "strict.toml"
    other.write_text('select = ["P001"]\n', encoding="utf-8")
    code, out, err = run("check", "content", "--format", "json", "--config", str(other))
    assert (code, err) == (1, "")
    assert {item["code"] for item in json.loads(out)} == {"P001"}


@pytest.mark.usefixtures("no_color")
def test_config_errors_exit_2_and_name_the_file(tmp_path: Path) -> None:
    case = copy_case(PHONE_CASE, tmp_path)
    config = case / "pozo-site.toml"
    config.write_text('selec = ["P001"]\n', encoding="utf-8")
    code, out, err = run("check", str(case / "content"))
    assert (code, out) == (2, "")
    assert err.startswith(f"pozo-site check: {config}: ")
    assert "selec" in err
    code, _, err = run("check", str(case / "content"), "--config", str(tmp_path / "none.toml"))
    assert code == 2
    assert "none.toml" in err


@pytest.mark.usefixtures("no_color")
def test_output_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PHONE_CASE)
    target = tmp_path / "report.sarif"
    code, out, err = run("check", "content", "--format", "sarif", "--output", str(target))
    assert (code, out, err) == (1, "", "")
    sarif_validator().validate(json.loads(target.read_text(encoding="utf-8")))
    code, out, err = run("check", "content", "-o", str(tmp_path / "no" / "such" / "dir.txt"))
    assert (code, out) == (2, "")
    assert err.startswith("pozo-site check: cannot write ")


@pytest.mark.usefixtures("no_color")
def test_quiet_leaves_out_the_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PHONE_CASE)
    _, loud, _ = run("check", "content")
    code, quiet, _ = run("check", "content", "--quiet")
    assert code == 1
    assert loud.startswith(quiet)
    assert "Found" not in quiet
    monkeypatch.chdir(VALID_CASE)
    assert run("check", "content", "-q") == (0, "", "")


# -- colour ---------------------------------------------------------------------------------


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("environ", "tty", "expected"),
    [
        ({}, True, True),
        ({}, False, False),
        ({"NO_COLOR": "1"}, True, False),
        ({"NO_COLOR": ""}, True, False),  # set, even empty: no colour
        ({"FORCE_COLOR": "1"}, False, True),
        ({"FORCE_COLOR": ""}, False, False),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, True, False),  # NO_COLOR wins
        ({"TERM": "dumb"}, True, False),
        ({"TERM": "dumb", "FORCE_COLOR": "1"}, True, True),
    ],
)
def test_use_color(environ: dict[str, str], tty: bool, expected: bool) -> None:
    stream = FakeTerminal() if tty else io.StringIO()
    assert use_color(stream, environ) is expected


def test_color_reaches_the_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PHONE_CASE)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    _, out, _ = run("check", "content", stdout=FakeTerminal())
    assert "\x1b[" in out
    _, out, _ = run("check", "content", "--format", "json", stdout=FakeTerminal())
    assert "\x1b[" not in out
    monkeypatch.setenv("NO_COLOR", "")
    _, out, _ = run("check", "content", stdout=FakeTerminal())
    assert "\x1b[" not in out
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    _, out, _ = run("check", "content")
    assert "\x1b[" in out


# -- failures of the tool -------------------------------------------------------------------


def test_internal_error_is_one_line_without_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pozo_site.cli import _check

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom\nsecond line")

    monkeypatch.delenv(DEBUG_ENV, raising=False)
    monkeypatch.setattr(_check, "check_paths", explode)
    monkeypatch.chdir(VALID_CASE)
    code, out, err = run("check", "content")
    assert (code, out) == (2, "")
    assert err == (
        "pozo-site: internal error: RuntimeError: boom (run with --verbose for the traceback)\n"
    )
    monkeypatch.setenv(DEBUG_ENV, "1")
    code, _, err = run("check", "content")
    assert code == 2
    assert err.startswith("Traceback (most recent call last):")
    assert err.endswith("pozo-site: internal error: RuntimeError: boom\n")


def test_broken_pipe_is_not_an_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError

    monkeypatch.chdir(PHONE_CASE)
    assert run("check", "content", stdout=ClosedPipe()) == (0, "", "")


# -- --diff and --fix -----------------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.mark.usefixtures("no_color")
def test_diff_shows_fixes_writes_nothing_and_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = copy_case(PHONE_CASE, tmp_path)
    before = snapshot(case)
    monkeypatch.chdir(case)
    code, out, err = run("check", "content", "--diff")
    assert code == 1
    assert snapshot(case) == before
    golden(PHONE_CASE, "expected.diff", out)
    assert err == "Would fix 2 files.\n"


@pytest.mark.usefixtures("no_color")
def test_fix_writes_then_reports_the_rest_and_a_second_run_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = copy_case(PHONE_CASE, tmp_path)
    monkeypatch.chdir(case)
    _, diff, _ = run("check", "content", "--diff")
    code, out, err = run("check", "content", "--fix", "--format", "json")
    assert code == 1  # the wrong numbers (P001) remain: no fix can know the right one
    assert err == "Fixed 2 files.\n"
    remaining = json.loads(out)
    assert remaining
    assert not any(item["fixable"] for item in remaining)
    after = snapshot(case)
    assert run("check", "content", "--diff") == (0, "", "No fixes to apply.\n")
    assert run("check", "content", "--fix", "--quiet", "--format", "json")[2] == ""
    assert snapshot(case) == after
    crlf = (case / "content" / "articles" / "crlf.md").read_bytes()
    assert crlf.count(b"\r\n") == crlf.count(b"\n")  # CRLF stays CRLF
    assert b"212-201-9031" in crlf
    assert "+Call 212-201-9031." in diff.replace("\r", "")


@pytest.mark.usefixtures("no_color")
def test_diff_with_nothing_to_fix_exits_0(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(VALID_CASE)
    assert run("check", "content", "--diff") == (0, "", "No fixes to apply.\n")
    assert run("check", "content", "--diff", "--quiet") == (0, "", "")


# -- pozo-site rules ------------------------------------------------------------------------


def ordered_codes() -> list[str]:
    """Every rule code in catalogue order: by family, then by code."""
    order = list(Family)
    return [r.code for r in sorted(RULES.values(), key=lambda r: (order.index(r.family), r.code))]


def test_rules_lists_every_registered_rule() -> None:
    code, out, err = run("rules")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["code", "name", "severity", "fixable", "summary"]
    assert [line.split()[0] for line in lines[1:]] == ordered_codes()
    assert len(RULES) >= 20


def test_rules_json_and_filter() -> None:
    code, out, _ = run("rules", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert {item["code"] for item in data} == set(RULES)
    for item in data:
        rule = RULES[item["code"]]
        assert (item["name"], item["severity"], item["fixable"]) == (
            rule.name,
            rule.severity.value,
            rule.fixable,
        )
        assert item["explanation"]
        assert item["example"]
    _, out, _ = run("rules", "c", "P001", "--format", "json")
    chosen = {item["code"] for item in json.loads(out)}
    assert chosen == {code for code in RULES if code.startswith("C")} | {"P001"}


def test_rules_unknown_code_is_a_usage_error() -> None:
    assert run("rules", "P999") == (2, "", "pozo-site rules: unknown rule code(s): P999\n")


def test_compliance_rules_say_they_are_no_legal_advice() -> None:
    for rule in RULES.values():
        if rule.family is Family.COMPLIANCE:
            assert rule.reference
            assert "legal advice" in rule.explanation


def test_docs_rules_md_is_generated_from_the_registry() -> None:
    """docs/rules.md cannot drift: regenerate it with
    `pozo-site rules --format markdown > docs/rules.md`."""
    code, out, _ = run("rules", "--format", "markdown")
    assert code == 0
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == out
    for code_ in RULES:
        assert f"### {code_}: {RULES[code_].name}" in committed


def test_docs_rules_md_renders_rule_texts_literally() -> None:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse((ROOT / "docs" / "rules.md").read_text("utf-8"))
    html_blocks = [t for t in tokens if t.type == "html_block"]
    assert len(html_blocks) == 1  # the "generated" comment, nothing from a rule's text
    inline = [child for token in tokens for child in token.children or ()]
    assert not [t for t in inline if t.type in ("image", "html_inline")]
    links = [t.attrs["href"] for t in inline if t.type == "link_open"]
    assert links == ["check.md"] + [f"#{c.lower()}-{RULES[c].name}" for c in ordered_codes()]
    headings = {
        token.content
        for before, token in itertools.pairwise(tokens)
        if before.type == "heading_open" and before.tag == "h3"
    }
    assert headings == {f"{code}: {rule.name}" for code, rule in RULES.items()}


@pytest.mark.usefixtures("no_color")
def test_diff_goes_to_the_output_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PHONE_CASE)
    target = tmp_path / "fixes.diff"
    code, out, err = run("check", "content", "--diff", "--output", str(target))
    assert (code, out, err) == (1, "", "Would fix 2 files.\n")
    assert target.read_bytes() == (PHONE_CASE / "expected.diff").read_bytes()


def _front(body: str, extra: str = "") -> str:
    return f"---\ntitle: T\nslug: t\ndate: 2024-01-01\n{extra}---\n{body}"


# -- command line ------------------------------------------------------------------------------


def test_a_named_file_that_is_not_content_is_reported_on_stderr(in_tmp: Path) -> None:
    (in_tmp / "notes.txt").write_text("x\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["check", "notes.txt"], stdout=out, stderr=err) == 0
    assert "notes.txt" in err.getvalue()
    assert "not an article" in err.getvalue()


def test_no_content_at_all_is_a_warning_on_stderr(in_tmp: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["check"], stdout=out, stderr=err) == 0
    assert "no articles or firm profile found" in err.getvalue()
    assert "All checks passed (0 files)." in out.getvalue()
    quiet_err = io.StringIO()
    assert main(["check", "-q"], stdout=io.StringIO(), stderr=quiet_err) == 0
    assert quiet_err.getvalue() == ""


# -- a folder of hostile files, every output format ------------------------------------------


def _hostile_folder(root: Path) -> None:
    articles = root / "articles"
    articles.mkdir(parents=True)
    files: dict[str, bytes] = {
        "empty.md": b"",
        "bom-only.md": b"\xef\xbb\xbf",
        "dashes.md": b"---",
        "nul.md": b"---\ntitle: a\x00b\n---\n",
        "latin1.md": b"---\ntitle: caf\xe9\n---\n",
        "utf16.md": b"\xff\xfe" + _front("x\n").encode("utf-16-le"),
        "tag.md": b"---\ntitle: !!python/object/apply:os.system ['true']\n---\n",
        "laughs.md": b"---\na: &a [x, x]\nb: [*a, *a]\n---\n",
        "nested.md": b"---\ntitle: " + b"[" * 2000 + b"]" * 2000 + b"\n---\n",
        "sp ace,co:lon.md": _front("Call 212-555-0123\n").encode(),
        "new\nline.md": _front("Call 212.201.9031\n").encode(),
        "\u00fcnic\u00f6de \U0001f600.md": _front("\U0001f600 e\u0301 212-555-0123\n").encode(),
    }
    for name, data in files.items():
        (articles / name).write_bytes(data)
    (articles / "folder.md").mkdir()
    if hasattr(os, "mkfifo"):
        os.mkfifo(articles / "fifo.md")
    try:
        os.symlink("loop-b.md", articles / "loop-a.md")
        os.symlink("loop-a.md", articles / "loop-b.md")
        os.symlink("missing.md", articles / "broken.md")
    except (OSError, NotImplementedError):  # pragma: no cover - no symlinks here
        pass


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_hostile_folder_in_every_format(in_tmp: Path, fmt: str) -> None:
    _hostile_folder(in_tmp / "content")
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", "content", "--format", fmt], stdout=out, stderr=err)
    assert code == 1
    assert "Traceback" not in err.getvalue() + out.getvalue()
    assert "internal error" not in err.getvalue()
    text = out.getvalue()
    if fmt == "json":
        codes = {row["code"] for row in json.loads(text)}
        assert {"F001", "F002", "F003", "F005", "F006", "F007", "P001"} <= codes
    elif fmt == "sarif":
        log = json.loads(text)
        sarif_validator().validate(log)
        assert_github_accepts(log)
    elif fmt == "github":
        assert all(line.startswith("::") for line in text.splitlines())
        assert "new%0Aline.md" in text
    else:
        assert "new\\nline.md" in text


def test_fix_and_diff_on_the_hostile_folder(in_tmp: Path) -> None:
    _hostile_folder(in_tmp / "content")
    for args in (["--diff"], ["--fix"], ["--fix"]):
        out, err = io.StringIO(), io.StringIO()
        code = main(["check", "content", *args], stdout=out, stderr=err)
        assert code == 1
        assert "Traceback" not in err.getvalue() + out.getvalue()
    name = in_tmp / "content" / "articles" / "new\nline.md"
    assert name.read_text(encoding="utf-8").endswith("Call 212-201-9031\n")
