"""Regression tests from a red-team review of `pozo-site check`: each test is an input that
once gave a wrong finding, a destructive fix or a crash."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pozo_site._phone import PhoneStyle
from pozo_site.check import _locate, check_paths, fix_paths, load_config
from pozo_site.check._rules.phone import find_numbers
from pozo_site.cli import main
from tests.check.conftest import config
from tests.test_reporters import assert_github_accepts, sarif_validator


def _front(body: str, extra: str = "") -> str:
    return f"---\ntitle: T\nslug: t\ndate: 2024-01-01\n{extra}---\n{body}"


def _codes(*, style: PhoneStyle = PhoneStyle.DASHES) -> list[tuple[str, int, int]]:
    result = check_paths([Path(".")], config(phone_style=style))
    return [(f.code, f.line, f.column) for f in result.findings]


# -- phone numbers: where a number is not prose -------------------------------------------


def test_numbers_in_urls_and_link_targets_are_not_phone_numbers(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    body = (
        "See <https://example.com/2122019031/page> and [site](https://example.com/a/2124567890).\n"
        "![Sign](/img/2122019031.png) and https://example.com/?id=2124567890 in prose.\n"
        '<a href="https://example.com/2122019031">x</a> <img alt="x" src="/i/2124567890.jpg">\n'
        "\n"
        "[ref]: https://example.com/2124567890\n"
    )
    write("articles/a.md", _front(body))
    assert _codes() == []


def test_a_fix_never_rewrites_a_url(write: Callable[..., Path], in_tmp: Path) -> None:
    body = "[site](https://example.com/2122019031) and <https://example.com/212.201.9031>\n"
    path = write("articles/a.md", _front(body))
    before = path.read_text(encoding="utf-8")
    assert fix_paths([Path(".")], config(), write=True).changes == ()
    assert path.read_text(encoding="utf-8") == before


def test_tel_links_are_still_checked(write: Callable[..., Path], in_tmp: Path) -> None:
    write("articles/a.md", _front("[ok](tel:+12122019031) and [bad](tel:+12125550199)\n"))
    assert _codes() == [("P001", 6, 38)]


def test_slug_and_image_src_are_not_prose(write: Callable[..., Path], in_tmp: Path) -> None:
    text = (
        "---\ntitle: Call 212-201-9031\nslug: call-212-201-9031\ndate: 2024-01-01\n"
        "image:\n  src: /images/2122019031.jpg\n  alt: Our sign, 212-201-9031\n---\nx\n"
    )
    write("articles/a.md", text)
    # National style: the title and the alt text are prose, the slug and src are not.
    assert _codes(style=PhoneStyle.NATIONAL) == [("P002", 2, 13), ("P002", 7, 18)]


def test_code_spans_code_blocks_and_comments_are_skipped(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    body = (
        "Code `212-555-0123` and ``a ` 212-555-0124`` here.\n"
        "\n"
        "```\n212-555-0188\n```\n"
        "\n"
        "    212-555-0189\n"
        "\n"
        "<!-- old number: 212-555-0190 -->\n"
        "Prose 212-555-0191.\n"
    )
    write("articles/a.md", _front(body))
    assert _codes() == [("P001", 15, 7)]


def test_an_unclosed_backtick_does_not_hide_the_rest(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    write("articles/a.md", _front("A lone ` backtick.\n\nCall 212-555-0123, then ` again.\n"))
    assert _codes() == [("P001", 8, 6)]


def test_a_number_split_by_a_soft_line_break_is_found(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    path = write("articles/a.md", _front("Call 212\n201.9031 or 212\r\n555-0123 today.\n"))
    assert _codes() == [("P002", 6, 6), ("P001", 7, 13)]
    fix_paths([Path(".")], config(), write=True)
    assert path.read_bytes().endswith(b"Call 212-201-9031 or 212\r\n555-0123 today.\n")


def test_a_paragraph_break_does_not_join_numbers(write: Callable[..., Path], in_tmp: Path) -> None:
    write("articles/a.md", _front("Room 212\n\n201-9031 is a code.\n"))
    assert _codes() == []


# -- phone numbers: what counts as the firm's -----------------------------------------------


def test_a_firm_number_with_an_extension_is_the_firms(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    path = write("articles/a.md", _front("Call 212-201-9031 ext. 12 or 212.201.9031 x7.\n"))
    assert _codes() == [("P002", 6, 30)]
    fix_paths([Path(".")], config(), write=True)
    assert "or 212-201-9031 ext. 7." in path.read_text(encoding="utf-8")


def test_e164_style_does_not_drop_an_extension(write: Callable[..., Path], in_tmp: Path) -> None:
    # E.164 cannot show an extension, so a number with one is accepted in any form.
    path = write("articles/a.md", _front("Call 212.201.9031 x7.\n"))
    result = check_paths([Path(".")], config(phone_style=PhoneStyle.E164))
    assert result.findings == ()
    before = path.read_text(encoding="utf-8")
    fix_paths([Path(".")], config(phone_style=PhoneStyle.E164), write=True)
    assert path.read_text(encoding="utf-8") == before


def test_another_vanity_number_is_not_the_firms() -> None:
    assert [f.raw for f in find_numbers("Call 1-800-FLOWERS, or 1-800-flowers.")] == [
        "1-800-FLOWERS",
        "1-800-flowers",
    ]


def test_the_firms_vanity_text_in_lower_case_is_fixed_to_its_vanity_text(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    path = write("articles/a.md", _front("Call 1-88-visa-law-1 today.\n"))
    assert _codes() == [("P002", 6, 6)]
    fix_paths([Path(".")], config(), write=True)
    assert path.read_text(encoding="utf-8").endswith("Call 1-88-VISA-LAW-1 today.\n")


# -- fixes in front matter keep its types ------------------------------------------------------


@pytest.mark.parametrize("style", list(PhoneStyle))
def test_a_front_matter_fix_never_changes_a_value_s_type(
    write: Callable[..., Path], in_tmp: Path, style: PhoneStyle
) -> None:
    extra = "summary: 212.201.9031\nauthor: '212.201.9031'\ntags: [212.201.9031, x]\n"
    write("articles/a.md", _front("x\n", extra))
    outcome = fix_paths([Path(".")], config(phone_style=style), write=True)
    assert [f.code for f in outcome.result.findings if f.code[0] != "P"] == []


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


# -- fix: files that must not be written -------------------------------------------------------


def test_fix_leaves_a_read_only_file_alone_and_says_so(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    path = write("articles/a.md", _front("Call 212.201.9031\n"))
    before = path.read_bytes()
    path.chmod(0o444)
    try:
        outcome = fix_paths([Path(".")], config(), write=True)
        assert path.read_bytes() == before
        assert stat.S_IMODE(path.stat().st_mode) == 0o444
        assert outcome.changes == ()
        assert sorted(f.code for f in outcome.result.findings) == ["F011", "P002"]
    finally:
        path.chmod(0o644)


# -- configuration -----------------------------------------------------------------------------


def test_a_pyproject_whose_tool_is_not_a_table_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("tool = 3\n", encoding="utf-8")
    err = io.StringIO()
    code = main(["check", str(tmp_path)], stdout=io.StringIO(), stderr=err)
    assert code == 2
    assert "[tool] must be a table" in err.getvalue()
    assert "internal error" not in err.getvalue()


@pytest.mark.parametrize("pattern", ["./content/drafts", "drafts/", "content/drafts/"])
def test_exclude_patterns_as_people_write_them(
    write: Callable[..., Path], in_tmp: Path, pattern: str
) -> None:
    write("pyproject.toml", f'[tool.pozo-site]\nextend-exclude = ["{pattern}"]\n')
    write("content/a.md", _front("Call 212-555-0123\n"))
    write("content/drafts/b.md", _front("Call 212-555-0123\n"))
    settings, _ = load_config(in_tmp)
    settings = dataclasses.replace(settings, today=config().today)
    result = check_paths([Path("content")], settings)
    assert sorted({f.path for f in result.findings}) == ["content/a.md"]


# -- command line ------------------------------------------------------------------------------


def test_a_named_file_that_is_not_content_is_reported_on_stderr(in_tmp: Path) -> None:
    (in_tmp / "notes.txt").write_text("x\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["check", "notes.txt"], stdout=out, stderr=err) == 0
    assert "notes.txt" in err.getvalue()
    assert "not an article" in err.getvalue()


def test_no_content_at_all_is_a_warning_on_stderr(in_tmp: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["check"], stdout=out, stderr=err) == 0
    assert "no articles or firm profile found" in err.getvalue()
    assert "All checks passed (0 files)." in out.getvalue()
    quiet_err = io.StringIO()
    assert main(["check", "-q"], stdout=io.StringIO(), stderr=quiet_err) == 0
    assert quiet_err.getvalue() == ""


# -- wording and images: what a reader sees --------------------------------------------------


def test_a_disclaimer_in_an_html_comment_does_not_count(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    body = "We won the case.\n\n<!-- Prior results do not guarantee a similar outcome. -->\n"
    write("articles/a.md", _front(body))
    assert _codes() == [("C002", 6, 1)]


def test_wording_in_urls_and_code_is_not_prose(write: Callable[..., Path], in_tmp: Path) -> None:
    body = "See https://example.com/specialists and [us](/about/specializes).\n`we won` is code.\n"
    write("articles/a.md", _front(body, "summary: https://example.com/specialist\n"))
    assert _codes() == []


def test_img_tags_in_code_or_comments_are_not_rendered(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    body = (
        'Use `<img src="x">` in code.\n\n<!-- <img src="old.png"> -->\n\n'
        '<img src="a>b.png" alt="https://example.com/ok">\n\n<img src="bad.png">\n'
    )
    write("articles/a.md", _front(body))
    assert _codes() == [("A002", 12, 1)]


# -- a folder of hostile files, every output format ------------------------------------------


def _hostile_folder(root: Path) -> None:
    articles = root / "articles"
    articles.mkdir(parents=True)
    files: dict[str, bytes] = {
        "empty.md": b"",
        "bom-only.md": b"\xef\xbb\xbf",
        "dashes.md": b"---",
        "nul.md": b"---\ntitle: a\x00b\n---\n",
        "latin1.md": b"---\ntitle: caf\xe9\n---\n",
        "utf16.md": b"\xff\xfe" + _front("x\n").encode("utf-16-le"),
        "tag.md": b"---\ntitle: !!python/object/apply:os.system ['true']\n---\n",
        "laughs.md": b"---\na: &a [x, x]\nb: [*a, *a]\n---\n",
        "nested.md": b"---\ntitle: " + b"[" * 2000 + b"]" * 2000 + b"\n---\n",
        "sp ace,co:lon.md": _front("Call 212-555-0123\n").encode(),
        "new\nline.md": _front("Call 212.201.9031\n").encode(),
        "\u00fcnic\u00f6de \U0001f600.md": _front("\U0001f600 e\u0301 212-555-0123\n").encode(),
    }
    for name, data in files.items():
        (articles / name).write_bytes(data)
    (articles / "folder.md").mkdir()
    if hasattr(os, "mkfifo"):
        os.mkfifo(articles / "fifo.md")
    try:
        os.symlink("loop-b.md", articles / "loop-a.md")
        os.symlink("loop-a.md", articles / "loop-b.md")
        os.symlink("missing.md", articles / "broken.md")
    except (OSError, NotImplementedError):  # pragma: no cover - no symlinks here
        pass


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_hostile_folder_in_every_format(in_tmp: Path, fmt: str) -> None:
    _hostile_folder(in_tmp / "content")
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", "content", "--format", fmt], stdout=out, stderr=err)
    assert code == 1
    assert "Traceback" not in err.getvalue() + out.getvalue()
    assert "internal error" not in err.getvalue()
    text = out.getvalue()
    if fmt == "json":
        codes = {row["code"] for row in json.loads(text)}
        assert {"F001", "F002", "F003", "F005", "F006", "F007", "P001"} <= codes
    elif fmt == "sarif":
        log = json.loads(text)
        sarif_validator().validate(log)
        assert_github_accepts(log)
    elif fmt == "github":
        assert all(line.startswith("::") for line in text.splitlines())
        assert "new%0Aline.md" in text
    else:
        assert "new\\nline.md" in text


def test_fix_and_diff_on_the_hostile_folder(in_tmp: Path) -> None:
    _hostile_folder(in_tmp / "content")
    for args in (["--diff"], ["--fix"], ["--fix"]):
        out, err = io.StringIO(), io.StringIO()
        code = main(["check", "content", *args], stdout=out, stderr=err)
        assert code == 1
        assert "Traceback" not in err.getvalue() + out.getvalue()
    name = in_tmp / "content" / "articles" / "new\nline.md"
    assert name.read_text(encoding="utf-8").endswith("Call 212-201-9031\n")


# -- the matcher's raw text: brackets around a number are not part of it ---------------------


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("Call our office (212-201-9031) now.", "212-201-9031"),
        ("Call (212.201.9031) now.", "212.201.9031"),
        ("Call ( +1 212 201 9031 ) now.", "+1 212 201 9031"),
        ("Call [ +12122019031 ] now.", "+12122019031"),
        ("Call {2122019031} now.", "2122019031"),
        ("Call (212) 201-9031 now.", "(212) 201-9031"),
        ("Call ((212) 201-9031) now.", "(212) 201-9031"),
    ],
)
def test_unbalanced_brackets_are_not_part_of_a_number(text: str, raw: str) -> None:
    found = find_numbers(text)
    assert [(f.raw, text[f.start : f.end]) for f in found] == [(raw, raw)]


def test_a_house_style_number_in_parentheses_is_left_alone(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    path = write("articles/a.md", _front("Call us (212-201-9031) or (212.201.9031).\n"))
    assert _codes() == [("P002", 6, 28)]
    fix_paths([Path(".")], config(), write=True)
    assert path.read_text(encoding="utf-8").endswith("(212-201-9031) or (212-201-9031).\n")


def test_a_number_pieced_together_around_code_is_no_number(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    write(
        "articles/a.md", _front("Room 212 `x` 201-9031 and [a](https://example.com)212-555-0123.\n")
    )
    assert _codes() == [("P001", 6, 51)]


# -- hostile sizes: time stays linear --------------------------------------------------------


def test_many_unknown_keys_are_located_in_linear_time(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    keys = 20_000  # about 200 KB: well under max-file-bytes
    write("articles/a.md", "---\n" + "".join(f"k{i}: v\n" for i in range(keys)) + "---\n")
    result = check_paths([Path(".")], config())
    unknown = [f for f in result.findings if "unknown key" in f.message]
    assert len(unknown) == keys
    assert (unknown[0].line, unknown[-1].line) == (2, keys + 1)


@pytest.mark.parametrize(
    "body",
    [
        "Call 212-555-0100 or 212.201.9031.\n" * 8_000,  # thousands of numbers
        "](" * 60_000,  # link-target openers that never close
        "<!--" * 60_000,  # comment openers that never close
        "".join("`" * n + " x " for n in range(1, 1000)),  # backtick runs that never pair
        "[" * 50_000 + "*" * 50_000,
    ],
    ids=["numbers", "link-openers", "comment-openers", "backtick-runs", "brackets"],
)
def test_pathological_bodies_are_checked(
    write: Callable[..., Path], in_tmp: Path, body: str
) -> None:
    """Each body is read to the end as one file with no file-level failure. How the time
    grows with such input is measured by the linear-time suite (growth ratios), not here:
    a wall-clock bound fails on a loaded machine."""
    write("articles/a.md", _front(body))
    result = check_paths([Path(".")], config())
    assert result.files_checked == 1
    assert [f for f in result.findings if f.code.startswith("F")] == []


@pytest.mark.parametrize("name", ["firm.toml", "firm.json"])
def test_many_unknown_keys_in_a_toml_or_json_firm_file_are_located(
    write: Callable[..., Path], in_tmp: Path, name: str
) -> None:
    keys = 20_000
    if name.endswith(".toml"):
        text = "".join(f"k{i} = 1\n" for i in range(keys))
    else:
        text = "{\n" + ",\n".join(f'"k{i}": 1' for i in range(keys)) + "\n}\n"
    write(name, text)
    result = check_paths([Path(".")], config())
    lines = [f.line for f in result.findings if "k19999" in f.message]
    assert lines == [keys + (1 if name.endswith(".toml") else 2) - 1]


_NAMES = st.sampled_from(["a", "b", "name", "phone-1", "x_y"])


@settings(max_examples=400, deadline=None)
@given(
    text=st.lists(
        st.one_of(_NAMES, st.sampled_from([" ", "\n", "=", ".", "[", "]", '"', ":", ",", "{"])),
        max_size=30,
    ).map("".join),
    name=_NAMES,
    kind=st.sampled_from(["toml", "json"]),
    search_from=st.integers(0, 12),
)
def test_the_key_index_finds_what_a_search_for_the_key_finds(
    text: str, name: str, kind: str, search_from: int
) -> None:
    escaped = re.escape(name)
    if kind == "json":
        pattern = rf'(?P<k>"{escaped}")\s*:'
    else:
        pattern = rf"(?m)(?:^|[.\[\s{{,])(?P<k>[\"']?{escaped}[\"']?)\s*(?:=|\]|\.)"
    match = re.compile(pattern).search(text, search_from)
    expected = (match.start("k"), match.end("k")) if match else None
    assert _locate._find_key(text, name, kind, search_from) == expected
