"""``real_path`` is ``os.path.realpath``, with each folder resolved once.

The runner resolves every file of a run through it, and L005 every link target; both
used to have a copy of their own."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pozo_site.check._rules._spanning import FolderIndex, real_path, split_path


def _tree(tmp_path: Path) -> Path:
    (tmp_path / "real" / "deep").mkdir(parents=True)
    (tmp_path / "real" / "a.md").write_text("a", encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "real", target_is_directory=True)
    (tmp_path / "real" / "b.md").symlink_to(tmp_path / "real" / "a.md")
    (tmp_path / "real" / "deep" / "up.md").symlink_to(Path("..") / "a.md")
    return tmp_path


def test_every_path_resolves_as_realpath_does(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    names = ["real/a.md", "link/a.md", "real/b.md", "link/b.md", "link/deep/up.md", "none.md"]
    folders: dict[str, str] = {}
    for name in names * 2:  # the second time from the folders already resolved
        path = str(root / name)
        assert real_path(path, folders) == os.path.realpath(path), name
    assert folders[str(root / "link")] == os.path.realpath(root / "real")


def test_a_relative_path_and_the_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(_tree(tmp_path))
    folders: dict[str, str] = {}
    for path in ("real/a.md", "link/b.md", "x.md", "/x.md", "/"):
        assert real_path(path, folders) == os.path.realpath(path), path


def test_plain_skips_the_link_test_only(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    folders: dict[str, str] = {}
    path = str(root / "link" / "a.md")  # no link itself: plain is true of it
    assert real_path(path, folders, plain=True) == os.path.realpath(path)
    link = str(root / "real" / "b.md")  # a link: told it is plain, only its folder resolves
    assert real_path(link, folders, plain=True) == link


def test_the_index_resolves_a_written_path_once(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    index = FolderIndex({}, {}, known={str(root / "real" / "a.md"): "known"})
    written = str(root / "real" / "." / "a.md")
    assert index.resolve(written) == "known"  # normalised, then named as found
    linked = str(root / "link" / "b.md")
    assert index.resolve(linked) == os.path.realpath(linked)
    (root / "real" / "b.md").unlink()  # asked again: the answer is remembered
    assert index.resolve(linked) == os.path.realpath(root / "real" / "a.md")


@pytest.mark.parametrize(
    "path", ["/", "/a", "/a/b", "/a/b/c.md", "a", "a/b.md", "/a/./b", "/a b/c d.md", "/é/ü.md"]
)
def test_split_path_is_os_path_split(path: str) -> None:
    """The runner's folder of a file and ``real_path``'s split are one function."""
    assert split_path(path) == os.path.split(path)
