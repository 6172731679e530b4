"""Loading files safely: the file family, positions, and bad input that never crashes."""

from __future__ import annotations

import errno
import os
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pytest

from pozo_site.check import Config, Finding, _load, check_paths
from pozo_site.check._load import parse_article, read_source
from pozo_site.check._source import ArticleDoc, Source
from tests.check.conftest import config

ARTICLE = "---\ntitle: Know Your Rights\nslug: know-your-rights\ndate: 2024-05-01\n---\n"


def _codes(result_findings: tuple[Finding, ...]) -> list[tuple[str, str, int, int]]:
    return [(f.code, f.path, f.line, f.column) for f in result_findings]


def test_billion_laughs_is_refused_in_bounded_memory(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        prev = chr(ord("a") + level - 1)
        name = chr(ord("a") + level)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    write("articles/lol.md", "---\n" + "\n".join(lines) + "\n---\nBody\n")
    tracemalloc.start()
    result = check_paths([Path(".")], config())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert _codes(result.findings) == [("F007", "articles/lol.md", 2, 4)]
    assert peak < 20_000_000  # 9**9 expanded strings would need gigabytes


def test_a_bad_file_never_stops_the_run(write: Callable[..., Path], in_tmp: Path) -> None:
    write("articles/a-bad.md", b"PK\x03\x04\x00binary")
    write("articles/b-empty.md", "")
    write("articles/c-yaml.md", "---\ntitle: [unclosed\n---\n")
    write("articles/d-good.md", ARTICLE + "Call 212-555-0123.\n")
    result = check_paths([Path(".")], config())
    assert [f.code for f in result.findings] == ["F002", "F003", "F006", "P001"]
    assert result.files_checked == 4


def test_positions_are_file_lines_despite_unicode_line_separators(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    # PyYAML counts U+2028, U+2029 and U+0085 as line breaks; editors and CI do not.
    write(
        "articles/a.md",
        '---\ntitle: "Know\u2028Your\u2029Rights\u0085Today"\nslug: know-your-rights\n'
        "date: 2024-05-01\nunknown: 1\n---\nCall (212) 201-9031.\n",
    )
    found = _codes(check_paths([Path(".")], config()).findings)
    assert ("S001", "articles/a.md", 5, 1) in found
    assert ("P002", "articles/a.md", 7, 6) in found


def test_syntax_error_after_unicode_separator_points_at_the_real_line(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    write("articles/a.md", '---\nsummary: "a\u2028b"\ntitle: Visas: what\n---\n')
    assert _codes(check_paths([Path(".")], config()).findings) == [("F006", "articles/a.md", 3, 13)]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_bom_and_line_ends_are_valid_and_keep_positions(
    write: Callable[..., Path], in_tmp: Path, newline: str, bom: str
) -> None:
    text = ARTICLE + "\nCall (212) 201-9031.\n"
    write("articles/a.md", bom + text.replace("\n", newline))
    found = _codes(check_paths([Path(".")], config()).findings)
    assert found == [("P002", "articles/a.md", 7, 6)]


def test_a_file_over_the_limit_is_not_read(
    write: Callable[..., Path], in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write("articles/big.md", ARTICLE + "x" * 5000)

    def never(path: Path) -> IO[bytes]:  # pragma: no cover - must not be called
        raise AssertionError("a file over the limit was opened")

    monkeypatch.setattr(_load, "_open", never)
    result = check_paths([Path(".")], config(max_file_bytes=1000))
    assert _codes(result.findings) == [("F009", "articles/big.md", 1, 1)]


class _Growing:
    """A file handle whose file grew to ``text`` after it was stat'ed, and whose reads
    give at most ``chunk`` bytes each (a raw read may give fewer than asked)."""

    def __init__(self, text: bytes, chunk: int = 1 << 30) -> None:
        self.text, self.at, self.sizes, self.chunk = text, 0, list[int](), chunk

    def __enter__(self) -> _Growing:
        return self

    def __exit__(self, *args: object) -> None:
        return None

    def read(self, size: int) -> bytes:
        self.sizes.append(size)
        chunk = self.text[self.at : self.at + min(size, self.chunk)]
        self.at += len(chunk)
        return chunk


@pytest.mark.parametrize(("grown", "too_large"), [(50, True), (5, False)])
def test_a_file_that_grows_after_stat_is_still_capped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, grown: int, too_large: bool
) -> None:
    path = tmp_path / "a.md"
    path.write_text(ARTICLE, encoding="utf-8")
    limit = len(ARTICLE.encode()) + 10
    handle = _Growing(ARTICLE.encode() + b"x" * grown)
    monkeypatch.setattr(_load, "_open", lambda p: handle)
    found = read_source(path, "a.md", limit)
    if too_large:
        assert isinstance(found, Finding)
        assert found.code == "F009"
    else:
        assert isinstance(found, Source)
        assert found.text == ARTICLE + "x" * grown
    # never more than the limit and a byte, whatever the file became
    assert handle.at <= limit + 1


def test_a_file_is_read_in_a_buffer_of_its_own_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.md"
    path.write_text(ARTICLE, encoding="utf-8")
    handle = _Growing(ARTICLE.encode())
    monkeypatch.setattr(_load, "_open", lambda p: handle)
    found = read_source(path, "a.md", 1_000_000)
    assert isinstance(found, Source)
    assert found.text == ARTICLE
    assert handle.sizes == [len(ARTICLE.encode()) + 1]


def test_short_reads_still_give_the_whole_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.md"
    path.write_text(ARTICLE, encoding="utf-8")
    handle = _Growing(ARTICLE.encode(), chunk=7)
    monkeypatch.setattr(_load, "_open", lambda p: handle)
    found = read_source(path, "a.md", 1_000_000)
    assert isinstance(found, Source)
    assert found.text == ARTICLE


def test_unreadable_file_really_chmod(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.md"
    path.write_text(ARTICLE)
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user whom chmod 000 does not stop (root)")
        found = read_source(path, "a.md", 10_000)
    finally:
        path.chmod(0o644)
    assert isinstance(found, Finding)
    assert (found.code, found.message) == ("F011", "cannot read the file: Permission denied")


def test_os_errors_other_than_permission(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.md"
    path.write_text(ARTICLE)

    def broken(p: Path) -> IO[bytes]:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(_load, "_open", broken)
    found = read_source(path, "a.md", 10_000)
    assert isinstance(found, Finding)
    assert (found.code, found.message) == ("F011", "cannot read the file: Input/output error")


def test_a_fifo_is_not_opened(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    found = read_source(fifo, "pipe.md", 10_000)  # would block forever if opened
    assert isinstance(found, Finding)
    assert found.code == "F011"


def test_missing_path_is_a_finding(in_tmp: Path) -> None:
    result = check_paths([Path("nowhere")], config())
    assert _codes(result.findings) == [("F011", "nowhere", 1, 1)]


def test_not_utf8_column_counts_characters(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes("---\ntitle: é€".encode() + b"\xe9\n---\n")
    found = read_source(path, "a.md", 10_000)
    assert isinstance(found, Finding)
    assert (found.code, found.line, found.column) == ("F001", 2, 10)


def test_impossible_date_is_located_not_a_crash(tmp_path: Path) -> None:
    source = Source(
        path=tmp_path / "a.md",
        display="a.md",
        text="---\ntitle: A\ndate: 2018-02-31\nupdated: 2019-13-01\n---\n",
    )
    doc = parse_article(source)
    assert isinstance(doc, ArticleDoc)
    assert {tuple(e["loc"]) for e in doc.errors} == {("date",), ("updated",)}


def test_empty_front_matter_reports_required_keys(write: Callable[..., Path], in_tmp: Path) -> None:
    write("articles/a.md", "---\n---\nBody\n")
    found = check_paths([Path(".")], Config()).findings
    assert {(f.code, f.line, f.column) for f in found} == {("S001", 1, 1)}
    assert any("'title' is required" in f.message for f in found)


def test_body_key_in_front_matter(write: Callable[..., Path], in_tmp: Path) -> None:
    write("articles/a.md", ARTICLE.replace("date:", "body: x\ndate:"))
    found = check_paths([Path(".")], config()).findings
    assert _codes(found) == [("S001", "articles/a.md", 4, 1)]


def _front(body: str, extra: str = "") -> str:
    return f"---\ntitle: T\nslug: t\ndate: 2024-01-01\n{extra}---\n{body}"


# -- hostile files ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-32-le", b"\xff\xfe\x00\x00")],
)
def test_a_utf16_or_utf32_file_is_not_utf8(
    write: Callable[..., Path], in_tmp: Path, encoding: str, bom: bytes
) -> None:
    write("articles/a.md", bom + _front("Hello\n").encode(encoding))
    result = check_paths([Path(".")], config())
    assert [(f.code, f.line, f.column) for f in result.findings] == [("F001", 1, 1)]
    assert "UTF-" in result.findings[0].message
