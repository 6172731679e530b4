"""``pozo-site server`` driven by a real LSP client over stdio: the editor sees exactly
what ``pozo-site check`` reports, and its quick fixes do exactly what ``--fix`` does."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from pozo_site.check import Finding, Severity
from pozo_site.server import rule_docs_url
from tests.server.conftest import (
    OTHER,
    SETTINGS,
    apply_edits,
    diagnostics,
    expected,
    lsp_position,
    published,
    until,
    uri_of,
)
from tests.testdata import blns

pytestmark = pytest.mark.asyncio

OTHER_RENAMED = OTHER.replace("slug: know-your-rights", "slug: know-your-rights-again")


def _open(client: LanguageClient, path: Path, text: str | None = None) -> str:
    uri = uri_of(path)
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(
                uri=uri,
                language_id="markdown",
                version=1,
                text=path.read_text(encoding="utf-8") if text is None else text,
            )
        )
    )
    return uri


def _change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def _as_check(diags: list[lsp.Diagnostic], text: str) -> list[tuple[object, ...]]:
    """The diagnostics as (code, start, end, severity, message, link), sorted."""
    return sorted(
        (
            d.code,
            (d.range.start.line, d.range.start.character),
            (d.range.end.line, d.range.end.character),
            d.severity,
            d.message,
            d.code_description.href if d.code_description else None,
            d.source,
        )
        for d in diags
    )


def _wanted(
    findings: list[Finding], text: str, encoding: str = "utf-16"
) -> list[tuple[object, ...]]:
    result = []
    for f in findings:
        start = lsp_position(text, f.line, f.column, encoding)
        if f.end_line is not None and f.end_column is not None:
            end = lsp_position(text, f.end_line, f.end_column, encoding)
        else:  # a finding without an end covers the rest of its line
            line = text.splitlines()[f.line - 1] if text.splitlines() else ""
            end = lsp_position(text, f.line, len(line) + 1, encoding)
        severity = (
            lsp.DiagnosticSeverity.Error
            if f.severity is Severity.ERROR
            else lsp.DiagnosticSeverity.Warning
        )
        result.append((f.code, start, end, severity, f.message, rule_docs_url(f.code), "pozo-site"))
    return sorted(result)


def _edits(action: lsp.CodeAction) -> list[lsp.TextEdit]:
    assert action.edit is not None
    if action.edit.document_changes:
        (change,) = action.edit.document_changes
        assert isinstance(change, lsp.TextDocumentEdit)
        return [e for e in change.edits if isinstance(e, lsp.TextEdit)]
    assert action.edit.changes is not None
    return list(next(iter(action.edit.changes.values())))


async def _actions(
    client: LanguageClient,
    uri: str,
    start: lsp.Position,
    end: lsp.Position,
    only: list[str] | None = None,
) -> list[lsp.CodeAction]:
    result = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=lsp.Range(start=start, end=end),
            context=lsp.CodeActionContext(diagnostics=[], only=only),
        )
    )
    return [a for a in result or [] if isinstance(a, lsp.CodeAction)]


async def test_open_change_fix_and_ignore_match_check(client: LanguageClient, site: Path) -> None:
    a, b = site / "articles" / "a.md", site / "articles" / "b.md"
    text = a.read_text(encoding="utf-8")

    # open: the findings check gives for the whole folder, duplicate slug (L002) included
    uri = _open(client, a)
    got = await diagnostics(client, uri, version=1)
    want = expected(site, a)
    assert {f.code for f in want} >= {"P001", "P002", "A001", "A002"}
    assert _as_check(got, text) == _wanted(want, text)
    uri_b = _open(client, b)
    got_b = await diagnostics(client, uri_b, version=1)
    assert "L002" in {d.code for d in got_b} | {d.code for d in got}
    assert _as_check(got_b, b.read_text(encoding="utf-8")) == _wanted(
        expected(site, b), b.read_text(encoding="utf-8")
    )

    # change (unsaved): another wrong number; the buffer, not the disk, is checked
    text = text.replace("today.\n", "today or 😀 (212) 555-0177.\n")
    count = len(published(client))
    _change(client, uri, 2, text)
    got = await diagnostics(client, uri, version=2, after=count)
    a.write_text(text, encoding="utf-8", newline="")
    assert _as_check(got, text) == _wanted(expected(site, a), text)

    # code action: the P002 quick fix, applied client-side, is the fix check --fix makes
    (p002,) = [d for d in got if d.code == "P002"]
    actions = await _actions(client, uri, p002.range.start, p002.range.end)
    (fix,) = [a for a in actions if a.kind == lsp.CodeActionKind.QuickFix and a.is_preferred]
    assert fix.is_preferred
    assert [d.code for d in fix.diagnostics or []] == ["P002"]
    fixed = apply_edits(text, _edits(fix))
    assert "Call us 😀 at 212-555-0100 today" in fixed
    assert fixed.replace("212-555-0100 today", "(212) 555-0100 today") == text
    count = len(published(client))
    _change(client, uri, 3, fixed)
    got = await diagnostics(client, uri, version=3, after=count)
    a.write_text(fixed, encoding="utf-8", newline="")
    assert "P002" not in {d.code for d in got}
    assert _as_check(got, fixed) == _wanted(expected(site, a), fixed)

    # ignore P001 on the body's first line: a comment line of its own above it, with a
    # reason; check agrees the finding is suppressed
    p001 = [d for d in got if d.code == "P001"]
    first = min(p001, key=lambda d: d.range.start.line)
    actions = await _actions(client, uri, first.range.start, first.range.end)
    (ignore,) = [a for a in actions if a.title.startswith("Ignore P001")]
    assert ignore.title == "Ignore P001 on this line (with a reason)"
    ignored = apply_edits(fixed, _edits(ignore))
    lines = ignored.splitlines()
    assert lines[first.range.start.line] == "<!-- pozo-site: ignore P001 -- REASON -->"
    assert lines[first.range.start.line + 1] == fixed.splitlines()[first.range.start.line]
    count = len(published(client))
    _change(client, uri, 4, ignored)
    got = await diagnostics(client, uri, version=4, after=count)
    a.write_text(ignored, encoding="utf-8", newline="")
    now = {d.range.start.line for d in got if d.code == "P001"}
    assert first.range.start.line + 1 not in now
    assert len(now) == len(p001) - 1
    assert _as_check(got, ignored) == _wanted(expected(site, a), ignored)


async def test_fix_all_in_file_is_what_fix_writes(client: LanguageClient, site: Path) -> None:
    a = site / "articles" / "a.md"
    text = a.read_text(encoding="utf-8").replace(
        "Not ours", "Also (212) 555-0100 and 1 (212) 555 0100. Not ours"
    )
    a.write_text(text, encoding="utf-8", newline="")
    uri = _open(client, a)
    got = await diagnostics(client, uri, version=1)
    assert sum(d.code == "P002" for d in got) == 3
    start, end = lsp.Position(line=0, character=0), lsp.Position(line=0, character=0)
    actions = await _actions(client, uri, start, end, only=[lsp.CodeActionKind.SourceFixAll])
    (fix_all,) = actions
    assert fix_all.kind == "source.fixAll.pozo-site"
    fixed = apply_edits(text, _edits(fix_all))

    from pozo_site.check import fix_paths, load_config

    config, _ = load_config(site)
    outcome = fix_paths([a], config, write=True)
    assert outcome.changes
    assert fixed == a.read_text(encoding="utf-8")


async def test_hover_on_phone_numbers(client: LanguageClient, site: Path) -> None:
    a = site / "articles" / "a.md"
    uri = _open(client, a)
    await diagnostics(client, uri, version=1)
    lines = a.read_text(encoding="utf-8").splitlines()
    line = next(n for n, t in enumerate(lines) if "(212) 555-0100" in t)
    column = lines[line].index("555-0100")
    hover = await client.text_document_hover_async(
        lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            position=lsp.Position(line=line, character=column + 2),  # 😀 is two units
        )
    )
    assert hover is not None
    assert isinstance(hover.contents, lsp.MarkupContent)
    value = hover.contents.value
    assert "One of the firm's numbers (Office)" in value
    assert "`+12125550100`" in value
    assert "`(212) 555-0100`" in value
    assert "`tel:+1-212-555-0100`" in value

    line = next(n for n, t in enumerate(lines) if "555-0142" in t)
    column = lines[line].index("555-0142") + 4  # two emoji: four UTF-16 units
    hover = await client.text_document_hover_async(
        lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            position=lsp.Position(line=line, character=column),
        )
    )
    assert hover is not None
    assert isinstance(hover.contents, lsp.MarkupContent)
    assert "Not one of the firm's numbers" in hover.contents.value

    nothing = await client.text_document_hover_async(
        lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            position=lsp.Position(line=1, character=2),
        )
    )
    assert nothing is None


async def test_completion_of_front_matter_keys(client: LanguageClient, site: Path) -> None:
    path = site / "articles" / "new.md"
    text = "---\ntitle: New\n\nimage:\n  \n---\nBody\n"
    uri = _open(client, path, text)
    await diagnostics(client, uri, version=1)

    async def labels(line: int, character: int) -> list[str]:
        result = await client.text_document_completion_async(
            lsp.CompletionParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                position=lsp.Position(line=line, character=character),
            )
        )
        assert isinstance(result, lsp.CompletionList)
        return [item.label for item in sorted(result.items, key=lambda i: i.sort_text or "")]

    top = await labels(2, 0)
    assert top[0] == "date"  # required keys first
    assert {"slug", "author", "summary", "tags", "updated"} <= set(top)
    assert "title" not in top
    assert "image" not in top
    assert await labels(4, 2) == ["src", "alt"]
    assert await labels(6, 0) == []  # the body


async def test_shutdown_and_exit(client: LanguageClient, site: Path) -> None:
    a = site / "articles" / "a.md"
    uri = _open(client, a)
    await diagnostics(client, uri, version=1)
    await client.shutdown_session()
    server = client._server
    assert server is not None
    assert server.returncode == 0


async def test_watched_files_keep_cross_file_rules_current(
    client: LanguageClient, site: Path
) -> None:
    watchers = await until(lambda: client.published.registrations)  # type: ignore[attr-defined]
    assert [r.method for r in watchers] == [lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    a, b = site / "articles" / "a.md", site / "articles" / "b.md"
    uri = _open(client, a)
    got = await diagnostics(client, uri, version=1)
    text = a.read_text(encoding="utf-8")
    assert _as_check(got, text) == _wanted(expected(site, a), text)

    # b.md is renamed on disk (not open): a.md's duplicate-slug finding follows
    b.write_text(OTHER_RENAMED, encoding="utf-8")
    count = len(published(client))
    client.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(
            changes=[lsp.FileEvent(uri=uri_of(b), type=lsp.FileChangeType.Changed)]
        )
    )
    got = await diagnostics(client, uri, after=count)
    assert _as_check(got, text) == _wanted(expected(site, a), text)

    # and a new article with the same slug, created on disk
    c = site / "articles" / "c.md"
    c.write_text(text.replace("Know Your Rights", "Know Your Rights"), encoding="utf-8")
    count = len(published(client))
    client.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(
            changes=[lsp.FileEvent(uri=uri_of(c), type=lsp.FileChangeType.Created)]
        )
    )
    got = await diagnostics(client, uri, after=count)
    assert _as_check(got, text) == _wanted(expected(site, a), text)


async def test_hostile_texts_never_kill_the_server(client: LanguageClient, site: Path) -> None:
    a = site / "articles" / "a.md"
    uri = _open(client, a)
    await diagnostics(client, uri, version=1)
    naughty = list(blns()[::11])
    texts = [
        *naughty,
        *(f"---\ntitle: {n}\nslug: {n}\ndate: {n}\n---\n{n} 212-555-{n}\n" for n in naughty),
        "\ufeff---\ntitle: x\n---\n\x00\ud800",
        "---\n" * 500,
        "\r" * 1000 + "😀" * 1000,
    ]
    anywhere = lsp.Range(
        start=lsp.Position(line=0, character=0), end=lsp.Position(line=9999, character=9999)
    )
    for version, text in enumerate(texts, start=2):
        count = len(published(client))
        _change(client, uri, version, text)
        await client.text_document_code_action_async(
            lsp.CodeActionParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                range=anywhere,
                context=lsp.CodeActionContext(diagnostics=[]),
            )
        )
        for position in (anywhere.start, anywhere.end, lsp.Position(line=1, character=3)):
            await client.text_document_hover_async(
                lsp.HoverParams(
                    text_document=lsp.TextDocumentIdentifier(uri=uri), position=position
                )
            )
            await client.text_document_completion_async(
                lsp.CompletionParams(
                    text_document=lsp.TextDocumentIdentifier(uri=uri), position=position
                )
            )
        got = await diagnostics(client, uri, version=version, after=count)
        assert all(d.source == "pozo-site" for d in got)
        assert not any("internal error" in d.message for d in got), text

    # an incremental change far outside the text, a document that is not content, a
    # document that is not a file: answered, not fatal
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=999),
            content_changes=[
                lsp.TextDocumentContentChangePartial(range=anywhere, text="---\ntitle: x\n")
            ],
        )
    )
    notes = _open(client, site / "notes.txt", "212-555-0142")
    untitled = "untitled:Untitled-1"
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(
                uri=untitled, language_id="markdown", version=1, text="212-555-0142"
            )
        )
    )
    for other in (notes, untitled):
        hover = await client.text_document_hover_async(
            lsp.HoverParams(
                text_document=lsp.TextDocumentIdentifier(uri=other),
                position=lsp.Position(line=0, character=1),
            )
        )
        assert hover is None
    client.text_document_did_close(
        lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=untitled))
    )

    # still alive, and still right
    text = a.read_text(encoding="utf-8")
    count = len(published(client))
    _change(client, uri, 1000, text)
    got = await diagnostics(client, uri, version=1000, after=count)
    assert _as_check(got, text) == _wanted(expected(site, a), text)
    assert not [m for m in client.log_messages if m.type == lsp.MessageType.Error]


async def test_close_and_save(client: LanguageClient, site: Path) -> None:
    a, b = site / "articles" / "a.md", site / "articles" / "b.md"
    uri_a, uri_b = _open(client, a), _open(client, b)
    await diagnostics(client, uri_b, version=1)
    # a's unsaved slug change clears b's duplicate; closing a unsaved brings it back
    text = a.read_text(encoding="utf-8")
    count = len(published(client))
    _change(client, uri_a, 2, text.replace("slug: know-your-rights", "slug: unsaved"))
    got_b = await diagnostics(client, uri_b, after=count)
    assert "L002" not in {d.code for d in got_b}
    count = len(published(client))
    client.text_document_did_close(
        lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri_a))
    )
    assert await diagnostics(client, uri_a, after=count) == []
    got_b = await diagnostics(client, uri_b, after=count)
    assert "L002" in {d.code for d in got_b}
    # saving the settings file checks the open documents again with the new settings
    (site / "pozo-site.toml").write_text(SETTINGS + 'ignore = ["L"]\n', encoding="utf-8")
    count = len(published(client))
    client.text_document_did_save(
        lsp.DidSaveTextDocumentParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri_of(site / "pozo-site.toml"))
        )
    )
    got_b = await diagnostics(client, uri_b, after=count)
    assert "L002" not in {d.code for d in got_b}
    # saving a document checks it at once
    count = len(published(client))
    client.text_document_did_save(
        lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri_b))
    )
    got_b = await diagnostics(client, uri_b, version=1, after=count)
    text_b = b.read_text(encoding="utf-8")
    assert _as_check(got_b, text_b) == _wanted(expected(site, b), text_b)


async def test_a_minimal_client_with_utf8_positions(
    minimal_client: LanguageClient, site: Path
) -> None:
    client = minimal_client
    a = site / "articles" / "a.md"
    text = a.read_text(encoding="utf-8")
    uri = _open(client, a)
    got = await diagnostics(client, uri, version=1)
    assert _as_check(got, text) == _wanted(expected(site, a), text, "utf-8")
    (p002,) = [d for d in got if d.code == "P002"]
    actions = await _actions(client, uri, p002.range.start, p002.range.end)
    (fix,) = [a for a in actions if a.is_preferred]
    assert fix.edit is not None
    assert fix.edit.document_changes is None  # the client did not offer versioned edits
    assert "Call us 😀 at 212-555-0100 today" in apply_edits(text, _edits(fix), "utf-8")

    # invalid settings: one diagnostic that says so, and the server carries on
    (site / "pozo-site.toml").write_text("no-such-key = 1\n", encoding="utf-8")
    count = len(published(client))
    _change(client, uri, 2, text)
    got = await diagnostics(client, uri, version=2, after=count)
    (problem,) = got
    assert problem.message.startswith("invalid pozo-site settings, nothing was checked: ")
    assert problem.severity == lsp.DiagnosticSeverity.Error
    assert problem.code is None
