"""``pozo-site server``: the content checks in the editor, as a Language Server.

A thin adapter from the Language Server Protocol to the engine of ``pozo-site check``:
diagnostics, quick fixes, hover on phone numbers and front matter completion all come
from :mod:`pozo_site.check`, so the editor shows exactly what ``check`` reports. The
protocol side needs the ``server`` extra (``pip install "pozo-site[server]"``, which
brings ``pygls``); importing this package does not. Set-up for editors: docs/editors.md.

Each diagnostic links to its rule's entry in the rule reference:

>>> rule_docs_url("P001")
'https://pozo-site.readthedocs.io/en/latest/rules.html#p001-phone-not-firm-number'
"""

from __future__ import annotations

from typing import Final

from pozo_site.check._registry import RULES

__all__ = ["RULE_DOCS_BASE_URL", "rule_docs_url"]

RULE_DOCS_BASE_URL: Final = "https://pozo-site.readthedocs.io/en/latest/rules.html"
"""Where the rule reference (docs/rules.md) is published; diagnostics link to its
anchors, one per rule, named ``code-name`` (``#p001-phone-not-firm-number``)."""


def rule_docs_url(code: str) -> str:
    """The address of rule ``code``'s entry in the rule reference (the page itself for a
    code that is not registered)."""
    rule = RULES.get(code)
    if rule is None:
        return RULE_DOCS_BASE_URL
    return f"{RULE_DOCS_BASE_URL}#{rule.code.lower()}-{rule.name}"
