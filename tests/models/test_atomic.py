"""The one atomic writer behind --fix, contact-block --output and the result cache."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from pozo_site._atomic import atomic_write, atomic_write_chunks


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_file_gets_the_umask_mode(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        atomic_write(tmp_path / "new.vcf", b"BEGIN:VCARD\r\n")
    finally:
        os.umask(old)
    assert (tmp_path / "new.vcf").read_bytes() == b"BEGIN:VCARD\r\n"
    assert mode(tmp_path / "new.vcf") == 0o640


def test_replaced_file_keeps_its_mode_and_no_temporary_is_left(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"old")
    path.chmod(0o604)
    atomic_write(path, b"new")
    assert path.read_bytes() == b"new"
    assert mode(path) == 0o604
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_a_symbolic_link_is_followed_and_kept(tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_bytes(b"old")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    atomic_write(link, b"new")
    assert link.is_symlink()
    assert target.read_bytes() == b"new"


def test_chunks_are_written_in_order(tmp_path: Path) -> None:
    path = tmp_path / "cache.json"
    atomic_write_chunks(path, (piece for piece in (b'{"a":', b"[1,2]", b"}")))
    assert path.read_bytes() == b'{"a":[1,2]}'
    assert [p.name for p in tmp_path.iterdir()] == ["cache.json"]


def test_chunks_that_fail_halfway_leave_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "cache.json"
    path.write_bytes(b"old")

    def pieces() -> Iterator[bytes]:
        yield b"new, half"
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        atomic_write_chunks(path, pieces())
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["cache.json"]  # no temporary left


def synced(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The descriptors ``os.fsync`` is called with from now on (it still syncs them)."""
    calls: list[int] = []
    real = os.fsync

    def counting(descriptor: int) -> None:
        calls.append(descriptor)
        real(descriptor)

    monkeypatch.setattr(os, "fsync", counting)
    return calls


def test_a_write_is_synced_to_disk_file_and_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = synced(monkeypatch)
    atomic_write(tmp_path / "a.md", b"new")
    assert len(calls) == 2  # the new file's bytes, then the folder that holds its name


def test_a_write_that_may_be_lost_is_atomic_but_not_synced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = synced(monkeypatch)
    path = tmp_path / "cache.json"
    path.write_bytes(b"old")
    atomic_write(path, b"new", durable=False)
    atomic_write_chunks(tmp_path / "more.json", (b"[1,", b"2]"), durable=False)
    assert calls == []
    assert path.read_bytes() == b"new"
    assert (tmp_path / "more.json").read_bytes() == b"[1,2]"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache.json", "more.json"]
