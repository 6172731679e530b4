"""Sphinx configuration for the pozo-site documentation (Markdown pages via MyST)."""

from __future__ import annotations

import sys
from pathlib import Path

# The local extension that renders the library's real output at build time.
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "pozo-site"
author = "pozo-site developers"
copyright = "pozo-site developers"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.intersphinx",
    "pozo_outputs",
]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_ext"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "undoc-members": False}

html_theme = "alabaster"
html_title = "pozo-site"
