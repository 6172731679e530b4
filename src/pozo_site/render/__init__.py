"""Outputs made from the models: pure functions, model in, ``str`` out. No I/O."""

from __future__ import annotations

from pozo_site.render._summary import firm_summary, phone_summary
from pozo_site.render._vcard import render_vcard3, render_vcard4

__all__ = ["firm_summary", "phone_summary", "render_vcard3", "render_vcard4"]
