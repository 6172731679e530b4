"""Reading firm profiles and articles from files, and the data shipped in the package.

The one module below the CLI that touches the file system for the models (the content
checks have their own, finer-grained loader). Firm files may be YAML, TOML or JSON.

>>> default_firm().name
'Pozo Goldstein'
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any, Final

from pydantic import ValidationError

from pozo_site._article import Article
from pozo_site._errors import FirmFileError
from pozo_site._firm import FirmProfile
from pozo_site._toml import tomllib
from pozo_site._yaml import YamlError, load_yaml

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable
else:  # pragma: no cover - exercised on 3.10 only
    from importlib.abc import Traversable

__all__ = [
    "FIRM_FILE_NAMES",
    "MAX_FIRM_FILE_BYTES",
    "default_firm",
    "example_articles",
    "example_content",
    "format_validation_error",
    "load_firm",
    "parse_firm",
]

FIRM_FILE_NAMES: Final = ("firm.yaml", "firm.yml", "firm.toml", "firm.json")
"""The names a content folder's firm profile may have, in the order they are looked for."""

MAX_FIRM_FILE_BYTES: Final = 1_000_000


def format_validation_error(error: ValidationError) -> tuple[str, ...]:
    """One line per pydantic error: ``location: message``, never the input value."""
    lines = []
    for item in error.errors(include_url=False, include_input=False):
        where = ".".join(str(part) for part in item["loc"]) or "(top level)"
        lines.append(f"{where}: {item['msg']} [{item['type']}]")
    return tuple(lines)


def _parse_data(text: str, suffix: str) -> Any:
    if suffix == ".toml":
        return tomllib.loads(text)
    if suffix == ".json":
        return json.loads(text)
    return load_yaml(text)


def parse_firm(text: str, *, name: str = "firm.yaml") -> FirmProfile:
    """Parse and validate a firm profile from ``text``; ``name``'s suffix picks the format.

    Raises :class:`~pozo_site.FirmFileError` naming ``name``, with one detail line per problem.
    """
    suffix = Path(name).suffix.lower()
    if suffix not in (".yaml", ".yml", ".toml", ".json"):
        raise FirmFileError(
            "a firm file must end in .yaml, .yml, .toml or .json", path=name, code="firm_file_type"
        )
    try:
        data = _parse_data(text, suffix)
    except YamlError as error:
        where = f"line {error.line}: " if error.line else ""
        raise FirmFileError(f"{where}{error}", path=name, code="firm_file_syntax") from None
    except (tomllib.TOMLDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise FirmFileError(f"{error}", path=name, code="firm_file_syntax") from None
    if not isinstance(data, dict):
        raise FirmFileError(
            "a firm file must hold a mapping of keys to values", path=name, code="firm_file_syntax"
        )
    try:
        return FirmProfile.model_validate(data)
    except ValidationError as error:
        details = format_validation_error(error)
        raise FirmFileError(
            f"{len(details)} problem(s) in the firm profile", path=name, details=details
        ) from None


def load_firm(path: str | Path) -> FirmProfile:
    """Read and validate the firm profile file at ``path`` (YAML, TOML or JSON, UTF-8)."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FIRM_FILE_BYTES + 1)
    except OSError as error:
        raise FirmFileError(
            f"cannot read the file: {error.strerror or error}",
            path=str(path),
            code="firm_file_read",
        ) from None
    if len(raw) > MAX_FIRM_FILE_BYTES:
        raise FirmFileError(
            f"the file is larger than {MAX_FIRM_FILE_BYTES} bytes",
            path=str(path),
            code="firm_file_size",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FirmFileError(
            f"the file is not UTF-8 text (byte {error.start})",
            path=str(path),
            code="firm_file_encoding",
        ) from None
    return parse_firm(text, name=str(path))


def example_content() -> Traversable:
    """The example content folder shipped in the package: ``firm.yaml`` and ``articles/``."""
    return resources.files("pozo_site").joinpath("data").joinpath("content")


@functools.cache
def default_firm() -> FirmProfile:
    """The Pozo Goldstein profile shipped in the package, validated on first use.

    Holds only what the firm's own page states; fields it is silent on are empty.
    """
    source = example_content().joinpath("firm.yaml")
    return parse_firm(source.read_text(encoding="utf-8"), name="pozo_site/data/content/firm.yaml")


def _walk_markdown(folder: Traversable) -> Iterator[Traversable]:
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if entry.is_dir():
            yield from _walk_markdown(entry)
        elif entry.name.endswith(".md"):
            yield entry


def example_articles() -> tuple[Article, ...]:
    """The example articles shipped in the package, sorted by file name."""
    return tuple(
        Article.from_markdown(entry.read_text(encoding="utf-8"))
        for entry in _walk_markdown(example_content().joinpath("articles"))
    )
