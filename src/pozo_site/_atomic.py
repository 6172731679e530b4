"""Atomic file replacement, shared by ``--fix`` and ``contact-block --output``.

The bytes go to a new file beside the target first (same folder, so the rename cannot cross
file systems), are flushed to disk, and then replace the target in one ``os.replace``: a
reader, or a crash at any moment, sees either the whole old file or the whole new one. A
replaced file keeps its permission bits; a new one gets the usual ones (``0o666`` less the
umask). A symbolic link is followed: its target is replaced and the link kept.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

__all__ = ["atomic_write"]


def atomic_write(path: Path, data: bytes) -> None:
    """Replace (or create) the file at ``path`` with ``data`` atomically. Raises ``OSError``."""
    target = Path(os.path.realpath(path))
    temporary = target.parent / f".{target.name}.{secrets.token_hex(6)}.pozo-site.tmp"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(FileNotFoundError):  # a new file keeps the umask's mode
            os.chmod(temporary, stat.S_IMODE(os.stat(target).st_mode))
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable where possible
        folder = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
