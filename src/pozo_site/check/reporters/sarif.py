"""The SARIF reporter: a SARIF 2.1.0 log that code-scanning services accept.

One run whose tool component (``pozo-site``) describes every rule it is given, plus any
code a finding uses that the registry does not know. Each result has its rule's id and
index, a level (``error`` or ``warning``: the finding's severity, which configuration may
have changed from the rule's default), the message, one location and a
``partialFingerprints`` entry, ``pozoSiteFindingHash/v1``: a hash of the code, the path and
the message, plus the finding's rank among identical ones in the file. It holds no line
number, so an alert keeps its identity when lines are added above it.

Locations are URI references relative to ``%SRCROOT%`` (the folder the paths are relative
to; for GitHub, the repository root), percent-encoded; an absolute path becomes a
``file:`` URI. Columns count Unicode code points (``columnKind``), as Python does, and
``endColumn`` is the column just past the region.

A fixable finding carries ``fixes``: its edits as replacements of ``charOffset`` /
``charLength`` regions, which are character offsets into the file's decoded text, the
byte-order mark not counted. (Line/column regions would need the file's text, which a
reporter does not read.)
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Mapping
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any, Final
from urllib.parse import quote

from pozo_site import __version__
from pozo_site.check._finding import CheckResult, Finding, Fix, Severity, in_order
from pozo_site.check._rule import Family, Rule
from pozo_site.check.reporters._markdown import escape_rule_text, fenced

__all__ = [
    "FINGERPRINT_KEY",
    "MAX_RESULTS_PER_RUN",
    "SARIF_SCHEMA",
    "SARIF_VERSION",
    "format",
    "left_out",
]

SARIF_VERSION: Final = "2.1.0"
SARIF_SCHEMA: Final = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
FINGERPRINT_KEY: Final = "pozoSiteFindingHash/v1"
"""The ``partialFingerprints`` key; the ``/v1`` changes if the hash's recipe ever does."""

MAX_RESULTS_PER_RUN: Final = 25_000
"""GitHub code scanning rejects a run with more results ("SARIF results exceed limit":
also at most 20 runs per file, 25,000 rules per run, 1,000 locations per result and 20
tags per rule; this log has one run, one location per result and one tag per rule)."""

_SRCROOT: Final = "%SRCROOT%"
_FAMILY_BY_PREFIX: Final = {family.value: family for family in Family}


def _level(severity: Severity) -> str:
    return "error" if severity is Severity.ERROR else "warning"


def _rule_descriptor(rule: Rule) -> dict[str, Any]:
    help_text = f"{rule.explanation}\n\nExample:\n{rule.example}"
    help_markdown = f"{escape_rule_text(rule.explanation)}\n\nExample:\n\n{fenced(rule.example)}"
    if rule.reference:
        help_text += f"\n\nReference: {rule.reference}"
        help_markdown += f"\n\nReference: {escape_rule_text(rule.reference)}"
    properties: dict[str, Any] = {"tags": [rule.family.name.lower()]}
    if rule.fixable:
        properties["fixable"] = True
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.explanation},
        "help": {"text": help_text, "markdown": help_markdown},
        "defaultConfiguration": {"level": _level(rule.severity)},
        "properties": properties,
    }


def _unknown_descriptor(code: str) -> dict[str, Any]:
    # A code no rule describes (a bug elsewhere, or hand-made findings): still a valid rule.
    text = f"pozo-site rule {code}"
    descriptor: dict[str, Any] = {
        "id": code,
        "shortDescription": {"text": text},
        "fullDescription": {"text": text},
        "help": {"text": text},
    }
    family = _FAMILY_BY_PREFIX.get(code[:1])
    if family is not None:
        descriptor["properties"] = {"tags": [family.name.lower()]}
    return descriptor


def _artifact_location(path: str) -> dict[str, Any]:
    if PurePosixPath(path).is_absolute() or PureWindowsPath(path).is_absolute():
        native = PureWindowsPath(path) if PureWindowsPath(path).drive else PurePosixPath(path)
        return {"uri": native.as_uri()}
    return {
        "uri": quote(path, safe="/", errors="surrogateescape"),
        "uriBaseId": _SRCROOT,
    }


def _region(finding: Finding) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": finding.line, "startColumn": finding.column}
    if finding.end_line is not None:
        region["endLine"] = finding.end_line
        if finding.end_column is not None:
            region["endColumn"] = finding.end_column
    return region


def _fixes(fix: Fix, location: dict[str, Any]) -> list[dict[str, Any]]:
    replacements = []
    for edit in fix.edits:
        replacement: dict[str, Any] = {
            "deletedRegion": {"charOffset": edit.start, "charLength": edit.end - edit.start}
        }
        if edit.replacement:
            replacement["insertedContent"] = {"text": edit.replacement}
        replacements.append(replacement)
    if not replacements:
        return []
    result: dict[str, Any] = {
        "artifactChanges": [{"artifactLocation": location, "replacements": replacements}]
    }
    if fix.description:
        result = {"description": {"text": fix.description}, **result}
    return [result]


def _fingerprint(finding: Finding, rank: int) -> str:
    digest = hashlib.sha256(
        "\0".join((finding.code, finding.path, finding.message)).encode("utf-8", "surrogateescape")
    ).hexdigest()
    return f"{digest[:32]}:{rank}"


def left_out(result: CheckResult, max_results: int | None = None) -> int:
    """How many findings a SARIF log of ``result`` leaves out to stay within the limit
    (:data:`MAX_RESULTS_PER_RUN` unless ``max_results`` is given)."""
    limit = MAX_RESULTS_PER_RUN if max_results is None else max_results
    return max(0, len(result.findings) - limit)


def _kept(findings: list[Finding], max_results: int) -> list[Finding]:
    """At most ``max_results`` findings, errors first, in report order."""
    if len(findings) <= max_results:
        return findings
    ranked = sorted(
        range(len(findings)), key=lambda i: (findings[i].severity is not Severity.ERROR, i)
    )
    return [findings[i] for i in sorted(ranked[:max_results])]


def format(
    result: CheckResult,
    *,
    rules: Mapping[str, Rule],
    tool_version: str = __version__,
    max_results: int | None = None,
) -> str:
    """``result`` as a SARIF 2.1.0 log (JSON, two-space indent, ASCII, final newline).

    ``rules`` are the rules to describe (normally every registered rule); ``tool_version``
    is the version the log names. At most ``max_results`` results are written (GitHub's
    limit per run), errors first; the run's ``invocations`` then say how many were left
    out, in a ``toolExecutionNotifications`` entry.
    """
    limit = MAX_RESULTS_PER_RUN if max_results is None else max_results
    every = in_order(result.findings)
    findings = _kept(every, limit)
    dropped = len(every) - len(findings)
    descriptors = [_rule_descriptor(rules[code]) for code in sorted(rules)]
    descriptors += [
        _unknown_descriptor(code) for code in sorted({f.code for f in findings} - set(rules))
    ]
    index = {descriptor["id"]: position for position, descriptor in enumerate(descriptors)}
    seen: Counter[tuple[str, str, str]] = Counter()
    results = []
    for finding in findings:
        key = (finding.code, finding.path, finding.message)
        seen[key] += 1
        location = _artifact_location(finding.path)
        rule = rules.get(finding.code)
        message = finding.message or (rule.summary if rule else "") or finding.code
        entry: dict[str, Any] = {
            "ruleId": finding.code,
            "ruleIndex": index[finding.code],
            "level": _level(finding.severity),
            "message": {"text": message},
            "locations": [
                {"physicalLocation": {"artifactLocation": location, "region": _region(finding)}}
            ],
            "partialFingerprints": {FINGERPRINT_KEY: _fingerprint(finding, seen[key])},
        }
        if finding.fix is not None and (fixes := _fixes(finding.fix, location)):
            entry["fixes"] = fixes
        results.append(entry)
    log: dict[str, Any] = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "pozo-site",
                        "version": tool_version,
                        "rules": descriptors,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    if dropped:
        log["runs"][0]["invocations"] = [
            {
                "executionSuccessful": True,
                "toolExecutionNotifications": [
                    {
                        "descriptor": {"id": "results-left-out"},
                        "level": "warning",
                        "message": {
                            "text": (
                                f"{dropped} of {len(every)} results were left out: GitHub "
                                f"code scanning accepts at most {limit:,} results per "
                                "run. Errors were kept first; run the text or json format "
                                "for every finding."
                            )
                        },
                    }
                ],
            }
        ]
    return json.dumps(log, indent=2) + "\n"
