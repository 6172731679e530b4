"""A Sphinx extension that shows pozo-site's real output, generated when the docs build.

``{pozo-contact-block} FORMAT`` (in MyST: a fenced directive) renders the default firm's
contact block in FORMAT with the installed library and shows it as a literal block, so the
documentation can never show output the code no longer makes. Options: ``phone-style``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import Directive, directives

from pozo_site import default_firm, render_contact_block
from pozo_site.render import CONTACT_BLOCK_FORMATS

_LANGUAGES = {
    "text": "text",
    "markdown": "markdown",
    "html": "html",
    "html+jsonld": "html",
    "jsonld": "json",
    "vcard": "text",
    "vcard4": "text",
}


class ContactBlockDirective(Directive):
    """The default firm's contact block in one format, rendered at build time."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {"phone-style": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        if name not in CONTACT_BLOCK_FORMATS:
            raise self.error(f"unknown contact block format {name!r}")
        text = render_contact_block(
            default_firm(), name, phone_style=self.options.get("phone-style")
        )
        text = text.replace("\r\n", "\n")  # vCard's CRLF, shown as lines
        block = nodes.literal_block(text, text)
        block["language"] = _LANGUAGES[name]
        return [block]


def setup(app: Any) -> dict[str, Any]:
    """Register the directive."""
    app.add_directive("pozo-contact-block", ContactBlockDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
