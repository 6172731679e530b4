"""pozo-site: typed models, contact blocks and content checks for Pozo Goldstein's site.

>>> from pozo_site import PhoneNumber, default_firm
>>> default_firm().toll_free_phone.number == PhoneNumber.parse("+1 888 472 5291")
True
"""

from __future__ import annotations

from pozo_site._article import FRONT_MATTER_KEYS, Article, ArticleImage, Section, Slug, make_slug
from pozo_site._consultation import ConsultationRequest, ContactMethod, MatterType
from pozo_site._consultation_form import HONEYPOT_FIELD, TIMER_FIELD, FormTimer
from pozo_site._consultation_text import CONSULTATION_FORM_CODES, FORM_LOCALES
from pozo_site._contact import EmailAddress, LanguageTag
from pozo_site._errors import (
    ConsultationFormError,
    FirmFileError,
    FirmFileProblem,
    PhoneNumberError,
    PozoSiteError,
    RenderError,
)
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
from pozo_site._version import __version__
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
