"""Reading firm profiles and articles from files, and the data shipped in the package.

The one module below the CLI that touches the file system for the models (the content
checks have their own, finer-grained loader). Firm files may be YAML, TOML or JSON.

>>> default_firm().name
'Pozo Goldstein'
"""

from __future__ import annotations

import functools
import json
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

import yaml
from pydantic import ValidationError

from pozo_site._article import Article
from pozo_site._content_files import FIRM_FILE_NAMES, is_content_file
from pozo_site._errors import FirmFileError, FirmFileProblem
from pozo_site._firm import FirmProfile
from pozo_site._locate import find_key_in_text, line_starts, locate_node, position, yaml_offset
from pozo_site._reading import open_regular
from pozo_site._yaml import YamlError, compose_yaml

if TYPE_CHECKING:  # TOML's reader and importlib.resources are imported where used
    from pozo_site._toml import tomllib

    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:  # pragma: no cover - exercised on 3.10 only
        from importlib.abc import Traversable

__all__ = [
    "FIRM_FILE_NAMES",
    "MAX_FIRM_FILE_BYTES",
    "decode_firm_text",
    "default_firm",
    "example_articles",
    "example_content",
    "is_content_file",
    "load_firm",
    "parse_firm",
    "toml_error_offset",
]

MAX_FIRM_FILE_BYTES: Final = 1_000_000


_TOML_POSITION = re.compile(r"at line (\d+), column (\d+)")


def decode_firm_text(
    text: str, suffix: str, *, keep_invalid_dates: bool = False
) -> tuple[Literal["toml", "json", "yaml"], Any, yaml.Node | None]:
    """A firm file's text decoded by its ``suffix``: ``(kind, data, YAML root node)``.

    ``kind`` is ``"toml"``, ``"json"`` or ``"yaml"`` (any other suffix); the node is
    ``None`` but for YAML. The one reader of firm files: :func:`parse_firm` turns its
    errors into a :class:`~pozo_site.FirmFileError`, ``pozo-site check`` into findings.
    Raises the decoder's error (:class:`~pozo_site._yaml.YamlError`,
    ``tomllib.TOMLDecodeError``, ``json.JSONDecodeError``), ``ValueError`` for an integer
    of more than 4,300 digits or ``RecursionError`` for nesting too deep.
    ``keep_invalid_dates`` is :func:`~pozo_site._yaml.compose_yaml`'s.
    """
    if suffix == ".toml":
        from pozo_site._toml import tomllib  # noqa: PLC0415 (only TOML files need it)

        return "toml", tomllib.loads(text), None
    if suffix == ".json":
        return "json", json.loads(text), None
    data, node = compose_yaml(text, keep_invalid_dates=keep_invalid_dates)
    return "yaml", data, node


def toml_error_offset(text: str, error: tomllib.TOMLDecodeError) -> int | None:
    """Where in ``text`` a TOML error is, from the position its message gives."""
    match = _TOML_POSITION.search(str(error))
    return yaml_offset(text, int(match[1]), int(match[2])) if match else None


def _reason(kind: str, message: str) -> str:
    if kind == "extra_forbidden":
        return "unknown key: remove it or correct its spelling"
    if kind == "missing":
        return "required: add it"
    if kind in ("tuple_type", "list_type"):  # pydantic says "tuple"; writers write lists
        return "must be a list, such as [first, second]"
    return message


def _problems(
    error: ValidationError, text: str, kind: str, node: Any
) -> tuple[FirmFileProblem, ...]:
    """Each pydantic error at its line and column, found as ``pozo-site check`` finds it."""
    starts = line_starts(text)
    found = []
    for item in error.errors(include_url=False, include_input=False, include_context=False):
        loc: Sequence[str | int] = tuple(item["loc"])
        if not loc and "phone" in item["msg"]:  # the profile-level checks are about phones
            loc = ("phones",)
        if kind == "yaml":
            at = locate_node(node, loc, want_key=item["type"] == "extra_forbidden")
            offset = at.start_mark.index if at is not None else 0
        else:
            offset = find_key_in_text(text, loc, kind)
        line, column = position(starts, offset, len(text))
        key = ".".join(str(part) for part in loc) or "(top level)"
        found.append(
            FirmFileProblem(line, column, key, _reason(item["type"], item["msg"]), item["type"])
        )
    return tuple(found)


def _syntax_error(text: str, name: str, error: Exception) -> FirmFileError:
    from pozo_site._toml import tomllib  # noqa: PLC0415 (an error's path only)

    line: int | None = None
    column: int | None = None
    if isinstance(error, YamlError):
        line, column = error.line, error.column
        message = str(error)
    elif isinstance(error, json.JSONDecodeError):
        line, column = error.lineno, error.colno
        message = f"invalid JSON: {error.msg}"
    elif isinstance(error, RecursionError):
        message = "nested too deeply"
    elif not isinstance(error, tomllib.TOMLDecodeError):  # more than 4,300 digits
        message = str(error).split("; use sys.")[0]
    else:
        offset = toml_error_offset(text, error)
        if offset is not None:
            line, column = position(line_starts(text), offset, len(text))
        message = f"invalid TOML: {error}"
    return FirmFileError(message, path=name, code="firm_file_syntax", line=line, column=column)


def parse_firm(text: str, *, name: str = "firm.yaml") -> FirmProfile:
    """Parse and validate a firm profile from ``text``; ``name``'s suffix picks the format.

    Raises :class:`~pozo_site.FirmFileError` naming ``name``: a syntax error with its line
    and column where known, or one :class:`~pozo_site.FirmFileProblem` per validation
    error, at the line and column ``pozo-site check`` reports (S002).
    """
    suffix = Path(name).suffix.lower()
    if suffix not in (".yaml", ".yml", ".toml", ".json"):
        raise FirmFileError(
            "a firm file must end in .yaml, .yml, .toml or .json", path=name, code="firm_file_type"
        )
    try:
        kind, data, node = decode_firm_text(text, suffix)
    except (YamlError, ValueError, RecursionError) as error:
        # ValueError: the decoders' errors, and an integer of more than 4,300 digits.
        raise _syntax_error(text, name, error) from None
    if not isinstance(data, dict):
        raise FirmFileError(
            "a firm file must hold a mapping of keys to values",
            path=name,
            code="firm_file_syntax",
            line=1,
            column=1,
        )
    try:
        return FirmProfile.model_validate(data)
    except ValidationError as error:
        problems = _problems(error, text, kind, node)
        raise FirmFileError(
            f"{len(problems)} problem(s) in the firm profile", path=name, problems=problems
        ) from None


def load_firm(path: str | Path) -> FirmProfile:
    """Read and validate the firm profile file at ``path`` (YAML, TOML or JSON, UTF-8)."""
    path = Path(path)
    try:
        with open_regular(path) as handle:  # a FIFO would hang an open()
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
    from importlib import resources  # noqa: PLC0415 (it imports tempfile, shutil...)

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
