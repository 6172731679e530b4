"""Content checks: ``pozo-site check`` as a library.

Check a content folder (a firm profile and Markdown articles), get findings with rule
codes, exact lines and columns, and fixes that change nothing but what they target.

>>> from pathlib import Path
>>> result = check_paths([Path("no-such-folder")], Config.default())
>>> [(f.code, f.message) for f in result.findings]
[('F011', 'cannot read: No such file or directory')]

The rule registry (:data:`RULES`) is the single source of truth for rule codes; the
reporters, ``pozo-site rules`` and the docs all read it. The fixer's names
(:func:`fix_paths`, :class:`FixOutcome`, :class:`FileChange`) are imported on first use,
as :mod:`pozo_site` imports its own, so a run that only checks does not load them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from pozo_site._errors import ConfigError
from pozo_site.check._config import (
    Config,
    OtherNumber,
    load_config,
    load_config_file,
)
from pozo_site.check._finding import CheckResult, Edit, Finding, Fix, Severity
from pozo_site.check._registry import RULES
from pozo_site.check._rule import Family, Rule
from pozo_site.check._runner import check_paths

if TYPE_CHECKING:
    from pozo_site.check._fix import FileChange, FixOutcome, fix_paths

__all__ = [
    "RULES",
    "CheckResult",
    "Config",
    "ConfigError",
    "Edit",
    "Family",
    "FileChange",
    "Finding",
    "Fix",
    "FixOutcome",
    "OtherNumber",
    "Rule",
    "Severity",
    "check_paths",
    "fix_paths",
    "load_config",
    "load_config_file",
]

_LAZY_EXPORTS: Final = {"pozo_site.check._fix": ("FileChange", "FixOutcome", "fix_paths")}

if not TYPE_CHECKING:  # type checkers see the imports above, and no catch-all attribute
    from pozo_site._lazy import lazy_attributes

    __getattr__, __dir__ = lazy_attributes(__name__, _LAZY_EXPORTS, globals(), __all__)
