"""``pozo-site check`` with its result cache (``--no-cache``, ``--cache-dir``), ``--jobs``,
progress on a terminal, ``pozo-site clean``, concurrent runs and ``--fix`` with a cache."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from pozo_site.check import _cache
from pozo_site.cli import _check, main
from tests.check.sitegen import build_site, read_cache_file
from tests.models.test_atomic import synced


@pytest.fixture(autouse=True)
def _default_cache_place(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests check folders of their own in ``tmp_path`` and the cache's default
    place beside them (the session keeps every other test's cache elsewhere: see
    ``tests/conftest.py``)."""
    monkeypatch.delenv("POZO_SITE_CACHE_DIR", raising=False)


def check(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", "--format", "json", *args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def site(in_tmp: Path) -> Path:
    return build_site(in_tmp / "site", 12)


def test_the_default_cache_is_in_the_content_folder(site: Path) -> None:
    first = check("site")
    cache = site / ".pozo-site-cache"
    assert (cache / "CACHEDIR.TAG").is_file()
    assert (cache / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    assert check("site") == first
    assert check("--no-cache", "site") == first


def test_the_default_cache_is_beside_the_configuration_file(site: Path, in_tmp: Path) -> None:
    (in_tmp / "pozo-site.toml").write_text('phone-style = "dashes"\n', encoding="utf-8")
    check("site")
    assert (in_tmp / ".pozo-site-cache" / "CACHEDIR.TAG").is_file()
    assert not (site / ".pozo-site-cache").exists()


def test_the_cache_is_not_waited_on_but_a_fix_is(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache and the memo are renamed into place whole but not synced to disk (a lost
    cache is only rebuilt; a sync of a 10,000-entry cache waits for 6 MB to reach the
    disk on every commit); a file ``--fix`` rewrites is synced."""
    calls = synced(monkeypatch)
    monkeypatch.setattr(_cache, "RACY_SECONDS", 0)  # the memo is kept for files just written
    first = check("site")
    check("site/articles/article-0003.md")
    assert list((site / ".pozo-site-cache").rglob("*.json"))
    assert list((site / ".pozo-site-cache").rglob("*.memo.json"))
    assert calls == []
    assert check("site") == first
    article = site / "articles" / "article-0003.md"
    text = article.read_text(encoding="utf-8") + "\nCall 212.555.0123 today.\n"
    article.write_text(text, encoding="utf-8")
    check("--fix", "site")
    assert article.read_text(encoding="utf-8") != text  # P-rule fix of the number's form
    assert calls, "the fixed article is synced"


def test_no_cache_writes_nothing(site: Path) -> None:
    check("--no-cache", "site")
    assert not (site / ".pozo-site-cache").exists()


def test_cache_dir_chooses_the_folder(site: Path, in_tmp: Path) -> None:
    first = check("--cache-dir", "elsewhere/c", "site")
    assert (in_tmp / "elsewhere" / "c" / "CACHEDIR.TAG").is_file()
    assert not (site / ".pozo-site-cache").exists()
    assert check("--cache-dir", "elsewhere/c", "site") == first


def test_a_cache_dir_that_is_a_file_leaves_the_run_uncached(site: Path, in_tmp: Path) -> None:
    (in_tmp / "taken").write_text("a file", encoding="utf-8")
    assert check("--cache-dir", "taken", "site") == check("--no-cache", "site")
    assert (in_tmp / "taken").read_text(encoding="utf-8") == "a file"


def test_clean_removes_the_cache(site: Path) -> None:
    check("site")
    err = io.StringIO()
    assert main(["clean", "site"], stdout=io.StringIO(), stderr=err) == 0
    assert not (site / ".pozo-site-cache").exists()
    assert "Removed" in err.getvalue()
    err = io.StringIO()
    assert main(["clean", "site"], stdout=io.StringIO(), stderr=err) == 0
    assert "No cache at" in err.getvalue()


def test_clean_with_cache_dir_and_config(site: Path, in_tmp: Path) -> None:
    check("--cache-dir", "c", "site")
    assert main(["clean", "--cache-dir", "c"], stdout=io.StringIO(), stderr=io.StringIO()) == 0
    assert not (in_tmp / "c").exists()
    (in_tmp / "pozo-site.toml").write_text("", encoding="utf-8")
    check("site")
    assert (in_tmp / ".pozo-site-cache").is_dir()
    assert main(["clean", "--config", "pozo-site.toml", "site"]) == 0
    assert not (in_tmp / ".pozo-site-cache").exists()


def test_clean_refuses_a_folder_that_is_not_a_cache(in_tmp: Path) -> None:
    (in_tmp / "docs").mkdir()
    (in_tmp / "docs" / "keep.md").write_text("keep", encoding="utf-8")
    err = io.StringIO()
    assert main(["clean", "--cache-dir", "docs"], stdout=io.StringIO(), stderr=err) == 2
    assert "not a pozo-site cache" in err.getvalue()
    assert (in_tmp / "docs" / "keep.md").exists()


def test_clean_reports_a_bad_configuration(in_tmp: Path) -> None:
    (in_tmp / "pozo-site.toml").write_text("phone-style = 3\n", encoding="utf-8")
    err = io.StringIO()
    assert main(["clean"], stdout=io.StringIO(), stderr=err) == 2
    assert err.getvalue().startswith("pozo-site clean: ")


@pytest.mark.parametrize("value", ["0", "-2", "many"])
def test_jobs_must_be_a_positive_number(site: Path, value: str) -> None:
    code, _, _ = check("--jobs", value, "site")
    assert code == 2


def test_jobs_give_the_same_report(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pozo_site.check import _runner

    monkeypatch.setattr(_runner, "PARALLEL_THRESHOLD", 2)
    serial = check("--no-cache", "--jobs", "1", "site")
    assert check("--no-cache", "--jobs", "2", "site") == serial
    assert check("--jobs", "2", "site") == serial
    assert check("--jobs", "2", "site") == serial


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_check, "PROGRESS_AFTER", 0.0)
    _, _, err = check("--no-cache", "site")
    assert "files" not in err  # not a terminal
    terminal = _Terminal()
    main(["check", "--no-cache", "site"], stdout=io.StringIO(), stderr=terminal)
    assert "\rpozo-site check: 12/12 files\n" in terminal.getvalue()


def test_no_progress_for_a_quick_run(site: Path) -> None:
    terminal = _Terminal()
    main(["check", "--no-cache", "site"], stdout=io.StringIO(), stderr=terminal)
    assert "files\n" not in terminal.getvalue()  # well under PROGRESS_AFTER seconds


def test_fix_with_a_warm_cache_reports_fresh_findings(site: Path) -> None:
    check("site")
    _, out, err = check("--fix", "site")
    assert "Fixed" in err
    after = check("site")
    assert after == check("--no-cache", "site")
    assert json.loads(after[1]) == json.loads(out)


def test_concurrent_runs_share_the_cache(site: Path, in_tmp: Path) -> None:
    command = [sys.executable, "-m", "pozo_site", "check", "--format", "json", "site"]
    runs = [
        subprocess.Popen(command, cwd=in_tmp, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(3)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [1, 1, 1]
    expected = check("--no-cache", "site")[1]
    assert [out.decode() for out, _ in outputs] == [expected] * 3
    stores = list((site / ".pozo-site-cache").glob("v*/*.jsonl"))
    assert stores
    for store in stores:
        read_cache_file(store)  # whole, not a mix of two writes
    assert check("site")[1] == expected


def test_a_killed_run_leaves_the_next_one_correct(site: Path, in_tmp: Path) -> None:
    command = [sys.executable, "-m", "pozo_site", "check", "--format", "json", "site"]
    run = subprocess.Popen(command, cwd=in_tmp, stdout=subprocess.DEVNULL)
    try:
        run.wait(timeout=0.5)
    except subprocess.TimeoutExpired:
        run.kill()
        run.wait()
    assert check("site") == check("--no-cache", "site")


def test_a_cache_of_another_version_is_not_used(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = check("site")
    monkeypatch.setattr(_cache, "__version__", "99.0")
    assert check("site") == expected
    assert len(list((site / ".pozo-site-cache").glob("v*"))) == 2


def test_the_environment_chooses_or_turns_off_the_cache(
    site: Path, in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POZO_SITE_CACHE_DIR", str(in_tmp / "from-env"))
    first = check("site")
    assert (in_tmp / "from-env" / "CACHEDIR.TAG").is_file()
    assert main(["clean"], stdout=io.StringIO(), stderr=io.StringIO()) == 0
    assert not (in_tmp / "from-env").exists()
    monkeypatch.setenv("POZO_SITE_NO_CACHE", "1")
    assert check("site") == first
    assert not (in_tmp / "from-env").exists()
    assert not (site / ".pozo-site-cache").exists()
