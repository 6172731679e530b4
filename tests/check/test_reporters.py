"""The reporters: text, JSON, GitHub workflow commands and SARIF, on hand-made findings."""

from __future__ import annotations

import doctest
import functools
import importlib
import json
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pozo_site._printable import printable
from pozo_site.check._finding import CheckResult, Edit, Finding, Fix, Severity, in_order
from pozo_site.check._rule import Family, Rule
from pozo_site.check.reporters import REPORTER_BY_NAME, ReportOptions, json_reporter, text_reporter
from pozo_site.check.reporters import github as github_reporter
from pozo_site.check.reporters import sarif as sarif_reporter
from tests.testdata import SARIF_SCHEMA

PHONE = Rule(
    code="P901",
    name="phone-test-not-firm",
    family=Family.PHONE,
    severity=Severity.ERROR,
    summary="A phone number that is not one of the firm's.",
    explanation="Test rule. Numbers must be the firm's own.",
    example="Call (212) 555-0199.",
)
STYLE = Rule(
    code="P902",
    name="phone-test-style",
    family=Family.PHONE,
    severity=Severity.WARNING,
    summary="A firm number not in house style.",
    explanation="Test rule. Write numbers in house style.",
    example="Call 212.201.9031 or ```fenced```.",
    fixable=True,
)
ALT = Rule(
    code="A901",
    name="image-test-alt",
    family=Family.ACCESSIBILITY,
    severity=Severity.ERROR,
    summary="An image without alt text.",
    explanation="Test rule. Screen readers read the alt text.",
    example="![](photo.jpg)",
    reference="WCAG 2.1 SC 1.1.1",
)
RULES = {rule.code: rule for rule in (PHONE, STYLE, ALT)}


def finding(
    path: str = "articles/a.md",
    line: int = 3,
    column: int = 5,
    code: str = "P901",
    *,
    severity: Severity = Severity.ERROR,
    message: str = "(212) 555-0199 is not one of the firm's numbers",
    end_line: int | None = None,
    end_column: int | None = None,
    fix: Fix | None = None,
) -> Finding:
    return Finding(
        path=path,
        line=line,
        column=column,
        code=code,
        severity=severity,
        message=message,
        end_line=end_line,
        end_column=end_column,
        fix=fix,
    )


STYLE_FIX = Fix(
    description="write the number in house style",
    edits=(Edit(start=40, end=52, replacement="(212) 201-9031"),),
)


def sample() -> CheckResult:
    return CheckResult(
        findings=(
            finding("b.md", 7, 1, "A901", message="image has no alt text"),
            finding("articles/a.md", 3, 5, end_line=3, end_column=19),
            finding(
                "articles/a.md",
                9,
                12,
                "P902",
                severity=Severity.WARNING,
                message="write 212.201.9031 as (212) 201-9031",
                end_line=9,
                end_column=24,
                fix=STYLE_FIX,
            ),
            finding("articles/a.md", 1, 1, "A901", message="image has no alt text"),
        ),
        files_checked=4,
    )


# -- the table ------------------------------------------------------------------------------


def test_reporter_names_are_pinned() -> None:
    assert sorted(REPORTER_BY_NAME) == ["github", "json", "sarif", "text"]
    for name, reporter in REPORTER_BY_NAME.items():
        assert reporter.name == name
        assert reporter.description


@pytest.mark.parametrize("name", sorted(REPORTER_BY_NAME))
def test_every_reporter_is_pure_and_ends_with_a_newline(name: str) -> None:
    reporter = REPORTER_BY_NAME[name]
    first = reporter.format(sample(), rules=RULES)
    assert first == reporter.format(sample(), rules=RULES)
    assert first.endswith("\n")
    assert "\x1b[" not in first


@pytest.mark.parametrize("name", ["text_reporter", "json_reporter", "github", "sarif"])
def test_reporter_modules_doctests(name: str) -> None:
    module = importlib.import_module(f"pozo_site.check.reporters.{name}")
    result = doctest.testmod(module)
    assert result.failed == 0


def test_package_doctest() -> None:
    module = importlib.import_module("pozo_site.check.reporters")
    result = doctest.testmod(module)
    assert (result.failed, result.attempted > 0) == (0, True)


# -- text -----------------------------------------------------------------------------------


def test_text_lines_grouped_by_sorted_file_with_fix_marker_and_summary() -> None:
    assert text_reporter.format(sample(), rules=RULES) == (
        "articles/a.md:1:1: A901 image has no alt text\n"
        "articles/a.md:3:5: P901 (212) 555-0199 is not one of the firm's numbers\n"
        "articles/a.md:9:12: P902 [*] write 212.201.9031 as (212) 201-9031\n"
        "\n"
        "b.md:7:1: A901 image has no alt text\n"
        "\n"
        "Found 3 errors and 1 warning in 2 files (1 fixable with --fix).\n"
    )


@pytest.mark.parametrize(
    ("findings", "files", "expected"),
    [
        ((), 0, "All checks passed (0 files)."),
        ((), 1, "All checks passed (1 file)."),
        ((), 12, "All checks passed (12 files)."),
        ((finding(),), 3, "Found 1 error in 1 file."),
        (
            (finding(severity=Severity.WARNING), finding(line=4, severity=Severity.WARNING)),
            3,
            "Found 2 warnings in 1 file.",
        ),
        (
            (finding(fix=STYLE_FIX), finding(path="z.md", fix=STYLE_FIX)),
            2,
            "Found 2 errors in 2 files (2 fixable with --fix).",
        ),
    ],
)
def test_text_summary_wording(findings: tuple[Finding, ...], files: int, expected: str) -> None:
    text = text_reporter.format(CheckResult(findings=findings, files_checked=files), rules={})
    assert text.splitlines()[-1] == expected


def test_text_quiet_leaves_out_the_summary() -> None:
    text = text_reporter.format(sample(), rules=RULES, summary=False)
    assert "Found" not in text
    assert text.count("\n") == 5  # four findings and one blank line between the two files
    clean = CheckResult(findings=(), files_checked=3)
    assert text_reporter.format(clean, rules=RULES, summary=False) == ""


def test_text_color_only_on_request() -> None:
    plain = text_reporter.format(sample(), rules=RULES)
    colored = text_reporter.format(sample(), rules=RULES, color=True)
    assert "\x1b[" not in plain
    assert "\x1b[1;31mP901\x1b[0m" in colored  # errors red
    assert "\x1b[1;33mP902\x1b[0m" in colored  # warnings yellow
    assert "\x1b[36m[*]\x1b[0m" in colored
    # Without the escape sequences, the coloured text is the plain text.
    import re

    assert re.sub(r"\x1b\[[0-9;]*m", "", colored) == plain


def test_text_escapes_control_and_bidi_characters_and_surrogates() -> None:
    hostile = finding(
        path="evil\x1b[2J\u202e.md", message="line one\nline two\r\tand \x07 \udcff bytes"
    )
    text = text_reporter.format(CheckResult(findings=(hostile,), files_checked=1), rules={})
    first = text.splitlines()[0]
    assert first == (
        "evil\\x1b[2J\\u202e.md:3:5: P901 line one\\nline two\\r\\tand \\x07 \\udcff bytes"
    )
    text.encode("utf-8")  # writable to any UTF-8 stream


def test_reporter_options_reach_the_text_reporter() -> None:
    reporter = REPORTER_BY_NAME["text"]
    assert "\x1b[" in reporter.format(sample(), rules=RULES, options=ReportOptions(color=True))
    quiet = reporter.format(sample(), rules=RULES, options=ReportOptions(summary=False))
    assert "Found" not in quiet


# -- JSON -----------------------------------------------------------------------------------


def test_json_objects_have_the_documented_keys_in_order() -> None:
    data = json.loads(json_reporter.format(sample(), rules=RULES))
    assert [(item["path"], item["line"], item["code"]) for item in data] == [
        ("articles/a.md", 1, "A901"),
        ("articles/a.md", 3, "P901"),
        ("articles/a.md", 9, "P902"),
        ("b.md", 7, "A901"),
    ]
    keys = [
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "code",
        "name",
        "severity",
        "message",
        "fixable",
        "fix",
    ]
    assert all(list(item) == keys for item in data)
    assert data[2] == {
        "path": "articles/a.md",
        "line": 9,
        "column": 12,
        "end_line": 9,
        "end_column": 24,
        "code": "P902",
        "name": "phone-test-style",
        "severity": "warning",
        "message": "write 212.201.9031 as (212) 201-9031",
        "fixable": True,
        "fix": {
            "description": "write the number in house style",
            "edits": [{"start": 40, "end": 52, "replacement": "(212) 201-9031"}],
        },
    }
    assert data[0]["end_line"] is None
    assert data[0]["fix"] is None
    assert data[0]["fixable"] is False


def test_json_unknown_rule_has_null_name_and_output_is_ascii() -> None:
    result = CheckResult(
        findings=(finding(code="X999", message="caf\u00e9 \udcff"),), files_checked=1
    )
    text = json_reporter.format(result, rules=RULES)
    assert text.isascii()
    (item,) = json.loads(text)
    assert item["name"] is None
    assert item["message"] == "caf\u00e9 \udcff"


def test_json_empty_is_an_empty_array() -> None:
    assert json_reporter.format(CheckResult(findings=(), files_checked=0), rules=RULES) == "[]\n"


# -- GitHub workflow commands ---------------------------------------------------------------


def parse_workflow_command(line: str) -> tuple[str, dict[str, str], str]:
    """Parse one line the way the Actions runner does (ActionCommand.TryParseV2)."""
    line = line.strip()
    assert line.startswith("::")
    end = line.index("::", 2)
    info, data = line[2:end], line[end + 2 :]
    name, _, props = info.partition(" ")
    properties: dict[str, str] = {}
    for pair in filter(None, props.split(",")):
        key, _, value = pair.partition("=")
        properties[key] = (
            value.replace("%0D", "\r")
            .replace("%0A", "\n")
            .replace("%3A", ":")
            .replace("%2C", ",")
            .replace("%25", "%")
        )
    message = data.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")
    return name, properties, message


def test_github_commands() -> None:
    lines = github_reporter.format(sample(), rules=RULES).splitlines()
    assert lines == [
        "::error file=articles/a.md,line=1,col=1,title=A901::image has no alt text",
        "::error file=articles/a.md,line=3,col=5,endLine=3,endColumn=19,title=P901::"
        "(212) 555-0199 is not one of the firm's numbers",
        "::warning file=articles/a.md,line=9,col=12,endLine=9,endColumn=24,title=P902::"
        "write 212.201.9031 as (212) 201-9031",
        "::error file=b.md,line=7,col=1,title=A901::image has no alt text",
    ]


def test_github_columns_only_on_one_line() -> None:
    multi = finding(line=3, column=5, end_line=6, end_column=2)
    (line,) = github_reporter.format(CheckResult((multi,), 1), rules={}).splitlines()
    assert line.startswith("::error file=articles/a.md,line=3,endLine=6,title=P901::")
    assert "col=" not in line
    assert "endColumn" not in line


def test_github_escapes_hostile_paths_and_messages() -> None:
    hostile = finding(
        path="dir,one/a:b%2C,c\r\n.md",
        message="100% sure: a,b\r\nnext ::error file=x::injected %0A",
        code="P901",
    )
    (line,) = github_reporter.format(CheckResult((hostile,), 1), rules={}).splitlines()
    assert line == (
        "::error file=dir%2Cone/a%3Ab%252C%2Cc%0D%0A.md,line=3,col=5,title=P901::"
        "100%25 sure: a,b%0D%0Anext ::error file=x::injected %250A"
    )
    name, properties, message = parse_workflow_command(line)
    assert name == "error"
    assert properties["file"] == hostile.path
    assert message == hostile.message


def test_github_escape_functions() -> None:
    assert github_reporter.escape_data("%\r\n:,") == "%25%0D%0A:,"
    assert github_reporter.escape_property("%\r\n:,") == "%25%0D%0A%3A%2C"


def _shown(value: str) -> str:
    kept = value.replace("\r", "\ufdd0").replace("\n", "\ufdd1")
    return printable(kept).replace("\ufdd0", "\r").replace("\ufdd1", "\n")


_text_no_surrogates = st.text(st.characters(codec="utf-8"), max_size=40)


@settings(max_examples=150, deadline=None)
@given(path=_text_no_surrogates, message=_text_no_surrogates, line=st.integers(1, 10**6))
def test_github_round_trips_through_the_runner_parser(path: str, message: str, line: int) -> None:
    item = finding(path=path, line=line, message=message)
    output = github_reporter.format(CheckResult((item,), 1), rules={})
    assert output.count("\n") == 1
    name, properties, parsed = parse_workflow_command(output.rstrip("\n"))
    # CR and LF round-trip (the runner unescapes them); other control, bidi and
    # line-separator characters, which it has no escape for, arrive as text escapes.
    assert properties["file"] == _shown(path)
    if not message[-1:].isspace():  # the runner trims the line, so trailing blanks go
        assert parsed == _shown(message)
    assert name == "error"
    assert properties["line"] == str(line)
    assert properties["title"] == "P901"


# -- SARIF ----------------------------------------------------------------------------------


@functools.cache
def sarif_validator() -> jsonschema.Draft7Validator:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema)


def assert_github_accepts(log: dict[str, Any]) -> None:
    """GitHub code scanning's requirements beyond the schema."""

    def no_empty_strings(value: Any, where: str) -> None:
        if isinstance(value, str):
            assert value, f"empty string at {where}"
        elif isinstance(value, dict):
            for key, item in value.items():
                no_empty_strings(item, f"{where}.{key}")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                no_empty_strings(item, f"{where}[{index}]")

    no_empty_strings(log, "$")
    assert log["$schema"]
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "pozo-site"
    ids = [rule["id"] for rule in driver["rules"]]
    assert len(ids) == len(set(ids))
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"]
        assert rule["help"]["text"]
    for result in run["results"]:
        assert result["ruleId"] in ids
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("note", "warning", "error")
        assert result["message"]["text"]
        assert 1 <= len(result["locations"]) <= 10
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uri"]
        assert physical["region"]["startLine"] >= 1
        assert result["partialFingerprints"]


def sarif(result: CheckResult, rules: dict[str, Rule] = RULES) -> dict[str, Any]:
    text = sarif_reporter.format(result, rules=rules, tool_version="1.2.3")
    log: dict[str, Any] = json.loads(text)
    sarif_validator().validate(log)
    assert_github_accepts(log)
    return log


def test_sarif_is_valid_and_describes_every_rule() -> None:
    log = sarif(sample())
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["version"] == "1.2.3"
    assert "informationUri" not in driver  # no invented URLs
    assert [rule["id"] for rule in driver["rules"]] == ["A901", "P901", "P902"]
    alt = driver["rules"][0]
    assert alt == {
        "id": "A901",
        "name": "image-test-alt",
        "shortDescription": {"text": "An image without alt text."},
        "fullDescription": {"text": "Test rule. Screen readers read the alt text."},
        "help": {
            "text": "Test rule. Screen readers read the alt text.\n\nExample:\n![](photo.jpg)"
            "\n\nReference: WCAG 2.1 SC 1.1.1",
            "markdown": "Test rule. Screen readers read the alt text.\n\nExample:\n\n"
            "```\n![](photo.jpg)\n```\n\nReference: WCAG 2.1 SC 1.1.1",
        },
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["accessibility"]},
    }
    # A fence longer than any backtick run in the example.
    assert (
        "````\nCall 212.201.9031 or ```fenced```.\n````" in driver["rules"][2]["help"]["markdown"]
    )
    assert driver["rules"][2]["defaultConfiguration"] == {"level": "warning"}


def test_sarif_results() -> None:
    results = sarif(sample())["runs"][0]["results"]
    assert [(r["ruleId"], r["ruleIndex"], r["level"]) for r in results] == [
        ("A901", 0, "error"),
        ("P901", 1, "error"),
        ("P902", 2, "warning"),
        ("A901", 0, "error"),
    ]
    second = results[1]
    assert second["message"] == {"text": "(212) 555-0199 is not one of the firm's numbers"}
    assert second["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "articles/a.md", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 3, "startColumn": 5, "endLine": 3, "endColumn": 19},
            }
        }
    ]
    assert results[0]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 1,
        "startColumn": 1,
    }
    assert "fixes" not in second


def test_sarif_level_follows_configured_severity_not_rule_default() -> None:
    downgraded = finding(code="P901", severity=Severity.WARNING)
    (result,) = sarif(CheckResult((downgraded,), 1))["runs"][0]["results"]
    assert result["level"] == "warning"


def test_sarif_fixes_use_character_offsets() -> None:
    edits = (Edit(40, 52, "(212) 201-9031"), Edit(60, 61, ""))
    fixable = finding(fix=Fix("write the number in house style", edits))
    (result,) = sarif(CheckResult((fixable,), 1))["runs"][0]["results"]
    assert result["fixes"] == [
        {
            "description": {"text": "write the number in house style"},
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": "articles/a.md", "uriBaseId": "%SRCROOT%"},
                    "replacements": [
                        {
                            "deletedRegion": {"charOffset": 40, "charLength": 12},
                            "insertedContent": {"text": "(212) 201-9031"},
                        },
                        {"deletedRegion": {"charOffset": 60, "charLength": 1}},
                    ],
                }
            ],
        }
    ]
    empty = finding(fix=Fix("", ()))
    (result,) = sarif(CheckResult((empty,), 1))["runs"][0]["results"]
    assert "fixes" not in result


def fingerprint(item: Finding, *others: Finding) -> str:
    results = sarif(CheckResult((item, *others), 1))["runs"][0]["results"]
    fingerprints: dict[str, str] = results[0]["partialFingerprints"]
    (value,) = fingerprints.values()
    return value


def test_sarif_fingerprint_survives_lines_added_above() -> None:
    base = fingerprint(finding(line=3, column=5))
    assert fingerprint(finding(line=30, column=9, end_line=30, end_column=20)) == base
    assert fingerprint(finding(code="P902")) != base
    assert fingerprint(finding(path="articles/b.md")) != base
    assert fingerprint(finding(message="another message")) != base


def test_sarif_fingerprints_of_identical_findings_differ_by_rank() -> None:
    first, second = finding(line=3), finding(line=8)
    results = sarif(CheckResult((second, first), 1))["runs"][0]["results"]
    prints = [next(iter(r["partialFingerprints"].values())) for r in results]
    assert prints[0].endswith(":1")
    assert prints[1].endswith(":2")
    assert prints[0].split(":")[0] == prints[1].split(":")[0]
    assert set(results[0]["partialFingerprints"]) == {"pozoSiteFindingHash/v1"}


@pytest.mark.parametrize(
    ("path", "uri", "base"),
    [
        ("articles/a b#1?.md", "articles/a%20b%231%3F.md", True),
        ("a:b/c%d.md", "a%3Ab/c%25d.md", True),
        ("caf\u00e9.md", "caf%C3%A9.md", True),
        ("bad\udcff.md", "bad%FF.md", True),
        ("back\\slash.md", "back%5Cslash.md", True),  # a POSIX name may hold a backslash
        ("/srv/site/a b.md", "file:///srv/site/a%20b.md", False),
        ("C:/site/a.md", "file:///C:/site/a.md", False),
    ],
)
def test_sarif_uris_are_percent_encoded_references(path: str, uri: str, base: bool) -> None:
    (result,) = sarif(CheckResult((finding(path=path),), 1))["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == uri
    assert ("uriBaseId" in location) is base


def test_sarif_unknown_code_still_gets_a_rule() -> None:
    log = sarif(CheckResult((finding(code="Q123", message=""),), 1), rules={})
    (run,) = log["runs"]
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == ["Q123"]
    assert run["results"][0]["message"]["text"] == "Q123"  # never an empty message


def test_sarif_empty_result_is_valid() -> None:
    log = sarif(CheckResult((), 0))
    assert log["runs"][0]["results"] == []


def test_sarif_default_version_is_the_package_version() -> None:
    from pozo_site import __version__

    log = json.loads(sarif_reporter.format(CheckResult((), 0), rules=RULES))
    assert log["runs"][0]["tool"]["driver"]["version"] == __version__


_paths = st.lists(st.text(st.characters(codec="utf-8"), min_size=1, max_size=12), min_size=1).map(
    "/".join
)


@settings(max_examples=100, deadline=None)
@given(path=_paths, message=st.text(max_size=60), line=st.integers(1, 10**5))
def test_sarif_valid_for_any_path_and_message(path: str, message: str, line: int) -> None:
    sarif(CheckResult((finding(path=path, message=message, line=line, column=1),), 1))


# -- the rule catalogue (pozo-site rules) ---------------------------------------------------


def test_catalog_text_is_aligned_in_family_order() -> None:
    from pozo_site.check.reporters.catalog import format_text

    assert format_text(RULES) == (
        "code  name                 severity  fixable  summary\n"
        "P901  phone-test-not-firm  error     no       "
        "A phone number that is not one of the firm's.\n"
        "P902  phone-test-style     warning   yes      A firm number not in house style.\n"
        "A901  image-test-alt       error     no       An image without alt text.\n"
    )


def test_catalog_json_has_every_field() -> None:
    from pozo_site.check.reporters.catalog import format_json

    data = json.loads(format_json(RULES))
    assert [item["code"] for item in data] == ["P901", "P902", "A901"]
    assert data[2] == {
        "code": "A901",
        "name": "image-test-alt",
        "family": "accessibility",
        "severity": "error",
        "fixable": False,
        "summary": "An image without alt text.",
        "explanation": "Test rule. Screen readers read the alt text.",
        "example": "![](photo.jpg)",
        "reference": "WCAG 2.1 SC 1.1.1",
    }


def test_catalog_markdown_sections_and_anchors() -> None:
    from pozo_site.check.reporters.catalog import format_markdown

    text = format_markdown(RULES)
    assert text.startswith("<!-- Generated by `pozo-site rules --format markdown")
    assert "| [A901](#a901-image-test-alt) | `image-test-alt` | error | no |" in text
    assert text.index("## Phone numbers (P)") < text.index("## Accessibility (A)")
    assert "## Schema" not in text  # families without rules are left out
    section = text[text.index("### A901: image-test-alt") :]
    assert section.splitlines()[:8] == [
        "### A901: image-test-alt",
        "",
        "An image without alt text.",
        "",
        "- Default severity: error",
        "- Fixable with `--fix`: no",
        "- Supports: WCAG 2.1 SC 1.1.1",
        "",
    ]
    assert "````\nCall 212.201.9031 or ```fenced```.\n````" in text
    assert text.endswith("```\n")


def test_catalog_markdown_escapes_pipes_in_table_cells() -> None:
    from dataclasses import replace

    from pozo_site.check.reporters.catalog import format_markdown

    piped = replace(ALT, summary="alt | title\nmissing")
    assert "| alt \\| title missing |" in format_markdown({"A901": piped})


def test_catalog_doctest() -> None:
    from pozo_site.check.reporters import catalog

    assert doctest.testmod(catalog).failed == 0


def test_markdown_escaping_keeps_code_spans_and_neutralises_the_rest() -> None:
    from pozo_site.check.reporters import _markdown

    assert doctest.testmod(_markdown).failed == 0
    escape = _markdown.escape_rule_text
    assert escape("use `a_b*c` and a_b*c") == "use `a_b*c` and a\\_b\\*c"
    assert escape("# not a heading\n- not a list\n1. not a list") == (
        "\\# not a heading\n\\- not a list\n1\\. not a list"
    )
    assert escape("a lone ` backtick") == "a lone \\` backtick"
    assert escape("back\\slash") == "back\\\\slash"


def test_rule_texts_render_literally_in_sarif_help_markdown() -> None:
    from dataclasses import replace

    from markdown_it import MarkdownIt

    tricky = replace(ALT, explanation="Write ![alt](src) or <img alt>; run `pozo-site check`.")
    log = sarif(CheckResult((), 0), rules={"A901": tricky})
    markdown = log["runs"][0]["tool"]["driver"]["rules"][0]["help"]["markdown"]
    tokens = MarkdownIt("commonmark").parse(markdown)
    inline = [child for token in tokens for child in token.children or ()]
    assert not [t for t in inline if t.type in ("image", "html_inline", "link_open")]
    assert [t.content for t in inline if t.type == "code_inline"] == ["pozo-site check"]
    text = "".join(t.content for t in inline if t.type == "text")
    assert "Write ![alt](src) or <img alt>; run " in text


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.builds(
            Finding,
            path=st.sampled_from(["a.md", "b.md", "articles/a.md", "A.md", "ä.md"]),
            line=st.integers(1, 4),
            column=st.integers(1, 3),
            code=st.sampled_from(["P001", "P002", "L005", "A002"]),
            severity=st.sampled_from(list(Severity)),
            message=st.sampled_from(["one", "two"]),
        ),
        max_size=40,
    )
)
def test_in_order_is_sorted_with_equal_findings_kept_in_place(findings: list[Finding]) -> None:
    """The reporters' and the runner's key sort gives the order ``Finding`` compares in,
    and keeps findings at the same place (which compare equal) in their given order."""
    ordered = in_order(findings)
    expected = sorted(findings)
    assert ordered == expected
    assert [id(f) for f in ordered] == [id(f) for f in expected]
