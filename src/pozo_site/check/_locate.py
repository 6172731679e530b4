"""Where a pydantic error location or a key is in a file: see :mod:`pozo_site._locate`.

The helpers live below the checks, so that :func:`pozo_site.load_firm` (and the CLI's
``show`` and ``contact-block``) point at the same line and column as ``pozo-site check``.
"""

from __future__ import annotations

from pozo_site._locate import (
    _find_key,  # noqa: F401  (tests reach the one-pass key index through this module)
    find_key_in_text,
    locate_node,
    mapping_get,
    yaml_offset,
)

__all__ = ["find_key_in_text", "locate_node", "mapping_get", "yaml_offset"]
