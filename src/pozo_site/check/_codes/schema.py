"""The rule records of the schema family: codes, severities and documentation.

No checking code, so that the rule table (:data:`pozo_site.check.RULES`), the reporters
and ``--select`` cost nothing to import; the checks are in
:mod:`pozo_site.check._rules.schema`.
"""

from __future__ import annotations

from pozo_site.check._finding import Severity
from pozo_site.check._rule import Family, Rule

__all__ = ["DUPLICATE_KEY", "FIRM_INVALID", "FRONT_MATTER_INVALID", "RULES"]

FRONT_MATTER_INVALID = Rule(
    code="S001",
    name="front-matter-invalid",
    family=Family.SCHEMA,
    severity=Severity.ERROR,
    summary="A front matter value is missing, unknown or invalid.",
    explanation=(
        "The front matter must validate against the Article model: title and date are "
        "required; slug, updated, author, summary, tags and image (with src and alt) are "
        "optional; any other key is an error, so that a misspelt key never vanishes "
        "silently (a site's own keys can be allowed with the extra-keys setting). The "
        "finding points at the key or value and gives the model's reason. "
        "`pozo-site schema article` prints the JSON Schema for editor support."
    ),
    example="---\ntitle: Know Your Rights\ndate: 2024-05-01\ntag: [asylum]\n---",
)
FIRM_INVALID = Rule(
    code="S002",
    name="firm-profile-invalid",
    family=Family.SCHEMA,
    severity=Severity.ERROR,
    summary="A firm profile value is missing, unknown or invalid.",
    explanation=(
        "The firm profile (firm.yaml, .yml, .toml or .json at the content folder's root) "
        "must validate against the FirmProfile model; every contact fact the site prints "
        "comes from it. The finding points at the key or value (in TOML and JSON files, at "
        "the key's line where it can be found). `pozo-site schema firm` prints its schema."
    ),
    example="name: Pozo Goldstein\nphones:\n  - role: main\n    number: (212) 201-903",
)
DUPLICATE_KEY = Rule(
    code="S003",
    name="duplicate-key",
    family=Family.SCHEMA,
    severity=Severity.ERROR,
    summary="A YAML mapping repeats a key; only the last value would be used.",
    explanation=(
        "YAML parsers keep the last of two equal keys and drop the first without a word, "
        "so an edit to the first copy has no effect. The finding is on the repeated key "
        "and names the line of the first; keep one of them."
    ),
    example="---\ntitle: Draft title\ndate: 2024-05-01\ntitle: Final title\n---",
)
RULES: tuple[Rule, ...] = (FRONT_MATTER_INVALID, FIRM_INVALID, DUPLICATE_KEY)
"""This family's rules, in code order; the rule table is built from them."""
