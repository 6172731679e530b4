"""Opening a file the user named, for reading, without hanging on a FIFO or a device.

``open()`` on a named pipe waits for a writer, forever if none comes: a FIFO given as
``--firm`` or ``--template`` hung the command. :func:`open_regular` opens without blocking
and refuses anything that is not a regular file.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

__all__ = ["open_regular"]


def open_regular(path: str | Path, *, buffered: bool = True) -> BinaryIO:
    """``path`` opened for reading bytes; ``OSError`` if it cannot be, or is not a regular
    file (a FIFO, a device, a folder), with ``strerror`` saying which. With
    ``buffered=False``, a raw file whose ``read(n)`` is one system call (which may give
    fewer bytes than asked before the end): for a caller that reads a file whole in one
    go, the buffer's own calls (``lseek``, ``ioctl``) are spared."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(
                errno.EINVAL, "not a regular file (a FIFO, a device or a folder)", str(path)
            )
        return os.fdopen(descriptor, "rb", buffering=-1 if buffered else 0)
    except BaseException:
        os.close(descriptor)
        raise
