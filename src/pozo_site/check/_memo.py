"""A content folder's whole result, kept between runs: the answer to a run that changed
nothing.

The result cache (:mod:`pozo_site.check._cache`) spares a second run every file's
reading and checking, but not the work that spans the folder: looking up every file's
entry, indexing every slug and link target, resolving every path. When a run checks every
article of a content folder, the folder's findings are a function of what the cache key
holds (the tool's version, the configuration, the firm profile's bytes, the date) and of
the files' state: which files there are, their size, times and inode, whether each is a
link, and the real paths that the rules spanning files (L002, L005) resolved. The memo
keeps that result beside the folder's cache file (``<name>.memo.json``), with:

- the cache key;
- a *fingerprint* (:func:`fingerprint`): BLAKE2b over the current folder (findings name
  files relative to it), whether the folder was named relatively, the firm profile's path,
  and each file's name, :func:`~pozo_site.check._cache.file_stat` and whether the walk saw
  it as a plain file (no link);
- the real path of every folder the run resolved, and every *probe* (a path that might
  have been a link, see :func:`~pozo_site.check._rules._spanning.real_path`);
- the findings and the count of files checked.

A later run uses it only if the key and the fingerprint are equal and every folder and
probe still resolves as recorded; then it reads no article and no cache entry. The runner
stores a memo only when every file's times can be trusted
(:func:`~pozo_site.check._cache.trusted`) and every file it read had the state it
fingerprinted; otherwise it removes the memo. A memo that cannot be read, does not decode
or has the wrong shape is ignored, never an error; it is written atomically.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final, NamedTuple

from pozo_site._atomic import atomic_write
from pozo_site.check._cache import Stat, _finding_in, _finding_out, _stat_text
from pozo_site.check._digest import blake2b
from pozo_site.check._finding import Finding

__all__ = ["MemoHit", "discard", "fingerprint", "load", "store"]

_FORMAT: Final = 1


class MemoHit(NamedTuple):
    """What a memo gives back: the folder's findings and how many files it checked."""

    findings: list[Finding]
    checked: int


def fingerprint(
    cwd: str, relative: bool, firm: str | None, files: Iterable[tuple[str, Stat, bool]]
) -> str:
    """The state a folder's result rests on, besides the cache key: ``files`` are each
    file's ``(name, stat, plain)`` in the run's order."""
    digest = blake2b(digest_size=32)
    digest.update(json.dumps([_FORMAT, cwd, relative, firm]).encode("utf-8"))
    digest.update(
        "\n".join(
            f"{name}\x00{_stat_text(stat)}\x00{int(plain)}" for name, stat, plain in files
        ).encode("utf-8", "surrogatepass")
    )
    return digest.hexdigest()


def load(file: Path, key: str, state: str) -> MemoHit | None:
    """The memo at ``file`` if it was made for ``key`` and fingerprint ``state`` and every
    path it recorded still resolves as it did; else ``None``."""
    try:
        with open(file, "rb") as stream:
            data = json.loads(stream.read())
        if not isinstance(data, dict) or data.get("key") != key or data.get("state") != state:
            return None
        folders = data["folders"]
        probes = data["probes"]
        if not isinstance(folders, dict) or not isinstance(probes, dict):
            return None
        if not _still(folders, probes):
            return None
        checked = data["checked"]
        if type(checked) is not int:
            return None
        findings = [_finding_in(item[1:], str(item[0])) for item in data["findings"]]
    except (OSError, ValueError, TypeError, KeyError, IndexError, RecursionError):
        return None
    return MemoHit(findings, checked)


def _still(folders: Mapping[str, Any], probes: Mapping[str, Any]) -> bool:
    """Whether every recorded folder and probe resolves as it did."""
    realpath = os.path.realpath
    for folder, real in folders.items():
        if realpath(folder) != real:
            return False
    islink = os.path.islink
    for path, real in probes.items():
        if real is None:
            if islink(path):
                return False
        elif realpath(path) != real:
            return False
    return True


def store(
    file: Path,
    *,
    key: str,
    state: str,
    result: tuple[Sequence[Finding], int],
    folders: Mapping[str, str],
    probes: Mapping[str, str | None],
) -> None:
    """Keep a folder's ``result`` (its findings and the count of files checked);
    a failure to write only loses the memo."""
    findings, checked = result
    data = {
        "key": key,
        "state": state,
        "folders": dict(folders),
        "probes": dict(probes),
        "checked": checked,
        "findings": [[f.path, *_finding_out(f)] for f in findings],
    }
    text = json.dumps(data, separators=(",", ":"))  # ASCII: its text is its bytes
    with contextlib.suppress(OSError):
        file.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(file, text.encode("ascii"), durable=False)


def discard(file: Path) -> None:
    """Remove the memo at ``file``, if there is one."""
    with contextlib.suppress(OSError):
        file.unlink(missing_ok=True)
