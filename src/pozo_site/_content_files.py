"""Which files are content: articles (``*.md``) and a content folder's firm profile.

Names only, no parser: the checks, the command line and the language server ask this
before anything is read (also in a run whose every file is a cache hit);
:mod:`pozo_site._files` re-exports both names.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

__all__ = ["FIRM_FILE_NAMES", "is_content_file"]

FIRM_FILE_NAMES: Final = ("firm.yaml", "firm.yml", "firm.toml", "firm.json")
"""The names a content folder's firm profile may have, in the order they are looked for."""


def is_content_file(path: Path) -> bool:
    """Whether a file of this name is content: an article (``*.md``) or a firm profile
    (one of :data:`FIRM_FILE_NAMES`). The one answer for the checks, the CLI and the
    language server.

    >>> [is_content_file(Path(n)) for n in ("a.md", "firm.toml", "notes.txt")]
    [True, True, False]
    """
    return path.name.endswith(".md") or path.name in FIRM_FILE_NAMES
