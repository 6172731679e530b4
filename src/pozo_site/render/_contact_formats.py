"""The names of the contact block's formats: a plain enumeration, light to import.

The command line offers them as ``contact-block --format`` choices without loading the
renderers (Jinja2, the JSON-LD and vCard builders);
:mod:`pozo_site.render._contact_block` re-exports :class:`ContactBlockFormat` and maps each
format to its renderer.
"""

from __future__ import annotations

import enum

__all__ = ["ContactBlockFormat"]


class ContactBlockFormat(str, enum.Enum):
    """The formats of :func:`render_contact_block` (the CLI's ``--format`` choices)."""

    TEXT = "text"
    """Plain text for e-mail footers and terminals."""
    MARKDOWN = "markdown"
    """Markdown with ``tel:`` links; firm values are escaped, never markup."""
    HTML = "html"
    """An ``<address class="h-card">`` fragment with microformats2 classes."""
    HTML_JSONLD = "html+jsonld"
    """The HTML fragment followed by the JSON-LD in a ``<script>`` element."""
    JSONLD = "jsonld"
    """schema.org ``LegalService`` JSON-LD."""
    VCARD = "vcard"
    """vCard 3.0 (RFC 2426), CRLF line ends."""
    VCARD4 = "vcard4"
    """vCard 4.0 (RFC 6350), CRLF line ends."""
