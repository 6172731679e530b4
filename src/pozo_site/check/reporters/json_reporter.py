"""The JSON reporter: one array, one object per finding, in the findings' sorted order.

Each object has the same keys in the same order: ``path``, ``line``, ``column``,
``end_line``, ``end_column`` (``null`` when unknown), ``code``, ``name`` (the rule's name,
``null`` for a code the registry does not know), ``severity`` (``"error"`` or
``"warning"``), ``message``, ``fixable`` and ``fix``: ``null``, or the fix's
``description`` and its ``edits``, each ``{"start", "end", "replacement"}`` in character
offsets into the file's text (byte-order mark excluded). Output is deterministic: the same
result always gives the same bytes.

>>> from pozo_site.check._finding import CheckResult
>>> format(CheckResult(findings=(), files_checked=1), rules={})
'[]\\n'
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from pozo_site.check._finding import CheckResult, Finding, in_order
from pozo_site.check._rule import Rule

__all__ = ["format"]


def _object(finding: Finding, rules: Mapping[str, Rule]) -> dict[str, Any]:
    rule = rules.get(finding.code)
    fix = finding.fix
    return {
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "code": finding.code,
        "name": rule.name if rule is not None else None,
        "severity": finding.severity.value,
        "message": finding.message,
        "fixable": finding.fixable,
        "fix": None
        if fix is None
        else {
            "description": fix.description,
            "edits": [
                {"start": edit.start, "end": edit.end, "replacement": edit.replacement}
                for edit in fix.edits
            ],
        },
    }


def format(result: CheckResult, *, rules: Mapping[str, Rule]) -> str:
    """``result``'s findings as a JSON array: two-space indent, final newline, ASCII only.

    Non-ASCII text is written as ``\\u`` escapes, so that the output is safe on any stream,
    even for a file name that is not valid UTF-8 (kept as Python's surrogate escapes).
    """
    objects = [_object(finding, rules) for finding in in_order(result.findings)]
    return json.dumps(objects, indent=2) + "\n"
