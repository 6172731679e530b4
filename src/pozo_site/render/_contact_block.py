"""The firm's contact block in every format, chosen by name from one table.

>>> from pozo_site import default_firm
>>> print(render_contact_block(default_firm(), "text"), end="")
Attorney Advertising
Pozo Goldstein
Call Today for a FREE in-office consultation
<BLANKLINE>
Office: 212-201-9031
Toll Free: 1-88-VISA-LAW-1 (888-472-5291)
<BLANKLINE>
Practice areas: Immigration law
Areas served: New York City, New York State
>>> print(render_contact_block(default_firm(), "text", phone_style="national"), end="")
... # doctest: +ELLIPSIS
Attorney Advertising
...
Office: (212) 201-9031
Toll Free: 1-88-VISA-LAW-1, (888) 472-5291
...
>>> sorted(CONTACT_BLOCK_FORMATS)
['html', 'html+jsonld', 'jsonld', 'markdown', 'text', 'vcard', 'vcard4']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from pozo_site._errors import RenderError
from pozo_site._firm import FirmProfile
from pozo_site._phone import PhoneStyle
from pozo_site.render._contact_formats import ContactBlockFormat
from pozo_site.render._jsonld import firm_jsonld, jsonld_script, render_firm_jsonld
from pozo_site.render._templating import TemplateKind, render_shipped, render_source
from pozo_site.render._vcard import render_vcard3, render_vcard4
from pozo_site.render._view import contact_view, resolve_phone_style

__all__ = [
    "CONTACT_BLOCK_FORMATS",
    "ContactBlockFormat",
    "ContactBlockRenderer",
    "render_contact_block",
]


@dataclass(frozen=True)
class ContactBlockRenderer:
    """One entry of :data:`CONTACT_BLOCK_FORMATS`: how to render a format, and what it is."""

    format: ContactBlockFormat
    media_type: str
    """The media type of the output, e.g. ``text/vcard``."""
    suffix: str
    """The usual file name suffix, e.g. ``.vcf``."""
    templated: bool
    """Whether the output comes from a template (and so accepts a caller's own)."""
    _render: _Render

    def __call__(
        self,
        firm: FirmProfile,
        *,
        template: str | None = None,
        phone_style: PhoneStyle | str | None = None,
    ) -> str:
        """Render ``firm``; ``template`` is a Jinja2 source for the templated formats only;
        ``phone_style`` is the house style of the numbers people read (``None``: the
        default, ``dashes``). Data formats write numbers in their standard forms."""
        style = resolve_phone_style(phone_style)
        if template is not None and not self.templated:
            raise RenderError(
                f"the {self.format.value} format is serialised from data and takes no "
                "template; templates apply to text, markdown, html and html+jsonld",
                code="template_not_supported",
            )
        return self._render(firm, template, style)


_Render = Callable[[FirmProfile, "str | None", PhoneStyle], str]


def _templated(kind: TemplateKind, name: str) -> _Render:
    def render(firm: FirmProfile, template: str | None, style: PhoneStyle) -> str:
        context = contact_view(firm, phone_style=style).as_context()
        if template is None:
            return render_shipped(kind, name, context)
        return render_source(kind, template, context)

    return render


_html = _templated(TemplateKind.HTML, "contact.html.j2")


def _html_jsonld(firm: FirmProfile, template: str | None, style: PhoneStyle) -> str:
    html = _html(firm, template, style)
    return f"{html.rstrip()}\n{jsonld_script(firm_jsonld(firm))}"


def _data(render: Callable[[FirmProfile], str]) -> _Render:
    return lambda firm, _template, _style: render(firm)


def _entry(
    format_: ContactBlockFormat,
    media_type: str,
    suffix: str,
    render: _Render,
    *,
    templated: bool,
) -> tuple[str, ContactBlockRenderer]:
    return format_.value, ContactBlockRenderer(format_, media_type, suffix, templated, render)


CONTACT_BLOCK_FORMATS: Final[Mapping[str, ContactBlockRenderer]] = MappingProxyType(
    dict(
        [
            _entry(
                ContactBlockFormat.TEXT,
                "text/plain; charset=utf-8",
                ".txt",
                _templated(TemplateKind.TEXT, "contact.txt.j2"),
                templated=True,
            ),
            _entry(
                ContactBlockFormat.MARKDOWN,
                "text/markdown; charset=utf-8",
                ".md",
                _templated(TemplateKind.MARKDOWN, "contact.md.j2"),
                templated=True,
            ),
            _entry(
                ContactBlockFormat.HTML, "text/html; charset=utf-8", ".html", _html, templated=True
            ),
            _entry(
                ContactBlockFormat.HTML_JSONLD,
                "text/html; charset=utf-8",
                ".html",
                _html_jsonld,
                templated=True,
            ),
            _entry(
                ContactBlockFormat.JSONLD,
                "application/ld+json",
                ".jsonld",
                _data(render_firm_jsonld),
                templated=False,
            ),
            _entry(
                ContactBlockFormat.VCARD,
                "text/vcard; charset=utf-8",
                ".vcf",
                _data(render_vcard3),
                templated=False,
            ),
            _entry(
                ContactBlockFormat.VCARD4,
                "text/vcard; charset=utf-8",
                ".vcf",
                _data(render_vcard4),
                templated=False,
            ),
        ]
    )
)
"""Format name to renderer; the CLI's ``--format`` choices come from its keys."""


def render_contact_block(
    firm: FirmProfile,
    format: ContactBlockFormat | str,
    *,
    template: str | None = None,
    phone_style: PhoneStyle | str | None = None,
) -> str:
    """The firm's contact block in ``format`` (a :class:`ContactBlockFormat` or its name).

    ``template`` is a Jinja2 template source of the firm's own for a human format (text,
    markdown, html, html+jsonld); it renders in a sandbox, with the context described by
    :class:`~pozo_site.render.ContactView`. ``phone_style`` (a
    :class:`~pozo_site.PhoneStyle` or its name) is how the human formats print numbers;
    ``None`` is the house style :data:`~pozo_site.DEFAULT_PHONE_STYLE` that
    ``pozo-site check`` enforces by default, so the block agrees with the articles. A
    vanity number keeps its text with the digits beside it in that style. JSON-LD and
    vCard write numbers in their standard forms whatever the style.

    Raises :class:`~pozo_site.render.RenderError` (a ``ValueError``): ``format_unknown``,
    ``phone_style_unknown``, ``template_not_supported`` for a template with jsonld or
    vcard, or a ``template_*`` code when the template fails.
    """
    name = format.value if isinstance(format, ContactBlockFormat) else format
    renderer = CONTACT_BLOCK_FORMATS.get(name)
    if renderer is None:
        choices = ", ".join(CONTACT_BLOCK_FORMATS)
        raise RenderError(
            f"unknown contact block format; choose one of: {choices}", code="format_unknown"
        )
    return renderer(firm, template=template, phone_style=phone_style)
