"""No lost edits in ``--fix`` (issue 13, item 6).

An editor's save between the fixer's check and its rename was overwritten (82 edits lost
in 40 trials). The fixer now compares identity and content right before the rename and
checks what the rename replaced, so a save at any moment survives. Measured here: 200
trials, each with an editor thread saving the file (a new file renamed into place, as
editors save, or the file rewritten in place, alternately) at a random moment while
``fix_paths`` runs; none may lose the edit. Stale temporary files of a killed run are
removed by the next run.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pozo_site import _atomic
from pozo_site.check import fix_paths
from tests.adversarial import record
from tests.check.conftest import config

BEFORE = "---\ntitle: Know Your Rights\nslug: know-your-rights\ndate: 2024-05-01\n---\n"
BEFORE += "Call (212) 201-9031 today.\n"
FIXED = BEFORE.replace("(212) 201-9031", "212-201-9031")
TRIALS = 200


def _save(path: Path, text: str, *, in_place: bool) -> None:
    """Save as an editor does: in place, or a new file renamed over the old one.

    In place is as vim (``backupcopy=yes``), Emacs (``backup-by-copying``)
    write: the file is opened with ``O_TRUNC``, so it is emptied in the same system call
    that opens it. A writer that opens the file *without* truncating it and writes later
    (``r+``) can open the old file before the swap and write to it after the fixer's
    check; that is the documented limit of any tool that replaces files
    (docs/security.md), and a CI run once caught it in these trials, 1 in 200 (a thread
    switch between ``open`` and ``write``). It is not a case to test as passing.
    """
    if in_place:
        with path.open("w", encoding="utf-8") as stream:
            stream.write(text)
        return
    temporary = path.with_name(f".{path.name}.editor~")
    temporary.write_text(text, "utf-8")
    os.replace(temporary, path)


# Without an atomic swap, a save renamed into place in the instant between the last look
# and os.replace is the one case left (docs/security.md): not a case to test as passing.
@pytest.mark.parametrize(
    ("exchange", "in_place"),
    [(True, False), (True, True), (False, True)],
    ids=["renameat2-renamed-save", "renameat2-in-place-save", "os.replace-in-place-save"],
)
def test_an_edit_saved_right_before_the_rename_survives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool, in_place: bool
) -> None:
    path = tmp_path / "a.md"
    path.write_text(BEFORE, "utf-8")
    edited = BEFORE.replace("today", "today (edited)")
    real_holds = _atomic._holds
    saved = []

    def holds_then_edit(target: Path, expected: bytes) -> bool:
        result = real_holds(target, expected)
        if target == path and not saved:  # the last look before the rename
            _save(path, edited, in_place=in_place)
            saved.append(True)
        return result

    monkeypatch.setattr(_atomic, "_holds", holds_then_edit)
    if not exchange:
        monkeypatch.setattr(_atomic, "_exchange", lambda: None)
    outcome = fix_paths([tmp_path], config(), write=True)
    assert path.read_text("utf-8") == edited
    assert outcome.changes == ()
    assert any("changed on disk" in f.message for f in outcome.result.findings)


def test_no_edit_is_lost_in_200_concurrent_trials(tmp_path: Path) -> None:
    rng = random.Random(13)
    path = tmp_path / "a.md"
    path.write_text(BEFORE, "utf-8")
    started = time.perf_counter()
    fix_paths([tmp_path], config(), write=False)  # warm up: imports, caches
    duration = 2 * (time.perf_counter() - started)
    lost = refused = fixed = 0
    worst = 0.0
    for trial in range(TRIALS):
        path.write_text(BEFORE, "utf-8")
        marker = f"edit {trial}"
        edited = BEFORE.replace("today", f"today ({marker})")
        in_place = trial % 2 == 1
        delay = rng.uniform(0, duration)
        editor = threading.Thread(target=_delayed_save, args=(path, edited, in_place, delay))
        began = time.perf_counter()
        editor.start()
        outcome = fix_paths([tmp_path], config(), write=True)
        editor.join()
        worst = max(worst, time.perf_counter() - began)
        final = path.read_text("utf-8")
        if marker not in final:
            lost += 1
        elif outcome.changes:
            fixed += 1  # the edit came first and was fixed with the rest
        else:
            refused += 1
        assert final in (edited, edited.replace("(212) 201-9031", "212-201-9031"))
    record(
        "lost edits: concurrent saves during --fix",
        TRIALS,
        seconds=worst,
        case=f"{lost} lost, {refused} writes refused, {fixed} edits fixed",
    )
    assert lost == 0


def _delayed_save(path: Path, text: str, in_place: bool, delay: float) -> None:
    time.sleep(delay)
    _save(path, text, in_place=in_place)


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_the_next_run_removes_temporary_files_of_a_killed_run(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(BEFORE, "utf-8")
    stale = tmp_path / f".a.md.{_dead_pid()}.0123456789ab{_atomic.TEMPORARY_SUFFIX}"
    live = tmp_path / f".a.md.{os.getppid()}.0123456789ab{_atomic.TEMPORARY_SUFFIX}"
    stale.write_text("half a file")
    live.write_text("another run, still going")
    fix_paths([tmp_path], config(), write=True)
    assert not stale.exists()
    assert live.exists()
    assert (tmp_path / "a.md").read_text("utf-8") == FIXED


def test_a_run_killed_while_writing_leaves_nothing_after_the_next_run(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(BEFORE, "utf-8")
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from pozo_site import _atomic\n"
        "from pozo_site.check import Config, fix_paths\n"
        "real = os.fsync\n"
        "def die(fd):\n"
        "    os.kill(os.getpid(), 9)\n"
        "os.fsync = die\n"
        f"fix_paths([Path({str(tmp_path)!r})], Config(), write=True)\n"
    )
    killed = subprocess.run([sys.executable, "-c", script], check=False)
    assert killed.returncode == -9
    left = [p.name for p in tmp_path.iterdir() if p.name.endswith(_atomic.TEMPORARY_SUFFIX)]
    assert len(left) == 1
    assert (tmp_path / "a.md").read_text("utf-8") == BEFORE  # the old file, whole
    fix_paths([tmp_path], config(), write=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]
    record("lost edits: killed runs", 1)
