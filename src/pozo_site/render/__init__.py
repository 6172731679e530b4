"""Outputs made from the models: pure functions, model in, ``str`` out. No I/O.

Each public name is imported from its module the first time it is used (a module
``__getattr__``), so ``import pozo_site.render`` loads neither Jinja2 nor markdown-it-py;
``__all__``, ``dir()`` and type checkers see every name as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from pozo_site._errors import RenderError
from pozo_site._lazy import lazy_attributes, module_of

if TYPE_CHECKING:
    from pozo_site.render._article import render_article_html
    from pozo_site.render._consultation_form import render_consultation_form
    from pozo_site.render._contact_block import (
        CONTACT_BLOCK_FORMATS,
        ContactBlockFormat,
        ContactBlockRenderer,
        render_contact_block,
    )
    from pozo_site.render._cta import CALL_TO_ACTION_FORMATS, render_call_to_action
    from pozo_site.render._escape import escape_markdown, json_for_script, markdown_url
    from pozo_site.render._intake import (
        URGENT_MARK,
        consultation_acknowledgement,
        consultation_email,
        consultation_subject,
        consultation_summary,
    )
    from pozo_site.render._jsonld import (
        article_jsonld,
        firm_jsonld,
        jsonld_script,
        render_article_jsonld,
        render_firm_jsonld,
    )
    from pozo_site.render._summary import firm_summary, phone_summary
    from pozo_site.render._vcard import render_vcard3, render_vcard4
    from pozo_site.render._view import (
        ContactView,
        HoursView,
        LinkView,
        OfficeView,
        PhoneView,
        contact_view,
    )

__all__ = [
    "CALL_TO_ACTION_FORMATS",
    "CONTACT_BLOCK_FORMATS",
    "URGENT_MARK",
    "ContactBlockFormat",
    "ContactBlockRenderer",
    "ContactView",
    "HoursView",
    "LinkView",
    "OfficeView",
    "PhoneView",
    "RenderError",
    "article_jsonld",
    "consultation_acknowledgement",
    "consultation_email",
    "consultation_subject",
    "consultation_summary",
    "contact_view",
    "escape_markdown",
    "firm_jsonld",
    "firm_summary",
    "json_for_script",
    "jsonld_script",
    "markdown_url",
    "phone_summary",
    "render_article_html",
    "render_article_jsonld",
    "render_call_to_action",
    "render_consultation_form",
    "render_contact_block",
    "render_firm_jsonld",
    "render_vcard3",
    "render_vcard4",
]

_LAZY_EXPORTS: Final = {
    "pozo_site.render._article": ("render_article_html",),
    "pozo_site.render._consultation_form": ("render_consultation_form",),
    "pozo_site.render._contact_block": (
        "CONTACT_BLOCK_FORMATS",
        "ContactBlockFormat",
        "ContactBlockRenderer",
        "render_contact_block",
    ),
    "pozo_site.render._cta": ("CALL_TO_ACTION_FORMATS", "render_call_to_action"),
    "pozo_site.render._escape": ("escape_markdown", "json_for_script", "markdown_url"),
    "pozo_site.render._intake": (
        "URGENT_MARK",
        "consultation_acknowledgement",
        "consultation_email",
        "consultation_subject",
        "consultation_summary",
    ),
    "pozo_site.render._jsonld": (
        "article_jsonld",
        "firm_jsonld",
        "jsonld_script",
        "render_article_jsonld",
        "render_firm_jsonld",
    ),
    "pozo_site.render._summary": ("firm_summary", "phone_summary"),
    "pozo_site.render._vcard": ("render_vcard3", "render_vcard4"),
    "pozo_site.render._view": (
        "ContactView",
        "HoursView",
        "LinkView",
        "OfficeView",
        "PhoneView",
        "contact_view",
    ),
}
"""The modules of this package's public names, and those names (imported on first use)."""

_MODULE_OF: Final = module_of(_LAZY_EXPORTS)

if not TYPE_CHECKING:  # type checkers see the imports above, and no catch-all attribute
    __getattr__, __dir__ = lazy_attributes(__name__, _LAZY_EXPORTS, globals(), __all__)
