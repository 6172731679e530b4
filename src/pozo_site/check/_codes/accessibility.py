"""The rule records of the accessibility family: codes, severities and documentation.

No checking code, so that the rule table (:data:`pozo_site.check.RULES`), the reporters
and ``--select`` cost nothing to import; the checks are in
:mod:`pozo_site.check._rules.accessibility`.
"""

from __future__ import annotations

from pozo_site.check._finding import Severity
from pozo_site.check._rule import Family, Rule

__all__ = ["BODY_IMAGE_ALT", "IMAGE_ALT", "RULES"]

IMAGE_ALT = Rule(
    code="A001",
    name="image-alt-missing",
    family=Family.ACCESSIBILITY,
    severity=Severity.ERROR,
    summary="The front matter image has no alt text, or an empty one.",
    explanation=(
        "The lead image's alt text is what a screen reader says in its place and what "
        "shows when the image fails to load (WCAG 2.1 success criterion 1.1.1). Describe "
        "what the image shows in a short sentence in image.alt."
    ),
    example=(
        "---\ntitle: Know Your Rights\ndate: 2024-05-01\nimage:\n  src: a.jpg\n  alt: ''\n---"
    ),
    reference="WCAG 2.1 SC 1.1.1",
)
BODY_IMAGE_ALT = Rule(
    code="A002",
    name="body-image-alt-missing",
    family=Family.ACCESSIBILITY,
    severity=Severity.ERROR,
    summary="An image in the body has no alt text.",
    explanation=(
        "Every image in the article needs a text alternative (WCAG 2.1 success criterion "
        "1.1.1): in Markdown the text in the brackets of ![alt](src), in HTML the alt "
        "attribute of <img>. An empty alt is reported too, except on an <img> marked "
        'decorative (alt="" with role="presentation" or aria-hidden="true"). Alt text that '
        "is a file name (IMG_2041.jpg), a bare number (240) or a placeholder ('image', "
        "'photo') tells a screen-reader user nothing and is reported as well (A001 does the "
        "same for the lead image)."
    ),
    example='![](courthouse.jpg)\n<img src="map.png">',
    reference="WCAG 2.1 SC 1.1.1",
)
RULES: tuple[Rule, ...] = (IMAGE_ALT, BODY_IMAGE_ALT)
"""This family's rules, in code order; the rule table is built from them."""
