"""Outputs made from the models: pure functions, model in, ``str`` out. No I/O."""

from __future__ import annotations

from pozo_site._errors import RenderError
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
