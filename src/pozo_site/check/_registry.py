"""The rule table: the single source of truth for every rule code.

Built once, statically, from each family's own ``RULES`` tuple in
:mod:`pozo_site.check._codes` (as ruff keeps one static table of its rules); nothing
registers itself on import and the table cannot be changed afterwards. ``pozo-site
rules``, the SARIF reporter's ``tool.driver.rules``, the configuration's code checks and
the docs all read :data:`RULES`. The records are plain data: reading the table imports no
check and no parser.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from pozo_site.check._codes import (
    accessibility,
    compliance,
    dates,
    file,
    hidden,
    links,
    phone,
    schema,
    structured_data,
    suppression,
)
from pozo_site.check._rule import Rule

__all__ = ["RULES", "rule_table"]


def rule_table(rules: Iterable[Rule]) -> Mapping[str, Rule]:
    """A read-only table of ``rules`` by code, in the order given; a code may appear once.

    >>> from pozo_site.check._codes import dates
    >>> list(rule_table(dates.RULES))
    ['D001', 'D002', 'D003']
    >>> rule_table([*dates.RULES, dates.FUTURE_DATE])
    Traceback (most recent call last):
    ...
    ValueError: rule code D003 is declared twice
    """
    table: dict[str, Rule] = {}
    for rule in rules:
        if rule.code in table:
            raise ValueError(f"rule code {rule.code} is declared twice")
        table[rule.code] = rule
    return MappingProxyType(table)


RULES: Mapping[str, Rule] = rule_table(
    (
        *accessibility.RULES,
        *compliance.RULES,
        *dates.RULES,
        *file.RULES,
        *hidden.RULES,
        *links.RULES,
        *phone.RULES,
        *schema.RULES,
        *structured_data.RULES,
        *suppression.RULES,
    )
)
"""Every rule, by code (read-only)."""
