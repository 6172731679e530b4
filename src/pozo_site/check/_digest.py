"""BLAKE2b for the result cache's keys, digests and memos, without loading OpenSSL.

``hashlib.blake2b`` is CPython's ``_blake2.blake2b``; importing ``hashlib`` for it also
loads OpenSSL's bindings (``_hashlib``), 10 ms of a cached run that hashes a few strings.
"""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python without CPython's _blake2 module
    from hashlib import blake2b

__all__ = ["blake2b"]
