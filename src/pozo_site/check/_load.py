"""Reading content files safely: every problem of one file becomes a finding, never a crash.

The order of the checks matters for safety and for clear messages: the size is checked
with ``stat`` before the file is opened (and the read is capped anyway), NUL bytes before
decoding, UTF-8 before anything parses, and YAML anchors are refused after composing,
before anything is expanded (see :mod:`pozo_site._yaml`). A byte-order mark and CRLF or
CR line ends are valid.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final, TypeGuard

from pozo_site._frontmatter import FrontMatterError, split_front_matter
from pozo_site._reading import open_regular
from pozo_site.check._codes import file as rules
from pozo_site.check._finding import Finding
from pozo_site.check._source import ArticleDoc, FirmDoc, Source, file_finding

if TYPE_CHECKING:
    from pydantic import ValidationError

    from pozo_site._toml import tomllib
    from pozo_site._yaml import YamlError

# Reading a file needs no parser; YAML, pydantic and the models are imported by the
# functions that parse (the first file checked), so that a run whose every file is a
# cache hit never loads them.

__all__ = [
    "decode_source",
    "default_firm_doc",
    "parse_article",
    "parse_firm_doc",
    "read_bytes",
    "read_source",
]

_BOM: Final = b"\xef\xbb\xbf"
# Byte-order marks of the other Unicode encodings (UTF-32 LE before UTF-16 LE, which
# starts the same): such a file is text, just not UTF-8, so it is F001 rather than F002.
_WIDE_BOMS: Final = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def _open(path: Path) -> IO[bytes]:
    """Open ``path`` for reading bytes (a seam for tests that simulate OS errors); a FIFO
    put in the file's place after the size check is refused, not waited on."""
    return open_regular(path, buffered=False)


def _os_error(error: OSError, display: str) -> Finding:
    if error.errno == errno.ELOOP:
        return file_finding(
            rules.SYMLINK_LOOP, display, "the symbolic link loops back to itself; repoint it"
        )
    reason = error.strerror or type(error).__name__
    return file_finding(rules.UNREADABLE, display, f"cannot read the file: {reason}")


def _line_and_column(raw: bytes, index: int) -> tuple[int, int]:
    """1-based line and column (in characters, as far as they decode) of byte ``index``."""
    before = raw[:index]
    line_start = max(before.rfind(b"\n"), before.rfind(b"\r")) + 1
    line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
    column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return line, column


def read_bytes(path: Path, display: str, max_bytes: int) -> tuple[bytes, os.stat_result] | Finding:
    """``path``'s bytes and its ``stat`` as taken before the read, or the finding that
    stops it (what :func:`read_source` checks before decoding)."""
    try:
        info = path.stat()
    except OSError as error:
        return _os_error(error, display)
    if not stat.S_ISREG(info.st_mode):
        return file_finding(rules.UNREADABLE, display, "cannot read the file: not a regular file")
    if info.st_size > max_bytes:
        return _too_large(display, max_bytes)
    try:
        with _open(path) as handle:
            raw = _read_whole(handle, info.st_size, max_bytes + 1)
    except OSError as error:
        return _os_error(error, display)
    if len(raw) > max_bytes:
        return _too_large(display, max_bytes)
    return raw, info


def _read_whole(handle: IO[bytes], size: int, limit: int) -> bytes:
    """A file's bytes, at most ``limit``, from a raw ``handle`` whose stat said ``size``.

    The first read asks for the size and a byte more, which tells whether the file grew
    since the stat: a read of ``limit`` would make a buffer of that size for every file
    (a megabyte by default, mapped and unmapped each time). A read that gives what the
    stat said and no more is the end of the file; one that gives less (a short read, or
    a file that shrank) or more (it grew, or a file of size 0 such as those of /proc) is
    followed by others, until the end or the limit."""
    raw = handle.read(min(size + 1, limit))
    if len(raw) == size or len(raw) >= limit:
        return raw
    pieces = [raw]
    total = len(raw)
    while total < limit and (piece := handle.read(limit - total)):
        pieces.append(piece)
        total += len(piece)
    return b"".join(pieces)


def read_source(path: Path, display: str, max_bytes: int) -> Source | Finding:
    """Read ``path`` as UTF-8 text, or return the file-family finding that stops it."""
    raw = read_bytes(path, display, max_bytes)
    if isinstance(raw, Finding):
        return raw
    return decode_source(raw[0], path, display, max_bytes)


def decode_source(raw: bytes, path: Path, display: str, max_bytes: int) -> Source | Finding:
    """The checks of :func:`read_source` on bytes already in hand (the language server's
    unsaved editor buffers), so a buffer gets the findings its file would get."""
    if len(raw) > max_bytes:
        return _too_large(display, max_bytes)
    for mark, encoding in _WIDE_BOMS:
        if raw.startswith(mark):
            return file_finding(
                rules.NOT_UTF8,
                display,
                f"the file is {encoding} text (it starts with a {encoding} byte-order mark); "
                "re-save it as UTF-8",
            )
    bom = raw.startswith(_BOM)
    if bom:
        raw = raw[len(_BOM) :]
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, column = _line_and_column(raw, nul)
        return file_finding(
            rules.BINARY, display, "the file holds NUL bytes: it is not a text file", line, column
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _line_and_column(raw, error.start)
        return file_finding(
            rules.NOT_UTF8,
            display,
            f"byte 0x{raw[error.start]:02x} is not UTF-8; re-save the file as UTF-8",
            line,
            column,
        )
    if not text.strip():
        return file_finding(rules.EMPTY, display, "the file is empty")
    return Source(path=path, display=display, text=text, bom=bom)


def _too_large(display: str, limit: int) -> Finding:
    return file_finding(
        rules.TOO_LARGE,
        display,
        f"the file is larger than max-file-bytes ({limit:,} bytes); it was not read",
    )


# -- YAML ------------------------------------------------------------------------------


def _yaml_finding(source: Source, error: YamlError, yaml_text: str, yaml_start: int) -> Finding:
    from pozo_site._locate import yaml_offset  # noqa: PLC0415 (see the imports)

    rule = rules.YAML_ALIAS if error.code == "yaml_alias" else rules.SYNTAX
    offset = yaml_start
    if error.line is not None:
        offset += yaml_offset(yaml_text, error.line, error.column or 1)
    message = str(error)
    if rule is rules.SYNTAX:
        message = f"invalid YAML: {message}"
    return source.finding(rule, offset, message)


def _not_mapping(source: Source, offset: int, what: str) -> Finding:
    return source.finding(
        rules.NOT_MAPPING, offset, f"{what} must be a mapping of keys to values (key: value)"
    )


# -- articles --------------------------------------------------------------------------


def parse_article(source: Source, extra_keys: Iterable[str] = ()) -> ArticleDoc | Finding:
    """Split and parse an article; validate it. File-level problems return a finding.

    ``extra_keys`` are a site's own front matter keys: allowed, and left out of the
    validation (their values are not checked)."""
    import yaml  # noqa: PLC0415 (see the imports)
    from pydantic import ValidationError  # noqa: PLC0415

    from pozo_site._article import Article  # noqa: PLC0415
    from pozo_site._yaml import YamlError, compose_yaml  # noqa: PLC0415

    text = source.text
    try:
        parts = split_front_matter(text)
    except FrontMatterError as error:
        rule = (
            rules.FRONT_MATTER_MISSING
            if error.code == "front_matter_missing"
            else rules.FRONT_MATTER_UNTERMINATED
        )
        return source.finding(rule, 0, str(error))
    yaml_start = parts.yaml_start
    body_start = len(text) - len(parts.body)
    try:
        data, node = compose_yaml(parts.yaml, keep_invalid_dates=True)
    except YamlError as error:
        return _yaml_finding(source, error, parts.yaml, yaml_start)
    if data is None:
        data, node = {}, None
    if not isinstance(data, dict) or (node is not None and not isinstance(node, yaml.MappingNode)):
        where = yaml_start + node.start_mark.index if node is not None else 0
        return _not_mapping(source, where, "the front matter")
    doc = ArticleDoc(
        source=source,
        yaml_start=yaml_start,
        yaml_text=parts.yaml,
        body_start=body_start,
        data=data,
        node=node,
    )
    if "body" in data:
        doc.errors = (
            {
                "loc": ("body",),
                "type": "front_matter_body_key",
                "msg": "'body' is not a front matter key; the body follows the front matter",
            },
        )
        return doc
    try:
        # The body is checked by the rules, not by the model: validating it would only
        # copy and clean a long text that no rule reads from the model.
        extra = frozenset(extra_keys)
        fields = {key: value for key, value in data.items() if key not in extra}
        doc.article = Article.model_validate({**fields, "body": ""})
    except ValidationError as error:
        doc.errors = _errors(error)
    return doc


def _errors(error: ValidationError) -> tuple[dict[str, Any], ...]:
    return tuple(
        {"loc": item["loc"], "type": item["type"], "msg": item["msg"]}
        for item in error.errors(include_url=False, include_input=False, include_context=False)
    )


# -- firm profiles ---------------------------------------------------------------------


def default_firm_doc() -> FirmDoc:
    """The embedded default profile, for a content folder without a firm file."""
    from pozo_site._files import default_firm  # noqa: PLC0415 (see the imports)

    return FirmDoc(source=None, kind="default", firm=default_firm())


def _is_toml_error(error: Exception) -> TypeGuard[tomllib.TOMLDecodeError]:
    from pozo_site._toml import tomllib  # noqa: PLC0415 (only a TOML file's error needs it)

    return isinstance(error, tomllib.TOMLDecodeError)


def parse_firm_doc(source: Source) -> FirmDoc | Finding:
    """Parse and validate a firm profile file (YAML, TOML or JSON by its suffix) for the
    checks: every problem is a finding (:func:`pozo_site.parse_firm` raises instead)."""
    from pydantic import ValidationError  # noqa: PLC0415 (see the imports)

    from pozo_site._files import decode_firm_text, toml_error_offset  # noqa: PLC0415
    from pozo_site._firm import FirmProfile  # noqa: PLC0415
    from pozo_site._yaml import YamlError, _first_clause  # noqa: PLC0415

    suffix = source.path.suffix.lower()
    text = source.text
    try:
        kind, data, node = decode_firm_text(text, suffix, keep_invalid_dates=True)
    except YamlError as error:
        return _yaml_finding(source, error, text, 0)
    except json.JSONDecodeError as error:
        return source.finding(rules.SYNTAX, error.pos, f"invalid JSON: {error.msg}")
    except (RecursionError, ValueError) as error:  # too deep; an integer of > 4,300 digits
        if suffix == ".toml" and _is_toml_error(error):
            offset = toml_error_offset(text, error) or 0
            return source.finding(rules.SYNTAX, offset, f"invalid TOML: {error}")
        language = "TOML" if suffix == ".toml" else "JSON"
        reason = "nested too deeply" if isinstance(error, RecursionError) else _first_clause(error)
        return source.finding(rules.SYNTAX, 0, f"invalid {language}: {reason}")
    if not isinstance(data, dict):
        return _not_mapping(
            source, node.start_mark.index if node is not None else 0, "the firm profile"
        )
    doc = FirmDoc(source=source, kind=kind, data=data, node=node)
    try:
        doc.firm = FirmProfile.model_validate(data)
    except ValidationError as error:
        doc.errors = _errors(error)
    return doc
