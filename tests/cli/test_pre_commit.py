"""The hooks of ``.pre-commit-hooks.yaml``, run by pre-commit itself in a content repository.

pre-commit installs a ``language: python`` hook from its repository with pip, which needs
the network; offline, the test runs the same hook definitions as ``repo: local`` hooks
with ``language: system`` and the entry pointed at this interpreter's ``pozo-site``
(every other key as shipped), which is what pre-commit runs after installing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
FIRM = ROOT / "tests" / "cli_fixtures" / "valid" / "minimal" / "content" / "firm.yaml"
ARTICLE = (
    "---\ntitle: Temporary Protected Status\nslug: temporary-protected-status\n"
    "date: 2024-05-01\n---\nWe specialize in TPS.\n"
)
ENV_KEYS = ("PATH", "HOME", "LANG", "SYSTEMROOT")


def shipped_hooks() -> list[dict[str, object]]:
    data = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def test_hooks_show_findings_when_they_pass() -> None:
    for hook in shipped_hooks():
        assert hook["verbose"] is True


def _env(tmp_path: Path) -> dict[str, str]:
    env = {key: os.environ[key] for key in ENV_KEYS if key in os.environ}
    env.update(
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.com",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.com",
        NO_COLOR="1",
    )
    return env


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:  # pragma: no cover - git is part of the test setup
        pytest.fail("git is needed to run pre-commit")
    folder = tmp_path / "site"
    (folder / "content" / "articles").mkdir(parents=True)
    shutil.copy(FIRM, folder / "content" / "firm.yaml")
    (folder / "content" / "articles" / "tps.md").write_text(ARTICLE, encoding="utf-8")
    (folder / "pozo-site.toml").write_text('extend-ignore = ["J"]\n', encoding="utf-8")
    entry = f"{sys.executable} -m pozo_site"
    hooks = []
    for hook in shipped_hooks():
        local = dict(hook)
        local["language"] = "system"
        local["entry"] = str(hook["entry"]).replace("pozo-site", entry, 1)
        hooks.append(local)
    config = {"repos": [{"repo": "local", "hooks": hooks}]}
    (folder / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True, env=_env(tmp_path))
    subprocess.run(["git", "add", "-A"], cwd=folder, check=True, env=_env(tmp_path))
    return folder


def pre_commit(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", *args],
        cwd=repo,
        env=_env(repo.parent),
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_a_warning_passes_and_is_shown(repo: Path) -> None:
    done = pre_commit(repo, "pozo-site-check", "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "pozo-site check" in done.stdout
    assert "Passed" in done.stdout
    assert "content/articles/tps.md:6:1: C003" in done.stdout  # shown although it passed


def test_a_warning_raised_to_error_fails_the_commit(repo: Path) -> None:
    (repo / "pozo-site.toml").write_text(
        'extend-ignore = ["J"]\n[severity]\nC003 = "error"\n', encoding="utf-8"
    )
    done = pre_commit(repo, "pozo-site-check", "--all-files")
    assert done.returncode == 1
    assert "Failed" in done.stdout
    assert "content/articles/tps.md:6:1: C003" in done.stdout


def test_the_fix_hook_fixes_and_reports(repo: Path) -> None:
    page = repo / "content" / "articles" / "tps.md"
    page.write_text(ARTICLE + "Call (212) 201-9031.\n", encoding="utf-8")
    done = pre_commit(repo, "pozo-site-fix", "--all-files")
    # pre-commit fails a hook that changed files, so that the fix is reviewed
    assert done.returncode == 1
    assert "files were modified by this hook" in done.stdout
    assert page.read_text(encoding="utf-8").endswith("Call 212-201-9031.\n")
