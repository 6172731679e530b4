"""A real LSP client talking to ``python -m pozo_site server`` over stdio, and a content
folder for it: a firm profile with fictional 555-01xx numbers, a house style, and
articles with a wrong number, an off-style number, a missing alt text and a duplicate
slug."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from pozo_site.check import CheckResult, Finding, check_paths, load_config

TIMEOUT = 60.0
"""A bound on every wait, so a broken server fails the test instead of hanging it (not
a timing assertion: a healthy server answers in well under a second)."""

FIRM = """\
name: Example Law
phones:
  - role: main
    number: (212) 555-0100
  - role: toll_free
    number: 1-800-555-0199
    label: Toll Free
advertising_notice: Attorney Advertising
"""

SETTINGS = 'phone-style = "dashes"\n'

ARTICLE = """\
---
title: Know Your Rights
slug: know-your-rights
date: 2024-05-01
image:
  src: court.jpg
  alt: '  '
---
Call us 😀 at (212) 555-0100 today.
Not ours: 😀😀 212-555-0142.
![](hallway.png)
"""

OTHER = """\
---
title: Know Your Rights Again
slug: know-your-rights
date: 2024-06-01
---
Call 212-555-0100.
"""


class Published:
    """Every ``textDocument/publishDiagnostics`` the client received, in order."""

    def __init__(self) -> None:
        self.items: list[lsp.PublishDiagnosticsParams] = []
        self.registrations: list[lsp.Registration] = []


def _client() -> LanguageClient:
    client = LanguageClient()
    published = Published()
    features = dict(DEFAULT_CLIENT_FEATURES)
    default = features[lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

    def record(client: LanguageClient, params: lsp.PublishDiagnosticsParams) -> None:
        published.items.append(params)
        default(client, params)

    features[lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = record

    def register(client: LanguageClient, params: lsp.RegistrationParams) -> None:
        published.registrations.extend(params.registrations)

    features[lsp.CLIENT_REGISTER_CAPABILITY] = register
    register_lsp_features(client, features)
    client.published = published  # type: ignore[attr-defined]
    return client


SERVER = ClientServerConfig(
    server_command=[sys.executable, "-m", "pozo_site", "server"], client_factory=_client
)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """The content folder: ``firm.yaml``, ``pozo-site.toml`` and two articles."""
    root = tmp_path / "site"
    (root / "articles").mkdir(parents=True)
    (root / "firm.yaml").write_text(FIRM, encoding="utf-8")
    (root / "pozo-site.toml").write_text(SETTINGS, encoding="utf-8")
    (root / "articles" / "a.md").write_text(ARTICLE, encoding="utf-8", newline="")
    (root / "articles" / "b.md").write_text(OTHER, encoding="utf-8", newline="")
    return root


@pytest_lsp.fixture(config=SERVER)
async def minimal_client(lsp_client: LanguageClient, site: Path) -> AsyncIterator[None]:
    """A client that offers UTF-8 positions and supports neither versioned edits nor
    file watching nor workspace folders."""
    capabilities = lsp.ClientCapabilities(
        general=lsp.GeneralClientCapabilities(position_encodings=["utf-8", "utf-16"])
    )
    params = lsp.InitializeParams(capabilities=capabilities, root_path=str(site))
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient, site: Path) -> AsyncIterator[None]:
    """A client whose server has been initialised on the content folder."""
    params = lsp.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=uri_of(site),
        workspace_folders=[lsp.WorkspaceFolder(uri=uri_of(site), name="site")],
    )
    await lsp_client.initialize_session(params)
    yield
    server = lsp_client._server
    if server is not None and server.returncode is None:  # a test may have shut it down
        await lsp_client.shutdown_session()


def uri_of(path: Path) -> str:
    uri = from_fs_path(str(path))
    assert uri is not None
    return uri


def published(client: LanguageClient) -> list[lsp.PublishDiagnosticsParams]:
    return client.published.items  # type: ignore[attr-defined, no-any-return]


async def until(condition: Callable[[], Any]) -> Any:
    """Wait (at most :data:`TIMEOUT`) until ``condition()`` is truthy; return it."""

    async def poll() -> Any:
        while not (value := condition()):
            await asyncio.sleep(0.02)
        return value

    return await asyncio.wait_for(poll(), TIMEOUT)


async def diagnostics(
    client: LanguageClient, uri: str, version: int | None = None, after: int = 0
) -> list[lsp.Diagnostic]:
    """The first diagnostics published for ``uri`` (at ``version``, if given) after the
    ``after``-th notification."""

    def found() -> tuple[list[lsp.Diagnostic]] | None:
        for params in published(client)[after:]:
            if params.uri == uri and (version is None or params.version == version):
                return (list(params.diagnostics),)
        return None

    box: tuple[list[lsp.Diagnostic]] = await until(found)
    return box[0]


def expected(site: Path, path: Path) -> list[Finding]:
    """What ``pozo-site check`` reports for ``path`` when checking the whole folder."""
    config, _ = load_config(site)
    result: CheckResult = check_paths([site], config)
    return [f for f in result.findings if f.path == path.as_posix()]


def utf16(text: str, encoding: str = "utf-16") -> int:
    """Length of ``text`` in UTF-16 code units, or in ``encoding``'s units (independent of
    the server's code)."""
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    return len(text.encode("utf-16-le")) // 2


def lsp_position(text: str, line: int, column: int, encoding: str = "utf-16") -> tuple[int, int]:
    """A finding's 1-based line and code-point column as an LSP position."""
    lines = text.splitlines(keepends=True)
    current = lines[line - 1] if line - 1 < len(lines) else ""
    return line - 1, utf16(current[: column - 1], encoding)


def apply_edits(text: str, edits: list[lsp.TextEdit], encoding: str = "utf-16") -> str:
    """``text`` with LSP ``edits`` applied as an editor applies them."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(position: lsp.Position) -> int:
        if position.line >= len(lines):
            return len(text)
        line = lines[position.line]
        units = 0
        for index, char in enumerate(line):
            if units >= position.character:
                return starts[position.line] + index
            units += utf16(char, encoding)
        return starts[position.line] + len(line.rstrip("\r\n"))

    spans = sorted(
        ((offset(e.range.start), offset(e.range.end), e.new_text) for e in edits), reverse=True
    )
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text
