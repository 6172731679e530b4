"""The shipped example content checks clean; the registry documents every rule.

The public names of ``pozo_site.check`` are pinned in ``tests/test_exported_members.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pozo_site import example_content
from pozo_site.check import RULES, Config, Family, check_paths, fix_paths

EXAMPLE = Path(str(example_content()))


def test_example_content_checks_clean() -> None:
    result = check_paths([EXAMPLE], Config.default())
    assert result.success
    # The default profile holds only what the firm's page states: no address, website,
    # hours or time zone. The structured-data rules say what that costs, as warnings.
    assert [(f.code, f.path.rsplit("/", 1)[-1], f.severity.value) for f in result.findings] == [
        ("J001", "firm.yaml", "warning"),
        ("J002", "firm.yaml", "warning"),
        ("J004", "firm.yaml", "warning"),
        ("J005", "firm.yaml", "warning"),
        ("J006", "firm.yaml", "warning"),
    ]
    assert check_paths([EXAMPLE], Config.default().override(extend_ignore=["J"])).findings == ()
    assert result.files_checked == 2  # the firm profile and the article


def test_example_content_needs_no_fix() -> None:
    assert fix_paths([EXAMPLE], Config.default(), write=False).changes == ()


def test_every_rule_is_documented() -> None:
    assert len(RULES) >= 25
    for code, rule in RULES.items():
        assert re.fullmatch(rf"[{''.join(f.value for f in Family)}]\d{{3}}", code)
        assert rule.code == code
        assert Family(code[0]) is rule.family
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", rule.name), code
        assert rule.summary.endswith("."), code
        assert "\n" not in rule.summary, code
        assert len(rule.explanation) > 80, code
        assert rule.example, code
    names = [rule.name for rule in RULES.values()]
    assert len(set(names)) == len(names)
    assert {r.code for r in RULES.values() if r.fixable} == {"P002", "L004", "H001", "I001"}


def test_compliance_rules_name_their_rule_and_say_they_are_an_aid() -> None:
    compliance = [rule for rule in RULES.values() if rule.family is Family.COMPLIANCE]
    assert {r.reference for r in compliance} == {
        "NY Rule 7.1(f)",
        "NY Rule 7.1(e)(3)",
        "NY Rule 7.4",
    }
    for rule in compliance:
        assert "not legal advice" in rule.explanation
        assert f'ignore = ["{rule.code}"]' in rule.explanation


def test_the_rule_table_is_read_only_and_refuses_a_code_declared_twice() -> None:
    from pozo_site.check._registry import rule_table
    from pozo_site.check._rules import dates

    with pytest.raises(TypeError):
        RULES["X001"] = dates.FUTURE_DATE  # type: ignore[index]
    with pytest.raises(ValueError, match="rule code D003 is declared twice"):
        rule_table([*dates.RULES, dates.FUTURE_DATE])
