"""The protocol side of ``pozo-site server``: LSP messages in, the session's answers out.

Only this module imports ``pygls`` and ``lsprotocol`` (the ``server`` extra). Every
handler is guarded: an unexpected failure is logged to the client and answered with
nothing, and the server carries on (:func:`_guarded`); a file the engine cannot check
gets a diagnostic saying why (see :class:`~pozo_site.server._session.Session`).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Final, TypeVar

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from pozo_site._version import __version__
from pozo_site.check._finding import Edit, Finding, Severity
from pozo_site.check._registry import RULES
from pozo_site.server import rule_docs_url
from pozo_site.server._session import (
    REASON_PLACEHOLDER,
    Lint,
    Session,
    is_checked_file,
    is_config_file,
)

__all__ = ["CROSS_FILE_SECONDS", "DEBOUNCE_SECONDS", "FIX_ALL_KIND", "PozoSiteServer", "serve"]

DEBOUNCE_SECONDS: Final = 0.3
"""How long the buffer must rest after a change before it is checked again."""
CROSS_FILE_SECONDS: Final = 1.0
"""How long before the other open documents, whose cross-file findings (duplicate slugs,
links) may follow the change, are checked again."""
FIX_ALL_KIND: Final = f"{lsp.CodeActionKind.SourceFixAll.value}.pozo-site"
SOURCE: Final = "pozo-site"
_WATCHED: Final = (
    "**/*.md",
    "**/firm.yaml",
    "**/firm.yml",
    "**/firm.toml",
    "**/firm.json",
    "**/pozo-site.toml",
    "**/pyproject.toml",
)
_SEVERITY: Final = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
}

logger = logging.getLogger(__name__)
T = TypeVar("T")


class PozoSiteServer(LanguageServer):
    """The language server: a :class:`Session` and the buffers' last findings."""

    def __init__(self) -> None:
        super().__init__(
            "pozo-site", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental
        )
        self.session = Session()
        self.lints: dict[str, Lint] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}

    # -- helpers -------------------------------------------------------------------------

    @property
    def encoding(self) -> str:
        """The negotiated position encoding: ``utf-8``, ``utf-16`` or ``utf-32``."""
        encoding = self.workspace.position_encoding
        value = getattr(encoding, "value", encoding)
        return value if value in ("utf-8", "utf-32") else "utf-16"

    def log(self, message: str, kind: lsp.MessageType = lsp.MessageType.Error) -> None:
        """Tell the client's log (never standard output, which is the channel)."""
        try:
            self.window_log_message(lsp.LogMessageParams(type=kind, message=message))
        except Exception:  # pragma: no cover - the connection is gone
            logger.exception("cannot log to the client")

    def position(self, lint: Lint, offset: int) -> lsp.Position:
        line, character = lint.buffer_index.position(offset, self.encoding)
        return lsp.Position(line=line, character=character)

    def range(self, lint: Lint, start: int, end: int) -> lsp.Range:
        return lsp.Range(start=self.position(lint, start), end=self.position(lint, end))

    def offset(self, lint: Lint, position: lsp.Position) -> int:
        return lint.buffer_index.offset(position.line, position.character, self.encoding)

    def diagnostic(self, lint: Lint, finding: Finding) -> lsp.Diagnostic:
        start, end = lint.span(finding)
        rule = RULES.get(finding.code)
        return lsp.Diagnostic(
            range=self.range(lint, start, end),
            message=finding.message,
            severity=_SEVERITY[finding.severity],
            code=finding.code,
            code_description=(
                lsp.CodeDescription(href=rule_docs_url(finding.code)) if rule else None
            ),
            source=SOURCE,
            data={"fixable": finding.fix is not None},
        )

    def diagnostics(self, lint: Lint) -> list[lsp.Diagnostic]:
        found = [self.diagnostic(lint, finding) for finding in lint.findings]
        if lint.problem is not None:
            found.append(
                lsp.Diagnostic(
                    range=self.range(lint, 0, 0),
                    message=lint.problem,
                    severity=lsp.DiagnosticSeverity.Error,
                    source=SOURCE,
                )
            )
        return found

    # -- checking ------------------------------------------------------------------------

    def path_of(self, uri: str) -> Path | None:
        """The file of a ``file:`` URI that ``pozo-site check`` would check, else ``None``."""
        fs_path = to_fs_path(uri) if uri.startswith("file:") else None
        if not fs_path:
            return None
        path = Path(os.path.abspath(fs_path))
        return path if is_checked_file(path) else None

    def sync(self, uri: str) -> Path | None:
        """Give the session the editor's current text of ``uri``."""
        path = self.path_of(uri)
        if path is None:
            return None
        document = self.workspace.get_text_document(uri)
        self.session.open(path, document.source, document.version)
        return path

    def check(self, uri: str) -> Lint | None:
        """Check ``uri`` now and publish its diagnostics."""
        self.cancel(uri)
        path = self.sync(uri)
        if path is None:
            return None
        lint = self.session.lint(path)
        self.lints[uri] = lint
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(
                uri=uri, diagnostics=self.diagnostics(lint), version=lint.version
            )
        )
        return lint

    def current(self, uri: str) -> Lint | None:
        """The findings of ``uri``'s current text (checked now if a check is pending)."""
        lint = self.lints.get(uri)
        document = self.workspace.text_documents.get(uri)
        if lint is None or uri in self.pending or (document and document.version != lint.version):
            lint = self.check(uri)
        return lint

    def cancel(self, uri: str) -> None:
        handle = self.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()

    def schedule(self, uris: Iterable[str], delay: float = DEBOUNCE_SECONDS) -> None:
        """Check ``uris`` once no change has come for ``delay`` seconds."""
        loop = asyncio.get_running_loop()
        for uri in uris:
            self.cancel(uri)
            self.pending[uri] = loop.call_later(delay, self._checked_later, uri)

    def _checked_later(self, uri: str) -> None:
        self.pending.pop(uri, None)
        if uri in self.workspace.text_documents:
            _guarded(self, None, lambda: self.check(uri))

    def others(self, uri: str) -> list[str]:
        """The other open documents, whose cross-file findings may change with ``uri``."""
        return [other for other in self.lints if other != uri]

    def workspace_edit(self, lint: Lint, uri: str, edits: Iterable[Edit]) -> lsp.WorkspaceEdit:
        text_edits = [
            lsp.TextEdit(range=self.range(lint, e.start, e.end), new_text=e.replacement)
            for e in edits
        ]
        capabilities = self.client_capabilities.workspace
        edit_caps = capabilities.workspace_edit if capabilities else None
        if edit_caps is not None and edit_caps.document_changes:
            identifier = lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=lint.version)
            return lsp.WorkspaceEdit(
                document_changes=[
                    lsp.TextDocumentEdit(text_document=identifier, edits=list(text_edits))
                ]
            )
        return lsp.WorkspaceEdit(changes={uri: text_edits})

    def code_actions(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        uri = params.text_document.uri
        lint = self.current(uri)
        if lint is None:
            return []
        wanted = params.context.only

        def allowed(kind: str) -> bool:
            return wanted is None or any(kind == k or kind.startswith(f"{k}.") for k in wanted)

        first = self.offset(lint, params.range.start)
        last = self.offset(lint, params.range.end)
        actions: list[lsp.CodeAction] = []
        touched = [f for f in lint.findings if _overlaps(lint.span(f), (first, last))]
        if allowed(lsp.CodeActionKind.QuickFix.value):
            for finding in touched:
                if finding.fix is not None:
                    actions.append(
                        lsp.CodeAction(
                            title=f"{finding.code}: {finding.fix.description}",
                            kind=lsp.CodeActionKind.QuickFix,
                            diagnostics=[self.diagnostic(lint, finding)],
                            edit=self.workspace_edit(
                                lint, uri, [lint.shift(e) for e in finding.fix.edits]
                            ),
                            is_preferred=True,
                        )
                    )
            done: set[tuple[int, str]] = set()
            for finding in touched:
                if (finding.line, finding.code) in done:
                    continue
                done.add((finding.line, finding.code))
                edit = self.session.ignore(lint, finding)
                if edit is not None:
                    actions.append(
                        lsp.CodeAction(
                            title=f"Ignore {finding.code} on this line"
                            + (
                                " (with a reason)" if REASON_PLACEHOLDER in edit.replacement else ""
                            ),
                            kind=lsp.CodeActionKind.QuickFix,
                            diagnostics=[self.diagnostic(lint, finding)],
                            edit=self.workspace_edit(lint, uri, [edit]),
                        )
                    )
        if allowed(FIX_ALL_KIND) and (wanted is not None or any(f.fix for f in touched)):
            edit = self.session.fix_all(lint)
            if edit is not None:
                actions.append(
                    lsp.CodeAction(
                        title="Fix all pozo-site problems in this file",
                        kind=FIX_ALL_KIND,
                        edit=self.workspace_edit(lint, uri, [edit]),
                    )
                )
        return actions


def _overlaps(span: tuple[int, int], wanted: tuple[int, int]) -> bool:
    return span[0] <= wanted[1] and wanted[0] <= span[1]


def _guarded(server: PozoSiteServer, default: T, call: Callable[[], T]) -> T:
    """``call()``, or ``default`` after logging the failure to the client."""
    try:
        return call()
    except Exception as error:  # the server's boundary: log it, answer nothing, carry on
        server.log(f"pozo-site server: internal error: {error!r}\n{traceback.format_exc()}")
        return default


def _handler(default: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def wrap(function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def run(ls: PozoSiteServer, params: Any) -> Any:
            return _guarded(ls, default, lambda: function(ls, params))

        return run

    return wrap


@_handler(None)
def initialized(ls: PozoSiteServer, params: lsp.InitializedParams) -> None:
    workspace = ls.client_capabilities.workspace
    watch = workspace.did_change_watched_files if workspace else None
    if watch is None or not watch.dynamic_registration:
        return  # the session's cache still sees changes by size and modification time
    options = lsp.DidChangeWatchedFilesRegistrationOptions(
        watchers=[lsp.FileSystemWatcher(glob_pattern=glob) for glob in _WATCHED]
    )
    ls.client_register_capability(
        lsp.RegistrationParams(
            registrations=[
                lsp.Registration(
                    id="pozo-site-watch",
                    method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                    register_options=options,
                )
            ]
        )
    )


@_handler(None)
def shutdown(ls: PozoSiteServer, params: None) -> None:
    for uri in list(ls.pending):
        ls.cancel(uri)


@_handler(None)
def did_open(ls: PozoSiteServer, params: lsp.DidOpenTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.check(uri)
    ls.schedule(ls.others(uri))


@_handler(None)
def did_change(ls: PozoSiteServer, params: lsp.DidChangeTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.sync(uri)
    ls.schedule([uri])
    ls.schedule(ls.others(uri), CROSS_FILE_SECONDS)


@_handler(None)
def did_save(ls: PozoSiteServer, params: lsp.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    fs_path = to_fs_path(uri) if uri.startswith("file:") else None
    if fs_path and is_config_file(Path(fs_path)):
        ls.schedule(list(ls.lints), 0)
        return
    if fs_path:
        ls.session.changed_on_disk(Path(fs_path))
    ls.check(uri)
    ls.schedule(ls.others(uri))


@_handler(None)
def did_close(ls: PozoSiteServer, params: lsp.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.cancel(uri)
    path = ls.path_of(uri)
    if path is not None:
        ls.session.close(path)
    if ls.lints.pop(uri, None) is not None:
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
    ls.schedule(ls.others(uri))


@_handler(None)
def watched(ls: PozoSiteServer, params: lsp.DidChangeWatchedFilesParams) -> None:
    for change in params.changes:
        fs_path = to_fs_path(change.uri) if change.uri.startswith("file:") else None
        if fs_path and change.uri not in ls.workspace.text_documents:
            ls.session.changed_on_disk(Path(fs_path))
    ls.schedule(list(ls.lints))


@_handler([])
def code_action(ls: PozoSiteServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    return ls.code_actions(params)


@_handler(None)
def hover(ls: PozoSiteServer, params: lsp.HoverParams) -> lsp.Hover | None:
    lint = ls.current(params.text_document.uri)
    if lint is None:
        return None
    text = ls.session.hover(lint, ls.offset(lint, params.position))
    if text is None:
        return None
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text))


@_handler(None)
def completion(ls: PozoSiteServer, params: lsp.CompletionParams) -> lsp.CompletionList:
    items: list[lsp.CompletionItem] = []
    uri = params.text_document.uri
    path = ls.sync(uri)
    if path is not None and path.name.endswith(".md"):
        lint = ls.lints.get(uri)
        document = ls.workspace.get_text_document(uri)
        if lint is None or lint.text != document.source:
            lint = Lint(path, document.version, document.source)
        offset = ls.offset(lint, params.position)
        for rank, key in enumerate(ls.session.completions(lint, offset)):
            items.append(
                lsp.CompletionItem(
                    label=key.key,
                    kind=lsp.CompletionItemKind.Property,
                    detail=key.detail,
                    insert_text=f"{key.key}:\n  " if key.object else f"{key.key}: ",
                    sort_text=f"{0 if key.required else 1}{rank:03d}",
                )
            )
    return lsp.CompletionList(is_incomplete=False, items=items)


_CODE_ACTION_OPTIONS: Final = lsp.CodeActionOptions(
    code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL_KIND]
)


def build_server() -> PozoSiteServer:
    """A server with every feature registered."""
    server = PozoSiteServer()
    features: tuple[tuple[str, Any, Callable[..., Any]], ...] = (
        (lsp.INITIALIZED, None, initialized),
        (lsp.SHUTDOWN, None, shutdown),
        (lsp.TEXT_DOCUMENT_DID_OPEN, None, did_open),
        (lsp.TEXT_DOCUMENT_DID_CHANGE, None, did_change),
        (lsp.TEXT_DOCUMENT_DID_SAVE, None, did_save),
        (lsp.TEXT_DOCUMENT_DID_CLOSE, None, did_close),
        (lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES, None, watched),
        (lsp.TEXT_DOCUMENT_CODE_ACTION, _CODE_ACTION_OPTIONS, code_action),
        (lsp.TEXT_DOCUMENT_HOVER, None, hover),
        (lsp.TEXT_DOCUMENT_COMPLETION, None, completion),
    )
    for method, options, handler in features:
        server.feature(method, options)(handler)
    return server


def serve() -> None:
    """Run the language server on standard input and output until the client exits."""
    build_server().start_io()
