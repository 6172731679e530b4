"""The result cache and parallel runs never change a finding.

Every scenario compares a run with the cache (and with several processes) to a fresh
serial run without one, field by field (a ``Finding``'s equality looks only at its place
and code, so the comparison uses every field), after edits, renames, deletions, firm and
configuration changes, and with a damaged cache.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from pozo_site._phone import PhoneStyle
from pozo_site.check import Config, _cache, _runner, check_paths
from pozo_site.check._cache import ResultCache
from pozo_site.check._facts import LinkFact
from tests.check.conftest import config
from tests.check.sitegen import build_site, full, read_cache_file


@pytest.fixture(autouse=True)
def small_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    """Share out runs of a handful of files too, so that the tests' folders run in
    parallel; trust files' times at once (the racy window is tested on its own); and
    write the cache file in pieces of a few entries, so that every test reads one written
    in many."""
    monkeypatch.setattr(_runner, "PARALLEL_THRESHOLD", 4)
    monkeypatch.setattr(_cache, "RACY_SECONDS", 0)
    monkeypatch.setattr(_cache, "_BATCH", 5)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return build_site(tmp_path / "site", 24)


def fresh(paths: Sequence[Path], settings: Config) -> list[tuple[Any, ...]]:
    return full(check_paths(paths, settings).findings)


def cached(
    paths: Sequence[Path], settings: Config, folder: Path, *, jobs: int = 1
) -> list[tuple[Any, ...]]:
    return full(check_paths(paths, settings, cache=ResultCache(folder), jobs=jobs).findings)


def drop_memos(folder: Path) -> None:
    """Remove the folders' memos (see :mod:`pozo_site.check._memo`), so that the next run
    goes through the files' entries."""
    for memo in folder.glob("v*/*.memo.json"):
        memo.unlink()


def assert_same_every_way(paths: Sequence[Path], settings: Config, folder: Path) -> None:
    expected = fresh(paths, settings)
    assert full(check_paths(paths, settings, jobs=2).findings) == expected
    assert cached(paths, settings, folder) == expected  # fills what changed
    assert cached(paths, settings, folder) == expected  # every file a hit
    assert cached(paths, settings, folder, jobs=2) == expected


def test_the_generated_folder_has_findings_of_every_kind_that_spans_files(site: Path) -> None:
    codes = {f[3] for f in fresh([site], config())}
    assert {"P001", "P002", "A002", "L005"} <= codes


def test_serial_parallel_cached_and_uncached_runs_agree(site: Path, tmp_path: Path) -> None:
    assert_same_every_way([site], config(), tmp_path / "cache")
    assert (
        (tmp_path / "cache" / "CACHEDIR.TAG")
        .read_text(encoding="utf-8")
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )
    assert (tmp_path / "cache" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")


def test_a_second_run_reads_no_article(site: Path, tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "cache"
    expected = cached([site], config(), folder)
    read: list[Path] = []
    original = _runner._Run.process

    def counting(self: Any, job: Any, context: Any) -> Any:
        read.append(Path(job.name))
        return original(self, job, context)

    monkeypatch.setattr(_runner._Run, "process", counting)
    assert cached([site], config(), folder) == expected
    assert read == []
    article = site / "articles" / "article-0003.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nCall 212-555-0166.\n", "utf-8")
    expected = fresh([site], config())
    read.clear()
    assert cached([site], config(), folder) == expected
    assert read == [article]  # exactly the changed file


def test_edits_renames_and_deletions(site: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    articles = site / "articles"
    assert_same_every_way([site], config(), folder)
    edited = articles / "article-0005.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("212-555-0123", "212 555 0123"))
    assert_same_every_way([site], config(), folder)
    (articles / "article-0007.md").rename(articles / "renamed.md")  # breaks links to it
    assert_same_every_way([site], config(), folder)
    (articles / "article-0010.md").unlink()
    assert_same_every_way([site], config(), folder)
    duplicate = articles / "article-0002.md"  # takes the slug of another: L002
    duplicate.write_text(
        duplicate.read_text(encoding="utf-8").replace("notes-on-case-2\n", "notes-on-case-1\n")
    )
    assert_same_every_way([site], config(), folder)
    (articles / "new.md").write_text("---\ntitle: New\nslug: notes-on-case-7\n---\nHello.\n")
    assert_same_every_way([site], config(), folder)
    (articles / "bad.md").write_bytes(b"---\ntitle: [unclosed\n---\n\xff\n")
    assert_same_every_way([site], config(), folder)


def test_an_edit_that_keeps_the_size_and_the_modification_time(site: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    cached([site], config(), folder)
    article = site / "articles" / "article-0001.md"
    before = os.stat(article)
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("212-555-0123", "212-555-0124"), encoding="utf-8")
    os.utime(article, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(article).st_size == before.st_size
    assert cached([site], config(), folder) == fresh([site], config())


def test_a_file_younger_than_the_racy_window_is_hashed(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_cache, "RACY_SECONDS", 3600)
    folder = tmp_path / "cache"
    cached([site], config(), folder)
    store = next((folder).glob("v*/*.jsonl"))
    entries = read_cache_file(store)[1]
    assert all(entry[0] is None for name, entry in entries.items() if name != "\x00firm")
    assert cached([site], config(), folder) == fresh([site], config())


def test_firm_profile_changes(site: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    assert_same_every_way([site], config(), folder)
    firm = site / "firm.yaml"
    firm.write_text(firm.read_text(encoding="utf-8").replace("(212) 555-0123", "(212) 555-0177"))
    assert_same_every_way([site], config(), folder)
    firm.write_text("name: [broken\n", encoding="utf-8")
    assert_same_every_way([site], config(), folder)
    firm.unlink()  # the embedded default firm applies
    assert_same_every_way([site], config(), folder)


def test_configuration_changes(site: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    for settings in (
        config(),
        config(select=frozenset({"P", "L005"})),
        config(ignore=frozenset({"L005"})),
        config(link_patterns=("/posts/{slug}/",)),
        config(phone_style=PhoneStyle.NATIONAL),
        Config(),  # today's real date
        config(),
    ):
        assert_same_every_way([site], settings, folder)


def test_named_files_as_a_pre_commit_hook_gives_them(site: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    one = site / "articles" / "article-0009.md"
    two = site / "articles" / "article-0004.md"
    assert_same_every_way([one], config(), folder)
    assert_same_every_way([one, two], config(), folder)
    assert_same_every_way([site], config(), folder)
    assert_same_every_way([two], config(), folder)


def rewrite(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` and move its modification time a second on: two writes
    within one tick of the system's clock can leave a file of the same size with the same
    times, which the cache (trusting times at once here) would take for unchanged."""
    before = os.stat(path)
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))


def test_a_named_file_sees_the_rest_of_the_folder_change(site: Path, tmp_path: Path) -> None:
    """A pre-commit run answers the files it does not report from their summaries while
    their stat is the stored one: another file that takes the named file's slug (L002),
    or loses the slug its links point to (L005), is read again, whatever its size."""
    folder = tmp_path / "cache"
    articles = site / "articles"
    one = articles / "article-0009.md"
    assert_same_every_way([site], config(), folder)
    other = articles / "article-0002.md"
    text = other.read_text(encoding="utf-8")
    rewrite(other, text.replace("notes-on-case-2\n", "notes-on-case-9\n"))
    expected = fresh([one], config())
    assert "L002" in {f[3] for f in expected}  # the named file now shares its slug
    assert cached([one], config(), folder) == expected
    rewrite(other, text)  # the slug back, the size as before
    expected = fresh([one], config())
    assert "L002" not in {f[3] for f in expected}
    assert cached([one], config(), folder) == expected
    assert_same_every_way([site], config(), folder)


def test_the_summary_does_not_answer_for_an_entry_stored_since(tmp_path: Path) -> None:
    """A long-lived process (the language server) whose save failed keeps the entries it
    stored: they, not the summary of the file it read, answer for those files."""
    path = tmp_path / "a.md"
    path.write_text("x", encoding="utf-8")
    stat = _cache.file_stat(os.stat(path))
    file = tmp_path / "c.jsonl"
    first = _cache.FolderCache(file, "k")
    first.store("a.md", stat, "d", _cache.FileFacts(parsed=True, slug="old", checked=True))
    first.save()
    cache = _cache.FolderCache(file, "k")
    hit = cache.unchanged("a.md", str(path))
    assert hit is not None
    assert hit.slug == "old"
    cache.store("a.md", stat, "d", _cache.FileFacts(parsed=True, slug="new", checked=True))
    assert cache.unchanged("a.md", str(path)) is None
    hit = cache.lookup("a.md", stat, "a.md", str(path), detail=False)
    assert hit is not None
    assert hit.slug == "new"
    rewrite(path, "y")  # same size, other times
    assert _cache.FolderCache(file, "k").unchanged("a.md", str(path)) is None


def test_relative_and_absolute_paths_share_the_cache(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    cached([site], config(), folder)
    monkeypatch.chdir(site)
    assert cached([Path("articles")], config(), folder) == fresh([Path("articles")], config())


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{",
        b"[]",
        b'{"key": 1, "files": []}',
        b"\xff\xfe not json",
        "garbage",  # valid JSON of the right key, entries of the wrong shapes
        "garbage, then one file changed",  # the others are answered from the summary
    ],
)
def test_a_damaged_cache_is_ignored(site: Path, tmp_path: Path, damage: bytes | str) -> None:
    folder = tmp_path / "cache"
    expected = cached([site], config(), folder)
    store = next(folder.glob("v*/*.jsonl"))
    paths = [site]
    if isinstance(damage, str):
        header, files = read_cache_file(store)
        truth = {name: (e[0], int(e[2]) | 2 * int(e[3]), e[4]) for name, e in files.items()}
        data = {"files": files}
        names = sorted(data["files"])
        for index, name in enumerate(names):
            entry = data["files"][name]  # a file's real stat and digest: the rest is read
            stat, digest = entry[:2] if isinstance(entry, list) else (None, "")
            loud = [False, "", "", False]  # something of its own to report: decoded at once
            data["files"][name] = [
                [],
                {"s": "x", "h": 1},
                [stat, digest, True, True, "a-slug", "not json", False, "", "", False],
                [stat, digest, True, True, 5, "[]", True, "", "", False],
                [stat, digest, True, True, "a-slug", "[1, 2]", False, "", "", False],
                [stat, digest, True, True, "a-slug", "[null, [[1]], null, [], [[], []]]", *loud],
                [stat, digest, True, True, "a-slug", "[null, [], null, [[1, 2]], [[], []]]", *loud],
                [stat, digest, True, True, "a-slug", "[null, [], [1], [], [[], []]]", *loud],
                # nothing of its own to report, a target that does not resolve, and a
                # detail that does not decode: found only after the index is built
                [stat, digest, True, True, "a-slug", "not json", True, "no/such.md", "", False],
                [stat, digest, True, True, "a-slug", "[1]", True, "", "no-such-slug", False],
                # targets that are not a string
                [stat, digest, True, True, "a-slug", "[]", True, [1], "", False],
                [stat, digest, True, True, "a-slug", "[]", True, "", "", "yes"],
                [stat, digest, True, True, "a-slug", "[]"],  # the format of version 2
            ][index % 13]
        body = json.dumps(files) + "\n"  # ASCII: its length in characters is in bytes
        # the summary tells the truth: the entries alone are damaged
        columns = [list(column) for column in zip(*truth.values(), strict=True)]
        summary = json.dumps([len(body), list(truth), *columns])
        store.write_text(f"{json.dumps(header)}\n{summary}\n{body}", encoding="ascii")
        if damage != "garbage":
            one = site / "articles" / "article-0009.md"
            one.write_text(one.read_text("utf-8") + "\nOne more line.\n", encoding="utf-8")
            paths = [one]
            expected = fresh(paths, config())
    else:
        store.write_bytes(damage)
    drop_memos(folder)  # else the folder's memo answers and the entries are never read
    assert cached(paths, config(), folder) == expected
    read_cache_file(store)  # written whole, without the entries of the wrong shapes
    assert cached(paths, config(), folder) == expected
    read_cache_file(store)


def summary_of(entries: dict[str, Any], length: int) -> list[Any]:
    """The summary of a batch of ``entries`` (whose line is ``length`` bytes long),
    whatever they hold: their stats where they have one, so that a run reads them."""
    names = list(entries)
    stats = [
        e[0] if isinstance(e, list) and e and isinstance(e[0], str) else None
        for e in entries.values()
    ]
    return [length, names, stats, [3] * len(names), ["a-slug"] * len(names)]


def cache_lines(folder: Path) -> tuple[Path, list[bytes]]:
    (store,) = folder.glob("v*/*.jsonl")
    return store, store.read_bytes().splitlines(keepends=True)


def summary_line(summary: list[Any]) -> bytes:
    return json.dumps(summary).encode("ascii") + b"\n"


@pytest.mark.parametrize(
    "damage",
    [
        "an entries line that is not JSON",
        "an entries line holding another batch's names",
        "an entries line cut off",
        "a summary whose flags and slugs have the wrong types",
        "a summary with a column missing",
        "a summary that is not JSON",
        "a summary whose length runs past the file's end",
        "two batches that name the same file",
    ],
)
@pytest.mark.parametrize("named", [False, True], ids=["whole folder", "one changed file"])
def test_a_batch_that_disagrees_with_its_summary_is_not_used(
    site: Path, tmp_path: Path, damage: str, named: bool
) -> None:
    """Each entries line is checked to hold the names its summary says when it is
    decoded, or to start with the first of them when it is copied; a summary of the
    wrong shape ends the file there; a name twice drops the file. Either way the
    findings are a fresh run's, and the next save writes a whole, consistent file."""
    folder = tmp_path / "cache"
    cached([site], config(), folder)
    store, lines = cache_lines(folder)
    assert len(lines) >= 7  # the header, and at least three batches of two lines
    first = json.loads(lines[1])
    second = json.loads(lines[3])
    if damage == "an entries line that is not JSON":
        lines[4] = b"x" * (len(lines[4]) - 1) + b"\n"  # the same length
    elif damage == "an entries line holding another batch's names":  # the last batch's,
        last = json.loads(lines[-2])  # which a run over article-0009 alone copies
        lines[-1] = lines[2]
        lines[-2] = summary_line([len(lines[2]), *last[1:]])
    elif damage == "an entries line cut off":
        lines[4] = lines[4][: len(lines[4]) // 2] + b"\n"
    elif damage == "a summary whose flags and slugs have the wrong types":
        first[3] = ["x"] * len(first[3])
        first[4] = [5] * len(first[4])
        lines[1] = summary_line(first)
    elif damage == "a summary with a column missing":
        lines[3] = summary_line(second[:4])
    elif damage == "a summary that is not JSON":
        lines[3] = b"[1, 2\n"
    elif damage == "a summary whose length runs past the file's end":
        lines[-2] = summary_line([json.loads(lines[-2])[0] + 1, *json.loads(lines[-2])[1:]])
    else:
        second[1][0] = first[1][0]
        lines[3] = summary_line(second)
    store.write_bytes(b"".join(lines))
    drop_memos(folder)
    one = site / "articles" / "article-0009.md"
    one.write_text(one.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    paths = [one] if named else [site]
    assert cached(paths, config(), folder) == fresh(paths, config())
    read_cache_file(store)  # written whole and consistent again
    assert_same_every_way([site], config(), folder)


STAT = (1, 0, 0, 1)
"""A file's stat in the tests of :class:`FolderCache` alone (old: its times are trusted)."""


def write(path: Path, digest_of_a5: str) -> None:
    """A cache file of twelve entries, ``a0.md`` to ``a11.md``, ``a5.md``'s digest given."""
    cache = _cache.FolderCache(path, "k")
    for number in range(12):
        digest = digest_of_a5 if number == 5 else f"d{number}"
        cache.store(f"a{number}.md", STAT, digest, _cache.FileFacts(parsed=True, slug="s"))
    cache.save()


def test_a_decoded_entry_keeps_its_own_stat_and_slug(tmp_path: Path) -> None:
    """Decoding an entries line makes its stats and slugs the summary's strings only where
    they are equal (one copy held): where a damaged summary says otherwise, the entry
    keeps its own, so a file whose summary stat was changed to the file's new one is
    still compared by digest, and found changed."""
    path = tmp_path / "a.md"
    path.write_text("old text", encoding="utf-8")
    before = _cache.file_stat(os.stat(path))
    file = tmp_path / "c.jsonl"
    cache = _cache.FolderCache(file, "k")
    old = _cache.FileFacts(parsed=True, slug="old", checked=True)
    cache.store("a.md", before, _cache.content_digest(b"old text"), old)
    cache.save()
    path.write_text("new text", encoding="utf-8")
    os.utime(path, ns=(before[1], before[1] + 1_000_000_000))
    after = _cache.file_stat(os.stat(path))
    header, summary, entries = file.read_bytes().splitlines(keepends=True)
    length, names, stats, flags, slugs = json.loads(summary)
    assert slugs == ["old"]
    assert stats == [_cache._stat_text(before)]
    damaged = [length, names, [_cache._stat_text(after)], flags, ["other"]]
    file.write_bytes(header + summary_line(damaged) + entries)
    reading = _cache.FolderCache(file, "k")
    assert reading.lookup("a.md", after, "a.md", str(path)) is None  # digest compared
    reading = _cache.FolderCache(file, "k")
    hit = reading.lookup("a.md", before, "a.md", str(path))
    assert hit is not None
    assert hit.slug == "old"


def test_a_file_replaced_after_a_partial_read_is_left_to_the_other_run(tmp_path: Path) -> None:
    """A run that read only the summary (and maybe a line) cannot write the entries it
    never decoded: if another run replaced the file meanwhile, the other run's file
    stays, whole; this run's change is lost (a file checked again next time)."""
    file = tmp_path / "c.jsonl"
    stat = STAT

    write(file, "d5")
    ours = _cache.FolderCache(file, "k")
    hit = ours.lookup("a3.md", stat, "a3.md", str(tmp_path / "a3.md"), detail=False)
    assert hit is not None
    assert (hit.parsed, hit.slug, hit.checked) == (True, "s", False)
    write(tmp_path / "other.jsonl", "e5")
    os.replace(tmp_path / "other.jsonl", file)
    ours.store("new.md", stat, "d", _cache.FileFacts(parsed=True, slug="n"))
    ours.save()
    _header, entries = read_cache_file(file)
    assert set(entries) == {f"a{n}.md" for n in range(12)}
    assert entries["a5.md"][1] == "e5"  # the other run's file, untouched
    again = _cache.FolderCache(file, "k")  # and this run reads it as any other
    assert again.lookup("a5.md", stat, "a5.md", "", detail=True) is not None


def test_an_entries_line_whose_names_are_out_of_order_is_not_used(tmp_path: Path) -> None:
    """Entries are matched to their summary by position as well as by name: a line
    whose names are in another order than its summary's loses its entries."""
    file = tmp_path / "c.jsonl"
    stat = (1, 0, 0, 1)
    cache = _cache.FolderCache(file, "k")
    for number in range(3):
        facts = _cache.FileFacts(parsed=True, slug=f"s{number}", checked=True)
        cache.store(f"a{number}.md", stat, f"d{number}", facts)
    cache.save()
    header, summary, body = file.read_bytes().splitlines(keepends=True)
    entries = json.loads(body)
    swapped = dict(reversed(list(entries.items())))
    new_body = json.dumps(swapped, separators=(",", ":")).encode("ascii") + b"\n"
    _length, *columns = json.loads(summary)
    file.write_bytes(header + summary_line([len(new_body), *columns]) + new_body)
    assert _cache.FolderCache(file, "k").lookup("a0.md", stat, "a0.md", "") is None
    file.write_bytes(header + summary + body)  # as written: found
    hit = _cache.FolderCache(file, "k").lookup("a0.md", stat, "a0.md", "")
    assert hit is not None
    assert hit.slug == "s0"


def test_the_language_server_reads_the_file_again_after_a_save(tmp_path: Path) -> None:
    """After a save the file is another: what was stored is looked up from it."""
    file = tmp_path / "c.jsonl"
    stat = (1, 0, 0, 1)
    cache = _cache.FolderCache(file, "k")
    cache.store("a.md", stat, "d", _cache.FileFacts(parsed=True, slug="s", checked=True))
    assert cache.lookup("a.md", stat, "a.md", "") is not None  # before the save
    cache.save()
    cache.store("b.md", stat, "d", _cache.FileFacts(parsed=True, slug="t", checked=True))
    cache.save()
    for name, slug in (("a.md", "s"), ("b.md", "t")):
        hit = cache.lookup(name, stat, name, "")
        assert hit is not None
        assert hit.slug == slug
    assert set(read_cache_file(file)[1]) == {"a.md", "b.md"}


def test_a_cache_folder_that_cannot_be_written_only_costs_speed(site: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert cached([site], config(), blocker / "cache") == fresh([site], config())
    assert cached([site], config(), blocker) == fresh([site], config())


def test_a_killed_run_leaves_a_usable_cache(site: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    expected = cached([site], config(), folder)
    store = next(folder.glob("v*/*.jsonl"))
    whole = store.read_bytes()
    store.write_bytes(whole[: len(whole) // 2])  # as if cut off mid-write (not atomic)
    leftover = store.parent / f".{store.name}.99999.0123456789ab.pozo-site.tmp"
    leftover.write_bytes(whole[:100])  # what atomic_write leaves when killed
    drop_memos(folder)
    assert cached([site], config(), folder) == expected


def test_overridden_files_are_neither_looked_up_nor_stored(site: Path, tmp_path: Path) -> None:
    """The language server passes unsaved buffers as overrides: their text must never
    reach the cache, and the cached text of their file must not hide the buffer's."""
    folder = tmp_path / "cache"
    article = site / "articles" / "article-0000.md"
    cached([site], config(), folder)
    source = _runner.run([article], config()).sources[article.as_posix()]
    buffer = source.text + "\nCall 212-555-0166 today.\n"
    changed = {article: dataclasses.replace(source, text=buffer)}
    with_buffer = _runner.run([site], config(), overrides=changed, cache=ResultCache(folder))
    assert full(with_buffer.result.findings) == full(
        _runner.run([site], config(), overrides=changed).result.findings
    )
    assert any("212-555-0166" in f.message for f in with_buffer.result.findings)
    assert cached([site], config(), folder) == fresh([site], config())
    firm = site / "firm.yaml"
    firm_source = _runner.run([firm], config()).sources[firm.as_posix()]
    new_firm = {firm: dataclasses.replace(firm_source, text=firm_source.text + "\n")}
    _runner.run([site], config(), overrides=new_firm, cache=ResultCache(folder))
    assert cached([site], config(), folder) == fresh([site], config())


def test_clean_cache_refuses_a_folder_that_is_not_a_cache(tmp_path: Path) -> None:
    other = tmp_path / "precious"
    other.mkdir()
    (other / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(ValueError, match="not a pozo-site cache"):
        _cache.clean_cache(other)
    assert (other / "notes.txt").exists()
    assert _cache.clean_cache(tmp_path / "missing") is False


def test_the_fingerprint_ignores_the_order_of_sets() -> None:
    one = Config(select=frozenset(["P001", "L", "A", "C002"]), ignore=frozenset(["X", "Y"]))
    two = Config(select=frozenset(["C002", "A", "L", "P001"]), ignore=frozenset(["Y", "X"]))
    assert _runner._fingerprint(one) == _runner._fingerprint(two)
    assert _runner._fingerprint(one) != _runner._fingerprint(Config())


def test_a_process_with_threads_does_not_fork(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import concurrent.futures
    import threading

    expected = fresh([site], config())
    pools: list[object] = []

    class NoPool:
        def __init__(self, *args: object, **kwargs: object) -> None:
            pools.append(self)
            raise AssertionError("a process with threads must not fork")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", NoPool)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert _runner._can_fork() is False
        assert full(check_paths([site], config(), jobs=2).findings) == expected
    finally:
        stop.set()
        other.join()
    assert pools == []
    with pytest.raises(AssertionError, match="must not fork"):  # and without the thread
        check_paths([site], config(), jobs=2)


def test_a_file_grown_past_the_size_limit_is_not_read_to_be_hashed(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    settings = config(max_file_bytes=4_000)
    cached([site], settings, folder)
    article = site / "articles" / "article-0002.md"
    article.write_text(article.read_text(encoding="utf-8") + "x" * 5_000, encoding="utf-8")
    hashed: list[int] = []
    original = _cache.content_digest
    monkeypatch.setattr(
        _cache, "content_digest", lambda data: hashed.append(len(data)) or original(data)
    )
    found = cached([site], settings, folder)
    assert found == fresh([site], settings)
    assert "F009" in {f[3] for f in found if f[0].endswith("article-0002.md")}
    assert all(size <= 4_000 for size in hashed)


def test_the_cache_file_is_json_lines_of_a_few_entries(site: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    cached([site], config(), folder)
    (file,) = folder.glob("v*/*.jsonl")
    header, entries = read_cache_file(file)  # ASCII only: non-ASCII names are escaped
    assert set(header) == {"key", "firm"}
    assert set(entries) == {p.relative_to(site).as_posix() for p in site.rglob("*.md")}
    lines = file.read_text("ascii").splitlines()
    assert len(lines) == 1 + 2 * -(-len(entries) // 5)  # the header, two lines a batch
    assert max(len(json.loads(line)) for line in lines[2::2]) == 5  # _BATCH to a batch
    firm = [f for f in fresh([site], config()) if f[0].endswith("firm.yaml")]
    assert [f[2] for f in header["firm"]["f"]] == [f[3] for f in firm]  # its findings


@pytest.mark.parametrize("keep", [1, 2, 3])
def test_a_cache_file_cut_at_a_line_end_keeps_its_whole_batches(
    site: Path, tmp_path: Path, keep: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file cut off between two lines (the header only; a batch's summary without its
    entries; one whole batch) gives the entries of its whole batches alone."""
    folder = tmp_path / "cache"
    expected = cached([site], config(), folder)
    (file,) = folder.glob("v*/*.jsonl")
    lines = file.read_text("ascii").splitlines(keepends=True)
    file.write_text("".join(lines[:keep]), "ascii")
    hits: list[str] = []
    real = _cache._facts_in
    monkeypatch.setattr(_cache, "_facts_in", lambda *a, **k: hits.append(a[1]) or real(*a, **k))
    drop_memos(folder)
    assert cached([site], config(), folder) == expected
    whole = [] if keep < 3 else list(json.loads(lines[2]))
    assert sorted(hits) == sorted(str(site / name) for name in whole)
    read_cache_file(file)  # written whole again


def test_a_second_run_decodes_only_what_it_reports(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file with nothing of its own to report whose slug and links resolve stays an
    undecoded text; the others are decoded, and the findings are those of a fresh run."""
    folder = tmp_path / "cache"
    expected = cached([site], config(), folder)
    decoded: list[str] = []
    real = _cache._decoded

    def counting(*args: Any) -> Any:
        decoded.append(args[-1])  # the display
        return real(*args)

    monkeypatch.setattr(_cache, "_decoded", counting)
    drop_memos(folder)  # a memo would answer without any entry
    assert cached([site], config(), folder) == expected
    reported = {f[0] for f in expected if f[0].endswith(".md")}  # not the firm profile
    assert set(decoded) == reported  # every file with a finding, and no other
    assert len(decoded) < len(list(site.rglob("*.md")))


@pytest.mark.parametrize(
    ("links", "quiet"),
    [
        ((), True),
        ((("md", "a.md"), ("slug", "a-slug"), ("md", "b.md")), True),
        ((("slug", ""),), False),  # one per line: an empty target would be lost
        ((("md", "a\nb.md"),), False),
    ],
)
def test_an_entry_keeps_its_link_targets_one_per_line(
    links: tuple[tuple[str, str], ...], quiet: bool
) -> None:
    facts = _cache.FileFacts(
        parsed=True,
        slug="s",
        checked=True,
        links=tuple(LinkFact(kind, target, target, 1, 1, 1, 2) for kind, target in links),
    )
    entry = _cache._entry_out("1:2:3:4", "digest", facts)
    assert entry[0] == "1:2:3:4"
    assert entry[6] is quiet
    md = [target for kind, target in links if kind == "md"]
    slugs = [target for kind, target in links if kind != "md"]
    if quiet:
        assert (_cache.targets(entry[7]), _cache.targets(entry[8])) == (md, slugs)
    back = _cache._facts_in(json.loads(json.dumps(entry)), "a.md", detail=True)
    assert (back.pending is not None) is quiet
    whole = _cache.complete(back, "a.md") if quiet else back
    assert whole.links == facts.links


class CountingEncoder(json.JSONEncoder):
    """The cache file's encoder, counting the entries lines it encodes."""

    lines = 0

    def encode(self, o: Any) -> str:
        if isinstance(o, dict) and any(str(name).endswith(".md") for name in o):
            CountingEncoder.lines += 1
        return super().encode(o)


def test_a_run_that_changes_one_entry_writes_the_other_lines_as_read(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pre-commit run changes one entry: it decodes only the line that holds it (the
    other files are answered from the summary), the lines that do not hold it are
    written as they were read (byte for byte, not encoded again), the one that does is
    encoded again in its place."""
    folder = tmp_path / "cache"
    cached([site], config(), folder)
    (file,) = folder.glob("v*/*.jsonl")
    before = file.read_bytes().splitlines(keepends=True)
    one = site / "articles" / "article-0009.md"
    one.write_text(one.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    monkeypatch.setattr(_cache, "_ENCODER", CountingEncoder(separators=(",", ":")))
    CountingEncoder.lines = 0
    decoded: list[int] = []
    real = _cache.FolderCache._batch
    monkeypatch.setattr(
        _cache.FolderCache,
        "_batch",
        lambda self, number, raw: decoded.append(number) or real(self, number, raw),
    )
    assert cached([one], config(), folder) == fresh([one], config())
    after = file.read_bytes().splitlines(keepends=True)
    (held,) = [i for i, line in enumerate(before) if b'"articles/article-0009.md":' in line]
    assert decoded == [held // 2 - 1]  # its batch alone (after the header, two lines each)
    assert CountingEncoder.lines == 1  # the entries line of the changed entry
    assert len(after) == len(before)
    assert [line for i, line in enumerate(after) if i not in (held - 1, held)] == [
        line for i, line in enumerate(before) if i not in (held - 1, held)
    ]  # as read
    assert after[held] != before[held]
    assert b'"articles/article-0009.md":' in after[held]  # with the rest of its line's
    _header, entries = read_cache_file(file)
    assert set(entries) == set(read_cache_file_lines(before)[1])
    assert_same_every_way([site], config(), folder)


def read_cache_file_lines(lines: Sequence[bytes]) -> tuple[dict[str, Any], dict[str, Any]]:
    header, *rest = (json.loads(line) for line in lines)
    batches = rest[1::2]  # each batch's entries, after its summary
    entries: dict[str, Any] = {}
    for batch in batches:
        entries.update(batch)
    return header, entries


@pytest.mark.parametrize("change", ["replaced by another run", "cut in place"])
def test_a_cache_file_changed_after_it_was_read_is_written_whole(
    site: Path, tmp_path: Path, change: str
) -> None:
    """The lines kept as read come from the file read: if another run replaced it (or it
    was cut) meanwhile, every entry is encoded, and the file holds this run's entries."""
    file = tmp_path / "c.jsonl"
    stat = STAT

    write(file, "d5")
    ours = _cache.FolderCache(file, "k")
    assert len(ours.entries) == 12
    if change == "replaced by another run":  # the same size, the same lines' places
        write(tmp_path / "other.jsonl", "e5")
        os.replace(tmp_path / "other.jsonl", file)
    else:
        with file.open("r+b") as stream:
            stream.truncate(file.stat().st_size // 2)
    ours.store("new.md", stat, "d", _cache.FileFacts(parsed=True, slug="n"))
    ours.save()
    _header, entries = read_cache_file(file)
    assert set(entries) == {*(f"a{n}.md" for n in range(12)), "new.md"}
    assert entries["a5.md"][1] == "d5"  # this run's entry, not the other run's
