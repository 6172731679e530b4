"""SARIF at scale: GitHub code scanning's limits per run, errors kept first, and a word
about what was left out in the log and on stderr."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from pozo_site.check import RULES, CheckResult, Finding, Severity
from pozo_site.check.reporters import sarif
from pozo_site.cli import main
from tests.check.test_reporters import assert_github_accepts, sarif_validator


def _finding(line: int, severity: Severity) -> Finding:
    code = "P001" if severity is Severity.ERROR else "P002"
    return Finding(
        path="articles/a.md",
        line=line,
        column=1,
        code=code,
        severity=severity,
        message=f"finding on line {line}",
    )


def test_the_log_keeps_errors_first_and_says_how_many_were_left_out() -> None:
    findings = [_finding(n, Severity.WARNING if n % 3 else Severity.ERROR) for n in range(1, 31)]
    result = CheckResult(findings=tuple(sorted(findings)), files_checked=1)
    log = json.loads(sarif.format(result, rules=RULES, max_results=12))
    sarif_validator().validate(log)
    assert_github_accepts(log)
    run = log["runs"][0]
    levels = [r["level"] for r in run["results"]]
    assert len(levels) == 12
    assert levels.count("error") == 10  # every error kept, then the first warnings
    lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in run["results"]]
    assert lines == sorted(lines)  # still in report order
    (invocation,) = run["invocations"]
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "warning"
    assert note["message"]["text"].startswith("18 of 30 results were left out")
    assert sarif.left_out(result, 12) == 18


def test_a_log_within_the_limit_has_no_notification() -> None:
    result = CheckResult(findings=(_finding(1, Severity.ERROR),), files_checked=1)
    log = json.loads(sarif.format(result, rules=RULES))
    assert "invocations" not in log["runs"][0]
    assert sarif.left_out(result) == 0
    assert sarif.MAX_RESULTS_PER_RUN == 25_000


def test_the_cli_warns_when_results_are_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = "".join(f"Call 212-555-01{n:02d} today.\n\n" for n in range(10, 20))
    article = tmp_path / "a.md"
    article.write_text(f"---\ntitle: Calls\nslug: calls\ndate: 2024-05-01\n---\n{lines}", "utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sarif, "MAX_RESULTS_PER_RUN", 4)
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", "--format", "sarif", "a.md"], stdout=out, stderr=err)
    assert code == 1
    log = json.loads(out.getvalue())
    assert len(log["runs"][0]["results"]) == 4
    assert "warning: the SARIF report leaves out" in err.getvalue()
    assert "per run; errors were kept first" in err.getvalue()
