"""Atomic file replacement, shared by ``--fix`` and ``contact-block --output``.

The bytes go to a new file beside the target first (same folder, so the rename cannot cross
file systems), are flushed to disk, and then replace the target in one rename: a reader,
or a crash at any moment, sees either the whole old file or the whole new one. A replaced
file keeps its permission bits; a new one gets the usual ones (``0o666`` less the umask).
:func:`atomic_write` follows a symbolic link: its target is replaced and the link kept.

:func:`replace_unchanged` is the fixer's: it replaces a file only if it still holds what
was read, and never loses an edit saved meanwhile (see its docstring for how).

The flushes to disk (``fsync`` of the file, then of its folder) make the new file survive a
power cut once the call returns. A file that may be lost, the result cache's, is written
with ``durable=False``: still renamed into place whole, but not waited on (as mypy writes
its cache, ``mypy/metastore.py``); a cut power may then leave it empty or missing, which its
reader treats as a cache to rebuild.

A temporary file is named ``.NAME.PID.RANDOM.pozo-site.tmp``; one left by a run that was
killed is removed by :func:`remove_stale_temporaries` in a later run.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Final

__all__ = [
    "TEMPORARY_SUFFIX",
    "atomic_write",
    "atomic_write_chunks",
    "remove_stale_temporaries",
    "replace_unchanged",
]

TEMPORARY_SUFFIX: Final = ".pozo-site.tmp"
_TEMPORARY: Final = re.compile(r"\..+\.(\d+)\.[0-9a-f]{12}" + re.escape(TEMPORARY_SUFFIX))
_RENAME_EXCHANGE: Final = 2  # linux/fs.h


def _temporary_for(target: Path) -> Path:
    return target.parent / f".{target.name}.{os.getpid()}.{os.urandom(6).hex()}{TEMPORARY_SUFFIX}"


@contextlib.contextmanager
def _temporary(
    target: Path, data: bytes | Iterable[bytes], *, durable: bool = True
) -> Iterator[Path]:
    """A temporary file with ``data`` (bytes, or pieces of them written in turn) beside
    ``target``, with ``target``'s mode, synced to disk if ``durable``; removed on the way
    out unless it was renamed away."""
    temporary = _temporary_for(target)
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            if isinstance(data, bytes):
                stream.write(data)
            else:
                for piece in data:
                    stream.write(piece)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        with contextlib.suppress(FileNotFoundError):  # a new file keeps the umask's mode
            os.chmod(temporary, stat.S_IMODE(os.stat(target).st_mode))
        yield temporary
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # make the rename itself durable where possible
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def atomic_write(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace (or create) the file at ``path`` with ``data`` atomically; synced to disk
    before returning unless ``durable=False`` (see above). Raises ``OSError``."""
    atomic_write_chunks(path, (data,), durable=durable)


def atomic_write_chunks(path: Path, chunks: Iterable[bytes], *, durable: bool = True) -> None:
    """:func:`atomic_write` of the concatenated ``chunks``, written as they come: a large
    file (the result cache of 100,000 articles) is never held whole in memory. If the
    iterable raises, the target is left as it was and the exception propagates."""
    target = Path(os.path.realpath(path))
    with _temporary(target, chunks, durable=durable) as temporary:
        os.replace(temporary, target)
    if durable:
        _sync_folder(target.parent)


@functools.cache
def _exchange() -> Callable[[Path, Path], None] | None:
    """``renameat2(RENAME_EXCHANGE)``: swap two names atomically (Linux 3.15, glibc 2.28),
    or ``None`` where it is not available."""
    if not sys.platform.startswith("linux"):  # pragma: no cover - exercised on Linux only
        return None
    import ctypes  # noqa: PLC0415 (only a write loads the C library binding)
    import ctypes.util  # noqa: PLC0415

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):  # pragma: no cover - an old C library
        return None
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes += [ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    at_fdcwd = -100

    def exchange(first: Path, second: Path) -> None:
        if (
            renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), _RENAME_EXCHANGE)
            != 0
        ):
            code = ctypes.get_errno()
            raise OSError(code, os.strerror(code), str(second))

    return exchange


def _identity(info: os.stat_result) -> tuple[int, int, int, int]:
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns


def _holds(path: Path, expected: bytes) -> bool:
    with path.open("rb") as stream:
        return stream.read(len(expected) + 1) == expected


def replace_unchanged(path: Path, data: bytes, expected: bytes) -> bool:
    """Replace the file at ``path`` with ``data`` if it still holds ``expected``; return
    whether it did. Raises ``OSError``; ``path`` itself is never followed if a link.

    An edit saved at any moment is never overwritten:

    - the file is opened and compared with ``expected`` first, and its identity (device,
      inode, size, modification time) noted;
    - the new bytes are written and synced to a temporary file beside it;
    - right before the rename the identity and content are compared again;
    - where the system can swap two names atomically (Linux ``renameat2``), the files
      are swapped rather than one renamed over the other, and what was swapped out is
      checked: an editor's save that slipped in between (a new file renamed into place,
      or the old one rewritten) is swapped back, untouched;
    - elsewhere, after ``os.replace`` the old file (still open) is checked, and if it was
      rewritten in between, its new content is put back.
    """
    with open(path, "rb", opener=_no_follow) as original:
        before = os.fstat(original.fileno())
        if original.read(len(expected) + 1) != expected:
            return False
        with _temporary(path, data) as temporary:
            current = os.stat(path, follow_symlinks=False)
            if _identity(current) != _identity(before) or not _holds(path, expected):
                return False
            exchange = _exchange()
            if exchange is not None:
                exchange(temporary, path)
                swapped = os.stat(temporary, follow_symlinks=False)
                if _identity(swapped) != _identity(before) or not _holds(temporary, expected):
                    exchange(temporary, path)  # an edit came in between: put it back
                    return False
            else:  # where renameat2 is missing (tested by turning it off)
                os.replace(temporary, path)
                if _identity(os.fstat(original.fileno())) != _identity(before):
                    original.seek(0)
                    atomic_write(path, original.read())  # rewritten in between: restore
                    return False
    _sync_folder(path.parent)
    return True


def _no_follow(name: str, flags: int) -> int:
    return os.open(name, flags | getattr(os, "O_NOFOLLOW", 0))


def remove_stale_temporaries(folder: Path) -> int:
    """Remove the temporary files in ``folder`` left by runs that were killed (their
    process no longer exists); return how many. Another live run's files are kept."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        match = _TEMPORARY.fullmatch(entry.name)
        if match is None or _alive(int(match.group(1))):
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed += 1
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process, or not a pid at all: leave it be
    return True
