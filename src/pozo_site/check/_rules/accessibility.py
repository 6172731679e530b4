"""Accessibility rules (A): every image has a text alternative."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from pozo_site.check._codes.accessibility import BODY_IMAGE_ALT, IMAGE_ALT, RULES
from pozo_site.check._finding import Finding
from pozo_site.check._rules._base import Checker, Context, article_offset
from pozo_site.check._rules._markdown import markdown_facts, prose_body
from pozo_site.check._source import ArticleDoc

__all__ = ["BODY_IMAGE_ALT", "CHECKERS", "IMAGE_ALT", "RULES", "useless_alt"]


_IMG: Final = re.compile(r"<img\b[^<>]*>", re.IGNORECASE)  # [^<>]: linear on "<img<img"
_DECORATIVE: Final = re.compile(
    r"""\s(?:role\s*=\s*["']?(?:presentation|none)\b|aria-hidden\s*=\s*["']?true\b)""",
    re.IGNORECASE,
)
_FILE_NAME: Final = re.compile(
    r"[^\s/\\]+\.(?:jpe?g|png|gif|webp|svg|avif|bmp|tiff?|heic)", re.IGNORECASE
)
_NUMBER: Final = re.compile("[\\d\\s.,x\u00d7-]+")
_PLACEHOLDERS: Final = frozenset(
    {
        "image",
        "img",
        "photo",
        "photograph",
        "picture",
        "pic",
        "graphic",
        "icon",
        "alt",
        "alt text",
        "placeholder",
        "untitled",
        "screenshot",
        "imagen",
        "foto",
    }
)


def useless_alt(alt: str) -> str | None:
    """Why ``alt`` says nothing to a screen-reader user (a file name, a bare number, a
    placeholder word), or ``None`` when it may describe the image."""
    text = alt.strip()
    if _FILE_NAME.fullmatch(text):
        return "is a file name"
    if _NUMBER.fullmatch(text) and any(ch.isdigit() for ch in text):
        return "is a bare number"
    if text.lower().rstrip(".") in _PLACEHOLDERS:
        return "is a placeholder"
    return None


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
    image_data = doc.data.get("image")
    lead_alt = image_data.get("alt") if isinstance(image_data, dict) else None
    if isinstance(lead_alt, str) and (why := useless_alt(lead_alt)) is not None:
        yield doc.source.finding(
            IMAGE_ALT,
            article_offset(doc, ("image", "alt")),
            f"image.alt '{lead_alt.strip()}' {why}: describe what the image shows",
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
        elif (why := useless_alt(image.alt)) is not None:
            yield doc.source.finding(
                BODY_IMAGE_ALT,
                image.offset,
                f"the alt text '{image.alt.strip()}' of image '{image.src}' {why}: describe "
                "what the image shows",
            )
    body = doc.body
    if "<img" not in body.lower():
        return
    # In the prose, code and comments are blanked (an <img> there is not rendered), and
    # so are attribute values (a ">" in a quoted src does not end the tag).
    for match in _IMG.finditer(prose_body(doc)):
        offset = doc.body_start + match.start()
        tag = body[match.start() : match.end()]
        alt = _ALT.search(tag)
        value = (alt.group(1) or alt.group(2) or alt.group(3) or "") if alt else ""
        if alt is not None and not value.strip() and _DECORATIVE.search(tag):
            continue  # a decorative image, marked as such: alt="" role="presentation"
        why = useless_alt(value) if value.strip() else None
        if alt is None or not value.strip() or why is not None:
            message = (
                f"<img> alt text '{value.strip()}' {why}: describe what the image shows"
                if why is not None
                else '<img> has no alt text: add alt="what it shows", or for a decorative '
                'image alt="" with role="presentation"'
            )
            yield doc.source.finding(
                BODY_IMAGE_ALT, offset, message, end=offset + len(match.group(0))
            )


CHECKERS = (Checker(codes=(IMAGE_ALT.code, BODY_IMAGE_ALT.code), article=_check),)
