"""Accessibility rules (A): every image has a text alternative."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from pozo_site.check._finding import Finding, Severity
from pozo_site.check._registry import Family, Rule, register
from pozo_site.check._rules._base import Checker, Context, article_offset
from pozo_site.check._rules._markdown import markdown_facts, prose_body
from pozo_site.check._source import ArticleDoc

__all__ = ["BODY_IMAGE_ALT", "CHECKERS", "IMAGE_ALT"]

IMAGE_ALT = register(
    Rule(
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
)
BODY_IMAGE_ALT = register(
    Rule(
        code="A002",
        name="body-image-alt-missing",
        family=Family.ACCESSIBILITY,
        severity=Severity.ERROR,
        summary="An image in the body has no alt text.",
        explanation=(
            "Every image in the article needs a text alternative (WCAG 2.1 success criterion "
            "1.1.1): in Markdown the text in the brackets of ![alt](src), in HTML the alt "
            "attribute of <img>. An empty alt is reported too; for a purely decorative image, "
            "suppress the finding on that line."
        ),
        example='![](courthouse.jpg)\n<img src="map.png">',
        reference="WCAG 2.1 SC 1.1.1",
    )
)

_IMG: Final = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ALT: Final = re.compile(r"""\salt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)


def _check(doc: ArticleDoc, ctx: Context) -> Iterator[Finding]:
    for error in doc.errors:
        if tuple(error["loc"]) == ("image", "alt"):
            what = "missing" if error["type"] == "missing" else "empty"
            yield doc.source.finding(
                IMAGE_ALT,
                article_offset(doc, ("image", "alt")),
                f"image.alt is {what}: describe the image for readers who cannot see it",
            )
    facts = markdown_facts(doc)
    for image in facts.images:
        if not image.alt.strip():
            yield doc.source.finding(
                BODY_IMAGE_ALT,
                image.offset,
                f"image '{image.src}' has no alt text: write it in the brackets, ![what it "
                "shows](...)",
            )
    body = doc.body
    if "<img" not in body.lower():
        return
    # In the prose, code and comments are blanked (an <img> there is not rendered), and
    # so are attribute values (a ">" in a quoted src does not end the tag).
    for match in _IMG.finditer(prose_body(doc)):
        offset = doc.body_start + match.start()
        alt = _ALT.search(body[match.start() : match.end()])
        if alt is None or not (alt.group(1) or alt.group(2) or alt.group(3) or "").strip():
            yield doc.source.finding(
                BODY_IMAGE_ALT,
                offset,
                '<img> has no alt text: add alt="what it shows"',
                end=offset + len(match.group(0)),
            )


CHECKERS = (Checker(codes=(IMAGE_ALT.code, BODY_IMAGE_ALT.code), article=_check),)
