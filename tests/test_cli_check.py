"""``pozo-site check`` and ``pozo-site rules`` end to end, and the pre-commit hooks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]

# -- .pre-commit-hooks.yaml -----------------------------------------------------------------


def hooks() -> list[dict[str, object]]:
    data = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def test_pre_commit_hooks_have_the_required_keys() -> None:
    by_id = {hook["id"]: hook for hook in hooks()}
    assert set(by_id) == {"pozo-site-check", "pozo-site-fix"}
    for hook in by_id.values():
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert all(isinstance(hook[key], str) and hook[key] for key in ("id", "name", "entry"))
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is True
        assert hook["require_serial"] is False
    assert by_id["pozo-site-check"]["entry"] == "pozo-site check"
    assert by_id["pozo-site-fix"]["entry"] == "pozo-site check --fix"


@pytest.mark.parametrize(
    ("path", "passed"),
    [
        ("content/articles/know-your-rights.md", True),
        ("firm.yaml", True),
        ("content/firm.yml", True),
        ("content/firm.toml", True),
        ("content/firm.json", True),
        (".pre-commit-config.yaml", False),
        (".github/workflows/ci.yml", False),
        ("content/myfirm.yaml", False),
        ("pyproject.toml", False),
        ("notes.mdx", False),
    ],
)
def test_pre_commit_hooks_pass_only_the_files_check_reads(path: str, passed: bool) -> None:
    for hook in hooks():
        pattern = hook["files"]
        assert isinstance(pattern, str)
        assert bool(re.search(pattern, path)) is passed  # pre-commit uses re.search
