"""An article's closing call to action, built from the firm profile.

Articles end with the call to action from this helper instead of a typed-in phone number,
so that a new number reaches every article at once.

>>> from pozo_site import default_firm
>>> render_call_to_action(default_firm())
'To set up your FREE in-office consultation, call Pozo Goldstein at 212-201-9031.\\n'
>>> print(render_call_to_action(default_firm(), "html"), end="")
<p class="call-to-action">To set up your FREE in-office consultation, call Pozo Goldstein \
at <a href="tel:+1-212-201-9031">212-201-9031</a>.</p>
"""

from __future__ import annotations

from typing import Final, Literal

from pozo_site._errors import RenderError
from pozo_site._firm import FirmProfile
from pozo_site._phone import PhoneStyle
from pozo_site.render._templating import TemplateKind, render_shipped, render_source
from pozo_site.render._view import phone_view, resolve_phone_style, voice_phone

__all__ = ["CALL_TO_ACTION_FORMATS", "render_call_to_action"]

CALL_TO_ACTION_FORMATS: Final = ("text", "markdown", "html")
"""The formats :func:`render_call_to_action` writes."""

_TEMPLATES: Final = {
    "text": (TemplateKind.TEXT, "cta.txt.j2"),
    "markdown": (TemplateKind.MARKDOWN, "cta.md.j2"),
    "html": (TemplateKind.HTML, "cta.html.j2"),
}


def render_call_to_action(
    firm: FirmProfile,
    format: Literal["text", "markdown", "html"] | str = "text",
    *,
    template: str | None = None,
    phone_style: PhoneStyle | str | None = None,
) -> str:
    """The closing call to action: "To set up your <offer>, call <firm> at <number>."

    The number is the firm's main line in ``phone_style`` (``None``: the house style
    ``dashes``, ``212-201-9031``, the one ``pozo-site check`` enforces by default; a vanity
    number as ``1-88-VISA-LAW-1 (888-472-5291)``), linked with its ``tel:`` URI in Markdown and
    HTML. Without an offer in the profile it reads "Call <firm> at <number>.". ``template``
    is a Jinja2 source of the firm's own, rendered in a sandbox with ``name``,
    ``offer_headline``, ``offer_call_to_action``, ``phone`` (a
    :class:`~pozo_site.render.PhoneView`) and ``number_text``. Raises
    :class:`~pozo_site.render.RenderError` (``format_unknown``, ``phone_style_unknown``
    or a ``template_*`` code).
    """
    if format not in _TEMPLATES:
        raise RenderError(
            f"unknown call-to-action format; choose one of: {', '.join(CALL_TO_ACTION_FORMATS)}",
            code="format_unknown",
        )
    kind, name = _TEMPLATES[format]
    phone = phone_view(voice_phone(firm), resolve_phone_style(phone_style))
    context = {
        "name": firm.name,
        "offer_headline": firm.offer.headline if firm.offer else None,
        "offer_call_to_action": firm.offer.call_to_action if firm.offer else None,
        "phone": phone,
        "number_text": phone.text,
    }
    if template is None:
        return render_shipped(kind, name, context)
    return render_source(kind, template, context)
