"""pozo-site: typed models, contact blocks and content checks for Pozo Goldstein's site.

>>> from pozo_site import PhoneNumber, default_firm
>>> default_firm().toll_free_phone.number == PhoneNumber.parse("+1 888 472 5291")
True

``import pozo_site`` is cheap: each public name is imported from its module the first time
it is used (a module ``__getattr__``, as :pep:`562` describes), so a tool that only needs
:class:`PhoneNumber` or :class:`FirmProfile` never loads Markdown (markdown-it-py),
templates (Jinja2), YAML or e-mail validation. ``__all__``, ``dir()`` and type checkers
see every name as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from pozo_site._errors import (
    ConsultationFormError,
    FirmFileError,
    FirmFileProblem,
    PhoneNumberError,
    PozoSiteError,
    RenderError,
)
from pozo_site._intake_bridge import install_intake_loader
from pozo_site._lazy import lazy_attributes, module_of
from pozo_site._version import __version__

if TYPE_CHECKING:
    from pozo_site._article import (
        FRONT_MATTER_KEYS,
        Article,
        ArticleImage,
        Section,
        Slug,
        make_slug,
    )
    from pozo_site._consultation import ConsultationRequest, ContactMethod, MatterType
    from pozo_site._consultation_form import HONEYPOT_FIELD, TIMER_FIELD, FormTimer
    from pozo_site._consultation_text import CONSULTATION_FORM_CODES, FORM_LOCALES
    from pozo_site._contact import EmailAddress, LanguageTag
    from pozo_site._files import (
        default_firm,
        example_articles,
        example_content,
        load_firm,
        parse_firm,
    )
    from pozo_site._firm import (
        Certification,
        Credential,
        DayOfWeek,
        FirmPhone,
        FirmProfile,
        Offer,
        Office,
        OpeningHours,
        PhoneRole,
        PostalAddress,
        SocialProfile,
    )
    from pozo_site._phone import DEFAULT_PHONE_STYLE, NumberType, PhoneNumber, PhoneStyle
    from pozo_site._phone_field import PhoneNumberConstraints, TollFreeNumber
    from pozo_site.render import (
        CONTACT_BLOCK_FORMATS,
        ContactBlockFormat,
        render_contact_block,
    )

__all__ = [
    "CONSULTATION_FORM_CODES",
    "CONTACT_BLOCK_FORMATS",
    "DEFAULT_PHONE_STYLE",
    "FORM_LOCALES",
    "FRONT_MATTER_KEYS",
    "HONEYPOT_FIELD",
    "TIMER_FIELD",
    "Article",
    "ArticleImage",
    "Certification",
    "ConsultationFormError",
    "ConsultationRequest",
    "ContactBlockFormat",
    "ContactMethod",
    "Credential",
    "DayOfWeek",
    "EmailAddress",
    "FirmFileError",
    "FirmFileProblem",
    "FirmPhone",
    "FirmProfile",
    "FormTimer",
    "LanguageTag",
    "MatterType",
    "NumberType",
    "Offer",
    "Office",
    "OpeningHours",
    "PhoneNumber",
    "PhoneNumberConstraints",
    "PhoneNumberError",
    "PhoneRole",
    "PhoneStyle",
    "PostalAddress",
    "PozoSiteError",
    "RenderError",
    "Section",
    "Slug",
    "SocialProfile",
    "TollFreeNumber",
    "__version__",
    "default_firm",
    "example_articles",
    "example_content",
    "load_firm",
    "make_slug",
    "parse_firm",
    "render_contact_block",
]

_LAZY_EXPORTS: Final = {
    "pozo_site._article": (
        "FRONT_MATTER_KEYS",
        "Article",
        "ArticleImage",
        "Section",
        "Slug",
        "make_slug",
    ),
    "pozo_site._consultation": ("ConsultationRequest", "ContactMethod", "MatterType"),
    "pozo_site._consultation_form": ("HONEYPOT_FIELD", "TIMER_FIELD", "FormTimer"),
    "pozo_site._consultation_text": ("CONSULTATION_FORM_CODES", "FORM_LOCALES"),
    "pozo_site._contact": ("EmailAddress", "LanguageTag"),
    "pozo_site._files": (
        "default_firm",
        "example_articles",
        "example_content",
        "load_firm",
        "parse_firm",
    ),
    "pozo_site._firm": (
        "Certification",
        "Credential",
        "DayOfWeek",
        "FirmPhone",
        "FirmProfile",
        "Offer",
        "Office",
        "OpeningHours",
        "PhoneRole",
        "PostalAddress",
        "SocialProfile",
    ),
    "pozo_site._phone": ("DEFAULT_PHONE_STYLE", "NumberType", "PhoneNumber", "PhoneStyle"),
    "pozo_site._phone_field": ("PhoneNumberConstraints", "TollFreeNumber"),
    "pozo_site.render": (
        "CONTACT_BLOCK_FORMATS",
        "ContactBlockFormat",
        "render_contact_block",
    ),
}
"""The modules whose public names are imported on first use, and those names."""

_MODULE_OF: Final = module_of(_LAZY_EXPORTS)

if not TYPE_CHECKING:  # type checkers see the imports above, and no catch-all attribute
    __getattr__, __dir__ = lazy_attributes(__name__, _LAZY_EXPORTS, globals(), __all__)


def _load_intake_renderers() -> None:
    """Import the render layer's intake module, which installs the builders it holds."""
    from pozo_site.render import _intake  # noqa: F401, PLC0415 (on first use, see below)


# ConsultationRequest.summary() and .to_email() delegate to pozo_site.render; the builders
# are loaded the first time one is called, not when pozo_site is imported.
install_intake_loader(_load_intake_renderers)
