"""The files a pull request changed, from Git (``pozo-site check --changed-since REF``).

"Changed since REF" is what a pull request's diff shows plus what is not committed yet:
every file that differs between the merge base of ``REF`` and ``HEAD`` (``git merge-base
REF HEAD``) and the working tree, staged or not, and every untracked file that is not
ignored (a new article not yet added is changed too). Deleted files are left out, as
there is nothing to report in them. Git is run with ``subprocess`` (no shell), in the
given folder; its output is read with ``-z``, so file names with any characters come
through whole.
"""

from __future__ import annotations

import os
from pathlib import Path

from pozo_site._errors import GitError

__all__ = ["GitError", "changed_files"]


def _git(args: list[str], cwd: Path) -> str:
    import subprocess  # noqa: PLC0415 (only --changed-since runs git)

    try:
        completed = subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            check=False,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"},
        )
    except FileNotFoundError:
        raise GitError(
            "--changed-since needs git, which was not found", code="git_missing"
        ) from None
    if completed.returncode != 0:
        detail = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(detail[0] if detail else f"git {args[0]} failed")
    return completed.stdout.decode("utf-8", "surrogateescape")


def changed_files(ref: str, cwd: Path) -> frozenset[Path]:
    """The files changed since ``ref`` (absolute, resolved). Raises :class:`GitError`."""
    try:
        top = _git(["rev-parse", "--show-toplevel"], cwd).strip()
    except GitError:
        raise GitError(
            f"--changed-since needs a Git repository, and {cwd} is not in one",
            code="git_not_a_repository",
        ) from None
    if ref.startswith("-"):
        raise GitError(f"--changed-since: {ref!r} is not a Git ref", code="git_unknown_ref")
    try:
        _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], cwd)
    except GitError:
        raise GitError(
            f"--changed-since: unknown Git ref {ref!r} (in a shallow CI clone, fetch it "
            "first: git fetch origin main)",
            code="git_unknown_ref",
        ) from None
    base = _git(["merge-base", ref, "HEAD"], cwd).strip()
    names = _git(["diff", "--name-only", "-z", "--no-renames", "--diff-filter=d", base], cwd)
    names += _git(["ls-files", "-z", "--others", "--exclude-standard", "--full-name"], cwd)
    root = Path(top)
    return frozenset(Path(os.path.realpath(root / name)) for name in names.split("\0") if name)
