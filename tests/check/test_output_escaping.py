"""Escaping at every exit (issue 13, item 4): hostile file names and messages go through
every reporter and the diff, and none can break a line, start a GitHub workflow command,
reorder text or reach a terminal as an escape sequence; the JSON formats read back exact."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from pozo_site.check import RULES, CheckResult, Finding, Severity
from pozo_site.check._fix import FileChange
from pozo_site.check.reporters import REPORTER_BY_NAME
from tests.adversarial import record
from tests.testdata import SARIF_SCHEMA

HOSTILE = (
    "a\n::error file=x.md,line=1::forged",
    "a\r::warning::forged",
    "a\r\n::error::forged",
    "\x1b[2J\x1b]0;title\x07",
    "\u202egnp.exe",
    "\u2066isolate\u2069 \u200f\u200e\u061c",
    "line\u2028separator\u2029paragraph",
    "next\x85line",
    "tab\there\x0b\x0c",
    "%0A::error::percent",
    "not-utf8-\udcff",
    "plain.md",
)
# Characters that must never reach the output as themselves.
FORBIDDEN = {chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))} - {"\n"} | set(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u2028\u2029"
)


def _result(value: str) -> CheckResult:
    finding = Finding(
        path=f"dir/{value}.md",
        line=2,
        column=3,
        code="P001",
        severity=Severity.ERROR,
        message=f"message {value}",
    )
    return CheckResult(findings=(finding,), files_checked=1)


def _safe_lines(text: str) -> list[str]:
    assert not FORBIDDEN & set(text), sorted(FORBIDDEN & set(text))
    assert "\udcff" not in text
    return text.splitlines()


@pytest.mark.parametrize("value", HOSTILE)
def test_text_report_escapes_every_name_and_message(value: str) -> None:
    lines = _safe_lines(REPORTER_BY_NAME["text"].format(_result(value), rules=RULES))
    assert len(lines) == 3  # the finding, a blank line, the summary
    assert lines[0].startswith("dir/")
    assert " P001 message " in lines[0]


@pytest.mark.parametrize("value", HOSTILE)
def test_github_report_is_one_command_line_per_finding(value: str) -> None:
    lines = _safe_lines(REPORTER_BY_NAME["github"].format(_result(value), rules=RULES))
    assert len(lines) == 1
    assert lines[0].startswith("::error file=dir/")
    properties, _, message = lines[0][len("::error ") :].partition("::")
    assert properties.startswith("file=dir/")
    assert properties.endswith(",title=P001")
    # What the runner shows after its unescaping: the message, on its one line.
    shown = message.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")
    assert shown.startswith("message ")


@pytest.mark.parametrize("name", ["json", "sarif"])
@pytest.mark.parametrize("value", HOSTILE)
def test_json_formats_are_ascii_and_read_back_exactly(name: str, value: str) -> None:
    text = REPORTER_BY_NAME[name].format(_result(value), rules=RULES)
    assert text.isascii()
    data = json.loads(text)
    if name == "json":
        assert data[0]["path"] == f"dir/{value}.md"
        assert data[0]["message"] == f"message {value}"
    else:
        schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
        jsonschema.validate(data, schema)
        assert data["runs"][0]["results"][0]["message"]["text"] == f"message {value}"


@pytest.mark.parametrize("value", HOSTILE)
def test_diff_headers_keep_a_hostile_name_on_its_own_line(value: str) -> None:
    diff = FileChange(Path(f"dir/{value}.md"), "a\n", "b\n").diff()
    lines = _safe_lines(diff)
    assert [line[:4] for line in lines[:2]] == ["--- ", "+++ "]
    assert lines[2:] == ["@@ -1 +1 @@", "-a", "+b"]
    assert not any(line.lstrip().startswith("::") for line in lines)


def test_the_suite_counts_its_cases() -> None:
    record("output escaping", len(HOSTILE) * 5)
