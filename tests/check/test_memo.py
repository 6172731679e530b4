"""A content folder's memo (:mod:`pozo_site.check._memo`): used only when nothing it
rests on changed, and never a different answer from a run without a cache.

Every run with the cache is compared, field by field, to a fresh run without one. A memo
that answers reads no article (``_Run.process``) and no cache entry
(``FolderCache._open`` reading the file); the tests count both.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from pozo_site.check import Config, _cache, _memo, _runner, check_paths
from pozo_site.check._cache import ResultCache
from pozo_site.check._rules._spanning import real_path
from tests.check.conftest import config
from tests.check.sitegen import build_site, full


@pytest.fixture(autouse=True)
def trust_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trust files' times at once (the racy window has a test of its own)."""
    monkeypatch.setattr(_cache, "RACY_SECONDS", 0)


@dataclasses.dataclass
class Counts:
    read: list[str] = dataclasses.field(default_factory=list)
    """The files ``process`` read."""
    loads: int = 0
    """How many folders' cache files were read."""
    memos: int = 0
    """How many memos were looked at."""

    def clear(self) -> None:
        self.read.clear()
        self.loads = self.memos = 0


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> Counts:
    seen = Counts()
    process = _runner._Run.process
    load = _cache.FolderCache._open
    memo_load = _memo.load

    def counting_process(self: Any, job: Any, context: Any) -> Any:
        seen.read.append(job.name)
        return process(self, job, context)

    def counting_load(self: Any) -> Any:
        if not self._opened:  # the file is read once, on the first call
            seen.loads += 1
        return load(self)

    def counting_memo(*args: Any) -> Any:
        seen.memos += 1
        return memo_load(*args)

    monkeypatch.setattr(_runner._Run, "process", counting_process)
    monkeypatch.setattr(_cache.FolderCache, "_open", counting_load)
    monkeypatch.setattr(_memo, "load", counting_memo)
    return seen


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return build_site(tmp_path / "site", 12)


def fresh(paths: Sequence[Path], settings: Config | None = None) -> list[tuple[Any, ...]]:
    return full(check_paths(paths, settings or config()).findings)


def cached(
    paths: Sequence[Path], folder: Path, settings: Config | None = None
) -> list[tuple[Any, ...]]:
    result = check_paths(paths, settings or config(), cache=ResultCache(folder))
    return full(result.findings)


def memos(folder: Path) -> list[Path]:
    return sorted(folder.glob("v*/*.memo.json"))


def answered(counts: Counts) -> bool:
    """Whether the last run was answered by a memo alone."""
    return counts.read == [] and counts.loads == 0


def test_an_unchanged_folder_is_answered_by_its_memo(
    site: Path, tmp_path: Path, counts: Counts
) -> None:
    folder = tmp_path / "cache"
    expected = fresh([site])
    counts.clear()
    assert cached([site], folder) == expected
    assert len(counts.read) == 12
    (memo,) = memos(folder)
    assert memo.name == next(folder.glob("v*/*.jsonl")).stem + ".memo.json"
    data = json.loads(memo.read_bytes())
    assert data["checked"] == 13
    assert len(data["findings"]) == len(expected)
    counts.clear()
    assert cached([site], folder) == expected
    assert answered(counts)
    counts.clear()
    result = check_paths([site], config(), cache=ResultCache(folder))
    assert result.files_checked == 13
    assert answered(counts)


def test_every_change_to_the_files_is_seen(site: Path, tmp_path: Path, counts: Counts) -> None:
    folder = tmp_path / "cache"
    articles = site / "articles"
    cached([site], folder)

    def edit() -> None:
        path = articles / "article-0005.md"
        path.write_text(path.read_text(encoding="utf-8") + "\nCall 212 555 0166.\n", "utf-8")

    def rename() -> None:  # breaks the links to it
        (articles / "article-0007.md").rename(articles / "renamed.md")

    def delete() -> None:
        (articles / "article-0003.md").unlink()

    def add() -> None:  # takes the slug of another: L002
        (articles / "new.md").write_text(
            "---\ntitle: New\nslug: notes-on-case-1\n---\nCall (212) 555-0123.\n", "utf-8"
        )

    def same_size_and_time() -> None:
        path = articles / "article-0001.md"
        before = os.stat(path)
        text = path.read_text(encoding="utf-8").replace("212-555-0123", "212-555-0124")
        path.write_text(text, encoding="utf-8")
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert os.stat(path).st_size == before.st_size

    for change in (edit, rename, delete, add, same_size_and_time):
        before = fresh([site])
        change()
        expected = fresh([site])
        assert expected != before, change.__name__  # the change shows in the findings
        counts.clear()
        assert cached([site], folder) == expected, change.__name__
        assert not answered(counts), change.__name__
        counts.clear()
        assert cached([site], folder) == expected, change.__name__
        assert answered(counts), change.__name__


def test_the_firm_profile_and_the_configuration_are_part_of_its_key(
    site: Path, tmp_path: Path, counts: Counts
) -> None:
    folder = tmp_path / "cache"
    cached([site], folder)
    firm = site / "firm.yaml"
    firm.write_text(firm.read_text(encoding="utf-8").replace("(212) 555-0123", "(212) 555-0177"))
    expected = fresh([site])
    counts.clear()
    assert cached([site], folder) == expected
    assert not answered(counts)
    other = config(ignore=frozenset({"L005"}))
    expected = fresh([site], other)
    counts.clear()
    assert cached([site], folder, other) == expected
    assert counts.memos == 1
    assert counts.loads == 1
    counts.clear()
    assert cached([site], folder, other) == expected
    assert answered(counts)


def test_named_files_neither_use_nor_replace_it(site: Path, tmp_path: Path, counts: Counts) -> None:
    """A pre-commit hook names a few files of a folder: the memo holds the whole
    folder's findings, so it is no answer for them."""
    folder = tmp_path / "cache"
    cached([site], folder)
    (memo,) = memos(folder)
    kept = memo.read_bytes()
    one = site / "articles" / "article-0004.md"
    expected = fresh([one])
    counts.clear()
    assert cached([one], folder) == expected
    assert counts.memos == 0
    assert memo.read_bytes() == kept
    expected = fresh([site])
    counts.clear()
    assert cached([site], folder) == expected
    assert answered(counts)


def test_a_run_with_overrides_neither_uses_nor_stores_one(site: Path, tmp_path: Path) -> None:
    """The language server passes unsaved buffers: their findings are not the folder's."""
    folder = tmp_path / "cache"
    article = site / "articles" / "article-0000.md"
    source = _runner.run([article], config()).sources[article.as_posix()]
    changed = {article: dataclasses.replace(source, text=source.text + "\nCall 212-555-0166.\n")}
    with_buffer = _runner.run([site], config(), overrides=changed, cache=ResultCache(folder))
    assert any("212-555-0166" in f.message for f in with_buffer.result.findings)
    assert memos(folder) == []
    cached([site], folder)
    again = _runner.run([site], config(), overrides=changed, cache=ResultCache(folder))
    assert full(again.result.findings) == full(with_buffer.result.findings)


def test_display_paths_follow_the_current_folder(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, counts: Counts
) -> None:
    folder = tmp_path / "cache"
    monkeypatch.chdir(tmp_path)
    relative = cached([Path("site")], folder)
    assert relative == fresh([Path("site")])
    assert any(f[0].startswith("site/") for f in relative)
    other = tmp_path / "elsewhere"
    other.mkdir()
    monkeypatch.chdir(other)
    for paths in ([Path("../site")], [site]):  # then the same folder, named absolutely
        expected = fresh(paths)
        assert expected != relative
        counts.clear()
        assert cached(paths, folder) == expected
        assert counts.memos == 1
        assert counts.loads == 1
        counts.clear()
        assert cached(paths, folder) == expected
        assert answered(counts)


def link_from(site: Path, target: str) -> None:
    """Make article 0 link to ``target`` (written relative to the articles' folder)."""
    article = site / "articles" / "article-0000.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text + f"\nSee [also]({target}).\n", encoding="utf-8")


def test_a_re_pointed_folder_link_under_a_link_target(
    site: Path, tmp_path: Path, counts: Counts
) -> None:
    """A link target reached through a symbolic link to a folder outside the content
    folder: re-pointing it changes no file the walk sees."""
    folder = tmp_path / "cache"
    pointer = tmp_path / "links" / "current"
    pointer.parent.mkdir()
    empty = tmp_path / "empty"
    empty.mkdir()
    pointer.symlink_to(site / "articles", target_is_directory=True)
    link_from(site, "../../links/current/article-0003.md")
    good = fresh([site])
    assert cached([site], folder) == good
    pointer.unlink()
    pointer.symlink_to(empty, target_is_directory=True)
    broken = fresh([site])
    assert broken != good
    assert any(f[3] == "L005" and "current" in f[5] for f in broken)
    counts.clear()
    assert cached([site], folder) == broken
    assert not answered(counts)
    counts.clear()
    assert cached([site], folder) == broken
    assert answered(counts)


def test_a_link_target_that_becomes_a_link(site: Path, tmp_path: Path, counts: Counts) -> None:
    """A target outside the content folder that did not exist, then is a symbolic link to
    one of its articles: recorded as a probe, not in any file's state."""
    folder = tmp_path / "cache"
    outside = tmp_path / "outside"
    outside.mkdir()
    link_from(site, "../../outside/alias.md")
    broken = fresh([site])
    assert cached([site], folder) == broken
    (outside / "alias.md").symlink_to(site / "articles" / "article-0003.md")
    good = fresh([site])
    assert good != broken
    counts.clear()
    assert cached([site], folder) == good
    assert not answered(counts)
    (outside / "alias.md").unlink()
    (outside / "alias.md").symlink_to(site / "articles" / "missing.md")  # dangling
    expected = fresh([site])
    assert expected == broken
    counts.clear()
    assert cached([site], folder) == expected
    assert not answered(counts)


def test_real_path_records_what_it_rested_on(tmp_path: Path) -> None:
    plain = tmp_path / "plain.md"
    plain.write_text("x", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(plain)
    folders: dict[str, str] = {}
    probes: dict[str, str | None] = {}
    for path in (plain, link, tmp_path / "missing.md"):
        assert real_path(str(path), folders, probes=probes) == os.path.realpath(path)
    assert probes == {
        str(plain): None,
        str(link): os.path.realpath(plain),
        str(tmp_path / "missing.md"): None,
    }
    assert folders == {str(tmp_path): os.path.realpath(tmp_path)}
    probes.clear()
    real_path(str(plain), folders, plain=True, probes=probes)
    assert probes == {}  # the caller knows it is no link


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{",
        b"[]",
        b"\xff\xfe",
        b"null",
        "findings",  # findings of the wrong shape
        "checked",  # a count that is no integer
        "folders",  # folders that are no mapping
        "probes",  # a probe of the wrong type
        "nested",  # too deep to decode
    ],
)
def test_a_damaged_memo_is_ignored(
    site: Path, tmp_path: Path, counts: Counts, damage: bytes | str
) -> None:
    folder = tmp_path / "cache"
    expected = cached([site], folder)
    (memo,) = memos(folder)
    if isinstance(damage, bytes):
        memo.write_bytes(damage)
    elif damage == "nested":
        memo.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    else:
        data = json.loads(memo.read_bytes())
        data[damage] = {
            "findings": [[1, 2], ["x"], 5],
            "checked": "13",
            "folders": ["a"],
            "probes": {str(site): 7},
        }[damage]
        memo.write_text(json.dumps(data), encoding="ascii")
    counts.clear()
    assert cached([site], folder) == expected
    assert not answered(counts)
    json.loads(memo.read_bytes())  # written whole again
    counts.clear()
    assert cached([site], folder) == expected
    assert answered(counts)


def test_no_memo_while_a_file_is_racy(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, counts: Counts
) -> None:
    """A file written within the clock's granularity could change again and keep its
    times: the folder's result must not rest on them."""
    monkeypatch.setattr(_cache, "RACY_SECONDS", 3600)
    folder = tmp_path / "cache"
    expected = fresh([site])
    assert cached([site], folder) == expected
    assert memos(folder) == []
    counts.clear()
    assert cached([site], folder) == expected
    assert counts.memos == 0
    assert counts.loads == 1
    assert memos(folder) == []


def test_a_file_changed_while_the_run_reads_it_removes_the_memo(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    cached([site], folder)
    assert len(memos(folder)) == 1
    article = site / "articles" / "article-0006.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nOne.\n", encoding="utf-8")
    process = _runner._Run.process

    def racing(self: Any, job: Any, context: Any) -> Any:
        if job.name == str(article):  # after the run took its state, before it reads
            with open(article, "a", encoding="utf-8") as stream:
                stream.write("Call 212-555-0166.\n")
        return process(self, job, context)

    monkeypatch.setattr(_runner._Run, "process", racing)
    cached([site], folder)
    assert memos(folder) == []
    monkeypatch.setattr(_runner._Run, "process", process)
    assert cached([site], folder) == fresh([site])
    assert any("212-555-0166" in f[5] for f in fresh([site]))
