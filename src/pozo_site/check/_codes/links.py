"""The rule records of the links family: codes, severities and documentation.

No checking code, so that the rule table (:data:`pozo_site.check.RULES`), the reporters
and ``--select`` cost nothing to import; the checks are in
:mod:`pozo_site.check._rules.links`.
"""

from __future__ import annotations

from pozo_site.check._finding import Severity
from pozo_site.check._rule import Family, Rule

__all__ = ["BROKEN_LINK", "RULES", "SLUG_DUPLICATE", "SLUG_INVALID", "SLUG_MISSING", "SLUG_STALE"]

SLUG_INVALID = Rule(
    code="L001",
    name="slug-invalid",
    family=Family.LINKS,
    severity=Severity.ERROR,
    summary="The slug is not lowercase words joined by single hyphens.",
    explanation=(
        "A slug is the article's address on the site: lowercase ASCII letters and digits "
        "in words joined by single hyphens, at most 100 characters, such as "
        "'know-your-rights'. Capitals, spaces, accents or doubled hyphens make addresses "
        "that break or differ between servers. Write the slug in that form."
    ),
    example="---\ntitle: Know Your Rights\nslug: Know_Your_Rights\ndate: 2024-05-01\n---",
)
SLUG_DUPLICATE = Rule(
    code="L002",
    name="slug-duplicate",
    family=Family.LINKS,
    severity=Severity.ERROR,
    summary="Two articles have the same slug.",
    explanation=(
        "Two articles with one slug would be published at the same address and one would "
        "hide the other. The second file (in path order) is reported, naming the first; "
        "give one of them another slug. A slug derived from the title counts too."
    ),
    example="articles/a.md and articles/b.md both with slug: know-your-rights",
)
SLUG_STALE = Rule(
    code="L003",
    name="slug-stale",
    family=Family.LINKS,
    severity=Severity.WARNING,
    summary="The slug does not match the title.",
    explanation=(
        "The slug differs from the one the title gives (its words, cut at a word "
        "boundary to 80 characters), so the address does not read like the title: the "
        "title may have been edited, or the slug chosen by hand. This is a warning and is "
        "never fixed automatically: changing a published slug breaks every link to the "
        "article. Change it only before the article is first published; to keep a slug "
        "on purpose, silence the finding on its line: "
        "'slug: know-your-rights  # pozo-site: ignore L003'."
    ),
    example="---\ntitle: Know Your Rights at Work\nslug: know-your-rights\n---",
)
SLUG_MISSING = Rule(
    code="L004",
    name="slug-missing",
    family=Family.LINKS,
    severity=Severity.WARNING,
    summary="The front matter has no slug, so the address follows the title.",
    explanation=(
        "Without a slug the address is derived from the title, and it silently changes "
        "whenever the title is edited, breaking links. Write the slug into the front "
        "matter so it stays put; `--fix` inserts the derived slug after the title line, "
        "leaving every other byte as it was."
    ),
    example="---\ntitle: Know Your Rights\ndate: 2024-05-01\n---",
    fixable=True,
)
BROKEN_LINK = Rule(
    code="L005",
    name="link-broken",
    family=Family.LINKS,
    severity=Severity.ERROR,
    summary="A link to another article (by slug or .md path) resolves to no article.",
    explanation=(
        "Links in Markdown and in HTML <a href> are checked. Relative links that end in "
        ".md are resolved against the linking file's folder, and bare relative slugs "
        "(other-article, ../other-article/) against the folder's slugs; either must name "
        "an article of the content folder. Site-absolute links (/posts/other-article/) "
        "are checked when they match one of the link-patterns setting's shapes, such as "
        "'/posts/{slug}/'; others (/contact) are not, nor are links with a scheme "
        "(https:, mailto:, tel:), in-page anchors, or targets matching a link-ignore "
        "glob. A target that differs only in letter case says so and names the right "
        "one. Correct the target, or remove the link."
    ),
    example="See [our guide](know-your-rigths.md).",
)
RULES: tuple[Rule, ...] = (SLUG_INVALID, SLUG_DUPLICATE, SLUG_STALE, SLUG_MISSING, BROKEN_LINK)
"""This family's rules, in code order; the rule table is built from them."""
