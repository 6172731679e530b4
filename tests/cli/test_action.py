"""The GitHub Action (``action.yml``): its steps run in a shell, as a runner runs them.

The test reads the action with PyYAML and runs each ``run:`` step with ``bash -e -o
pipefail`` (the runner's shell for ``shell: bash``) in a sample content repository,
after putting in ``${{ ... }}`` what Actions would: inputs (defaults, overridden per
test), ``github.*`` and earlier steps' outputs read back from ``$GITHUB_OUTPUT``. Steps
that ``uses:`` another action are not run; the test asserts which actions they are and
whether their ``if:`` would run them. Nothing is installed from the network: the
``version: installed`` input uses this interpreter's pozo-site, and a stand-in
``python3`` records the pip command the other choices run.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
FIRM = ROOT / "tests" / "cli_fixtures" / "valid" / "minimal" / "content" / "firm.yaml"
USES = {"actions/setup-python@v5", "github/codeql-action/upload-sarif@v3"}
HEAD = "---\ntitle: {title}\nslug: {slug}\ndate: 2024-05-01\n---\n"
_EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def action() -> dict[str, Any]:
    data = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, env=_git_env())


def _git_env() -> dict[str, str]:
    return {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A content repository: ``main`` with an old finding, ``topic`` adding a new one."""
    repo = tmp_path / "site"
    articles = repo / "content" / "articles"
    articles.mkdir(parents=True)
    shutil.copy(FIRM, repo / "content" / "firm.yaml")
    (repo / "pozo-site.toml").write_text('extend-ignore = ["J"]\n', encoding="utf-8")
    (articles / "old.md").write_text(
        HEAD.format(title="Old", slug="old") + "Call (212) 555-0101.\n", encoding="utf-8"
    )
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "old")
    git(repo, "checkout", "-q", "-b", "topic")
    (articles / "new.md").write_text(
        HEAD.format(title="New", slug="new") + "We specialize in TPS. Fax 212-555-0102.\n",
        encoding="utf-8",
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "new")
    return repo


class Runner:
    """Runs the action's steps as a GitHub runner would (see the module docstring)."""

    def __init__(self, workspace: Path, inputs: dict[str, str], path: str) -> None:
        spec = action()
        self.inputs = {name: str(i.get("default", "")) for name, i in spec["inputs"].items()}
        unknown = set(inputs) - set(self.inputs)
        assert not unknown, unknown
        self.inputs.update(inputs)
        self.workspace = workspace
        self.path = path
        self.outputs: dict[str, dict[str, str]] = {}
        self.used: list[tuple[str, dict[str, str]]] = []
        self.log = ""

    def value(self, name: str) -> str:
        scope, _, rest = name.partition(".")
        if scope == "inputs":
            return self.inputs[rest]
        if scope == "github":
            return {"action_path": str(ROOT), "workspace": str(self.workspace)}[rest]
        if scope == "steps":
            step, _, output = rest.partition(".outputs.")
            return self.outputs.get(step, {}).get(output, "")
        raise AssertionError(f"unknown context {name!r}")

    def evaluate(self, expression: str) -> Any:
        """An expression of the forms action.yml uses: contexts, string literals, ``==``,
        ``!=``, ``&&``, ``||``, ``!`` and ``always()``."""
        python = re.sub(
            r"\b(inputs|github|steps)\.[\w.-]+", lambda m: repr(self.value(m[0])), expression
        )
        python = python.replace("&&", " and ").replace("||", " or ").replace("always()", "True")
        python = re.sub(r"!(?!=)", " not ", python)
        return eval(python, {"__builtins__": {}})  # the test's own expressions, values quoted

    def substitute(self, text: str) -> str:
        return _EXPRESSION.sub(lambda m: str(self.evaluate(m[1])), text)

    def condition(self, step: dict[str, Any]) -> bool:
        condition = step.get("if")
        if condition is None:
            return True  # success(): every earlier step succeeded, or the run stopped
        match = _EXPRESSION.fullmatch(condition.strip())
        return bool(self.evaluate(match[1] if match else condition))

    def run(self) -> int:
        for step in action()["runs"]["steps"]:
            if not self.condition(step):
                continue
            if "uses" in step:
                assert step["uses"] in USES, step["uses"]
                given = {k: self.substitute(str(v)) for k, v in step.get("with", {}).items()}
                self.used.append((step["uses"], given))
                continue
            assert step["shell"] == "bash"
            code = self.run_step(step)
            if code != 0:
                return code
        return 0

    def run_step(self, step: dict[str, Any]) -> int:
        assert "${{" not in step["run"], "inputs reach the script only through env"
        output = self.workspace.parent / f"output-{len(self.outputs)}"
        output.write_text("", encoding="utf-8")
        env = {key: os.environ[key] for key in ("HOME", "LANG") if key in os.environ}
        env.update({k: self.substitute(str(v)) for k, v in step.get("env", {}).items()})
        env.update(
            PATH=self.path,
            GITHUB_OUTPUT=str(output),
            GITHUB_WORKSPACE=str(self.workspace),
            GITHUB_ACTION_PATH=str(ROOT),
            GITHUB_ACTIONS="true",
            NO_COLOR="1",
        )
        script = self.workspace.parent / "step.sh"
        script.write_text(step["run"], encoding="utf-8")
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", str(script)],
            cwd=self.workspace,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        self.log += done.stdout + done.stderr
        if "id" in step:
            lines = output.read_text(encoding="utf-8").splitlines()
            self.outputs[step["id"]] = dict(line.split("=", 1) for line in lines if "=" in line)
        return done.returncode


def installed_path(tmp_path: Path) -> str:
    """PATH with this interpreter's ``pozo-site`` (and git) first."""
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir(exist_ok=True)
    launcher = bin_folder / "pozo-site"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m pozo_site "$@"\n', "utf-8")
    launcher.chmod(0o755)
    return f"{bin_folder}{os.pathsep}{os.environ['PATH']}"


def test_action_metadata() -> None:
    spec = action()
    assert spec["runs"]["using"] == "composite"
    assert {"path", "baseline", "changed-since", "sarif", "version"} <= set(spec["inputs"])
    uses = [step["uses"] for step in spec["runs"]["steps"] if "uses" in step]
    assert set(uses) == USES
    for step in spec["runs"]["steps"]:
        assert "name" in step
        assert "${{" not in step.get("run", "")


def test_annotations_and_failure_on_an_error(workspace: Path, tmp_path: Path) -> None:
    runner = Runner(
        workspace, {"path": "content", "version": "installed"}, installed_path(tmp_path)
    )
    assert runner.run() == 1
    assert runner.outputs["check"] == {"exit-code": "1"}
    annotations = [line for line in runner.log.splitlines() if line.startswith("::")]
    assert [a.split("::")[1].split(" ")[0] for a in annotations] == ["warning", "error", "error"]
    assert "file=content/articles/new.md,line=6,col=1" in annotations[0]
    assert "file=content/articles/old.md,line=6" in annotations[2]
    assert runner.used == [], "SARIF is off by default; setup-python is skipped when installed"


def test_changed_since_and_baseline_on_a_pull_request(workspace: Path, tmp_path: Path) -> None:
    path = installed_path(tmp_path)
    inputs = {"path": "content", "version": "installed", "changed-since": "main"}
    runner = Runner(workspace, inputs, path)
    assert runner.run() == 1
    assert "old.md" not in runner.log  # not changed on the branch
    assert "file=content/articles/new.md" in runner.log
    subprocess.run(
        [f"{tmp_path}/bin/pozo-site", "check", "content", "--write-baseline", "baseline.json"],
        cwd=workspace,
        check=True,
        capture_output=True,
    )
    runner = Runner(workspace, {**inputs, "baseline": "baseline.json"}, path)
    assert runner.run() == 0
    assert runner.outputs["check"] == {"exit-code": "0"}
    assert "::error" not in runner.log


def test_sarif_written_and_uploaded(workspace: Path, tmp_path: Path) -> None:
    inputs = {"path": "content", "version": "installed", "sarif": "true", "sarif-file": "out.sarif"}
    runner = Runner(workspace, inputs, installed_path(tmp_path))
    assert runner.run() == 1  # the upload step runs before the result fails the job
    assert runner.used == [
        (
            "github/codeql-action/upload-sarif@v3",
            {"sarif_file": "out.sarif", "category": "pozo-site"},
        )
    ]
    log = json.loads((workspace / "out.sarif").read_text(encoding="utf-8"))
    assert len(log["runs"][0]["results"]) == 3
    assert "::error" in runner.log  # annotations in the same run


def test_extra_args(workspace: Path, tmp_path: Path) -> None:
    inputs = {"path": "content", "version": "installed", "args": "--select C --exit-zero"}
    runner = Runner(workspace, inputs, installed_path(tmp_path))
    assert runner.run() == 0
    assert "title=C003" in runner.log
    assert "P001" not in runner.log


def test_a_usage_error_fails_and_skips_the_upload(workspace: Path, tmp_path: Path) -> None:
    inputs = {"version": "installed", "sarif": "true", "baseline": "missing.json"}
    runner = Runner(workspace, inputs, installed_path(tmp_path))
    assert runner.run() == 2
    assert runner.used == []
    assert "no such baseline file" in runner.log


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("", f"-m pip install --disable-pip-version-check --quiet {ROOT}"),
        ("1.2.3", "-m pip install --disable-pip-version-check --quiet pozo-site==1.2.3"),
    ],
)
def test_install_step(workspace: Path, tmp_path: Path, version: str, expected: str) -> None:
    """The pip command each ``version`` runs, recorded by a stand-in ``python3``."""
    path = installed_path(tmp_path)
    record = tmp_path / "pip-args"
    stand_in = tmp_path / "bin" / "python3"
    stand_in.write_text(f'#!/bin/sh\necho "$@" >> "{record}"\n', encoding="utf-8")
    stand_in.chmod(0o755)
    runner = Runner(workspace, {"version": version, "path": "content"}, path)
    assert runner.used == []
    assert runner.run() == 1
    assert runner.used[0] == ("actions/setup-python@v5", {"python-version": "3.12"})
    assert record.read_text(encoding="utf-8") == expected + "\n"


def test_installed_but_missing_is_a_clear_error(workspace: Path, tmp_path: Path) -> None:
    runner = Runner(workspace, {"version": "installed"}, "/usr/bin:/bin")
    assert runner.run() == 2
    assert "pozo-site is not on PATH" in runner.log
