"""A command pays only for the imports it needs: above all, a fully cached ``check``.

Each case runs the real entry point (``python -m pozo_site``) in a fresh interpreter and
records which heavy libraries ended up in ``sys.modules``: what a run loaded, never how
long it took (timings live in ``benchmarks/``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pozo_site import example_content

HEAVY = (
    "email_validator",
    "jinja2",
    "markdown_it",
    "phonenumbers",
    "pydantic",
    "slugify",
    "yaml",
)
"""What a run with nothing to parse or check must not import: nothing is parsed."""

_RUNNER = textwrap.dedent(
    """
    import io, json, os, runpy, sys
    from contextlib import redirect_stdout
    sys.argv = ["pozo-site", *json.loads(os.environ["LAZY_ARGV"])]
    out = io.StringIO()
    with redirect_stdout(out):
        try:
            runpy.run_module("pozo_site", run_name="__main__", alter_sys=True)
        except SystemExit as exit_:
            code = exit_.code
    wanted = set(json.loads(os.environ["LAZY_HEAVY"]))
    heavy = sorted({m.split(".")[0] for m in sys.modules} & wanted)
    with open(os.environ["LAZY_RESULT"], "w", encoding="utf-8") as handle:
        json.dump({"code": code, "out": out.getvalue(), "heavy": heavy}, handle)
    """
)


def pozo_site(
    tmp_path: Path, *argv: str, watch: tuple[str, ...] = HEAVY, covered: bool = True
) -> tuple[int, str, list[str]]:
    """Run ``pozo-site ARGV`` in a new interpreter: the exit code, standard output and
    which of the top-level modules ``watch`` (the heavy libraries) it imported. With
    ``covered=False`` coverage does not measure it (coverage itself imports standard
    modules, such as ``tomllib`` to read its settings, before the run starts)."""
    result = tmp_path / "result.json"
    dropped = ("POZO_SITE_",) if covered else ("POZO_SITE_", "COVERAGE_")
    env = {key: value for key, value in os.environ.items() if not key.startswith(dropped)}
    env.update(
        LAZY_ARGV=json.dumps(list(argv)), LAZY_HEAVY=json.dumps(watch), LAZY_RESULT=str(result)
    )
    subprocess.run([sys.executable, "-c", _RUNNER], env=env, cwd=tmp_path, check=True, timeout=300)
    data = json.loads(result.read_text(encoding="utf-8"))
    return data["code"], data["out"], data["heavy"]


def _site(tmp_path: Path) -> Path:
    """The example content (firm profile and articles), with articles that have findings:
    a number that is not the firm's, a broken link, a duplicate slug."""
    site = tmp_path / "site"
    content = example_content()
    (site / "articles").mkdir(parents=True)
    (site / "firm.yaml").write_text(
        content.joinpath("firm.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    for entry in content.joinpath("articles").iterdir():
        if entry.name.endswith(".md"):
            (site / "articles" / entry.name).write_text(
                entry.read_text(encoding="utf-8"), encoding="utf-8"
            )
    for index in range(3):
        (site / "articles" / f"extra-{index}.md").write_text(
            "---\ntitle: Know Your Rights\nslug: know-your-rights\ndate: 2024-05-01\n---\n"
            f"Call 212-555-01{index:02d} or read [the guide](missing-{index}.md).\n",
            encoding="utf-8",
        )
    return site


def test_a_fully_cached_check_imports_no_parser_and_reports_the_same(tmp_path: Path) -> None:
    site = _site(tmp_path)
    argv = ("check", str(site), "--format", "json", "--cache-dir", str(tmp_path / "cache"))
    first_code, first, first_heavy = pozo_site(tmp_path, *argv)
    second_code, second, second_heavy = pozo_site(tmp_path, *argv)
    uncached_code, uncached, _ = pozo_site(tmp_path, *argv[:-2], "--no-cache")

    findings = json.loads(first)
    codes = {finding["code"] for finding in findings}
    assert {"P001", "L002", "L005"} <= codes  # the folder has findings of every kind
    assert first_code == second_code == uncached_code == 1
    assert second == first == uncached
    # The first run parsed and checked every file; the second found all of them cached.
    assert {"markdown_it", "phonenumbers", "pydantic", "yaml"} <= set(first_heavy)
    assert second_heavy == []


def test_a_changed_file_loads_the_parsers_again(tmp_path: Path) -> None:
    site = _site(tmp_path)
    argv = ("check", str(site), "--format", "json", "--cache-dir", str(tmp_path / "cache"))
    pozo_site(tmp_path, *argv)
    changed = site / "articles" / "extra-0.md"
    changed.write_text(changed.read_text(encoding="utf-8") + "More text.\n", encoding="utf-8")
    _, out, heavy = pozo_site(tmp_path, *argv)
    assert "yaml" in heavy
    assert "pydantic" in heavy
    _, fresh, _ = pozo_site(tmp_path, *argv[:-2], "--no-cache")
    assert out == fresh


def test_a_cached_check_of_one_named_file_imports_no_parser(tmp_path: Path) -> None:
    site = _site(tmp_path)
    one = str(site / "articles" / "extra-1.md")
    argv = ("check", one, "--format", "json", "--cache-dir", str(tmp_path / "cache"))
    _, first, _ = pozo_site(tmp_path, *argv)
    _, second, heavy = pozo_site(tmp_path, *argv)
    assert second == first
    assert json.loads(second)
    assert heavy == []


@pytest.mark.parametrize(
    "argv",
    [
        ("--help",),
        ("--version",),
        ("rules",),
        ("rules", "--format", "json"),
        ("check", "--help"),
        ("clean", "--help"),
        ("contact-block", "--help"),
        ("schema", "--help"),
        ("phone", "--help"),
        ("show", "--help"),
        ("server", "--help"),
    ],
    ids=" ".join,
)
def test_help_and_the_rule_catalogue_import_no_heavy_library(
    tmp_path: Path, argv: tuple[str, ...]
) -> None:
    code, out, heavy = pozo_site(tmp_path, *argv)
    assert code == 0
    assert out
    assert heavy == []


@pytest.mark.parametrize(
    ("argv", "loads"),
    [
        # each command still loads what it needs, when it runs
        (("phone", "1-88-VISA-LAW-1"), {"phonenumbers"}),
        (("show",), {"pydantic", "yaml"}),
        (("contact-block", "--format", "html"), {"jinja2", "pydantic"}),
        (("schema", "firm"), {"pydantic"}),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, tuple) else "",
)
def test_the_other_commands_load_their_libraries_when_they_run(
    tmp_path: Path, argv: tuple[str, ...], loads: set[str]
) -> None:
    code, out, heavy = pozo_site(tmp_path, *argv)
    assert code == 0
    assert out
    assert loads <= set(heavy)


def test_clean_after_a_cached_check_imports_no_parser(tmp_path: Path) -> None:
    site = _site(tmp_path)
    cache = tmp_path / "cache"
    pozo_site(tmp_path, "check", str(site), "--cache-dir", str(cache))
    assert cache.is_dir()
    code, _, heavy = pozo_site(tmp_path, "clean", str(site), "--cache-dir", str(cache))
    assert code == 0
    assert not cache.exists()
    assert heavy == []


STANDARD = ("_hashlib", "lzma", "bz2", "shutil", "tomllib", "urllib")
"""Standard modules a fully cached run has no use for: OpenSSL's bindings (hashlib loads
them; the cache hashes with ``_blake2``), the compressors ``shutil`` imports (argparse
imports ``shutil`` for the terminal's width), TOML without a settings file, URL parsing."""


def test_a_fully_cached_check_imports_no_standard_module_it_does_not_use(
    tmp_path: Path,
) -> None:
    site = _site(tmp_path)
    argv = ("check", str(site), "--format", "json", "--cache-dir", str(tmp_path / "cache"))
    first_code, first, _ = pozo_site(tmp_path, *argv, watch=STANDARD, covered=False)
    code, out, loaded = pozo_site(tmp_path, *argv, watch=STANDARD, covered=False)
    assert code == first_code == 1
    assert out == first
    assert set(loaded) <= _loaded_by_what_every_run_imports()


def test_a_check_imports_the_toml_reader_only_for_a_toml_file(tmp_path: Path) -> None:
    """A check that reads and checks every file imports TOML's reader only for a TOML firm
    file or settings file: a pre-commit run of a YAML site does not pay for it."""
    site = _site(tmp_path)
    watch = ("tomllib", "tomli")
    code, out, loaded = pozo_site(
        tmp_path, "check", str(site), "--format", "json", "--no-cache", watch=watch, covered=False
    )
    assert code == 1
    assert json.loads(out)  # it checked and reported
    assert loaded == []
    (site / "firm.yaml").rename(site / "firm.toml.bak")
    (site / "firm.toml").write_text('name = "Example Firm"\n[[phones\n', encoding="utf-8")
    code, out, loaded = pozo_site(
        tmp_path, "check", str(site), "--format", "json", "--no-cache", watch=watch, covered=False
    )
    assert code == 1
    assert "invalid TOML" in out
    assert {"tomllib", "tomli"} & set(loaded)


def _loaded_by_what_every_run_imports() -> set[str]:
    """Which of :data:`STANDARD` the standard modules every run needs import on this
    Python by themselves: none on 3.13; ``urllib`` (for ``urllib.parse``) on 3.10 to 3.12,
    where ``pathlib`` imports it."""
    code = (
        "import argparse, dataclasses, enum, json, os, pathlib, re, sys, threading\n"
        f"print(' '.join(sorted({{m.split('.')[0] for m in sys.modules}} & set({STANDARD!r}))))"
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith("COVERAGE_")}
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    return set(out.split())
