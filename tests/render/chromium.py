"""A small DevTools-protocol client for Debian's headless Chromium, for the browser test.

Starts ``/usr/bin/chromium --headless`` on a free local port (``--remote-debugging-port=0``;
Chromium writes the port it chose into ``DevToolsActivePort`` in its profile folder), with
a new profile and every background service off, and talks to the page target over a
websocket (websocket-client). Only what the test needs: navigate, collect console errors,
read the accessibility tree, take a screenshot.
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import websocket

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
    "--window-size=960,800",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
)
_STARTUP_SECONDS = 60.0
_CALL_SECONDS = 60.0


def chromium_path() -> Path | None:
    """Debian's Chromium, or ``None`` where it is not installed."""
    if CHROMIUM.is_file():
        return CHROMIUM
    found = shutil.which("chromium")
    return Path(found) if found else None


class Page:
    """A page target driven over the DevTools protocol."""

    def __init__(self, url: str) -> None:
        self._socket = websocket.create_connection(url, timeout=_CALL_SECONDS, suppress_origin=True)
        self._ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Send a command and return its result; events that arrive meanwhile are kept."""
        ident = next(self._ids)
        self._socket.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = json.loads(self._socket.recv())
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            self.events.append(message)

    def wait_for(self, event: str) -> dict[str, Any]:
        """Wait for the next ``event`` (or return one already received)."""
        for message in self.events:
            if message.get("method") == event:
                return message
        while True:
            message = json.loads(self._socket.recv())
            self.events.append(message)
            if message.get("method") == event:
                return message

    def close(self) -> None:
        self._socket.close()

    def screenshot(self) -> bytes:
        """A PNG of the whole page (not only the viewport)."""
        metrics = self.call("Page.getLayoutMetrics")
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        width, height = int(size["width"]), int(size["height"])
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        data = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)
        return base64.b64decode(data["data"])


def _port(profile: Path, process: subprocess.Popen[bytes]) -> int:
    deadline = time.monotonic() + _STARTUP_SECONDS
    marker = profile / "DevToolsActivePort"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Chromium exited with status {process.returncode}")
        if marker.is_file():
            lines = marker.read_text(encoding="utf-8").splitlines()
            if lines and lines[0].isdigit():
                return int(lines[0])
        time.sleep(0.1)
    raise RuntimeError("Chromium did not open its DevTools port")


@contextmanager
def open_page(binary: Path) -> Iterator[Page]:
    """Start headless Chromium with a new profile and yield its first page (about:blank).

    Chromium runs in a process group of its own, and the whole group is ended on the way
    out: its helper processes (renderer, GPU, crash handler) can still write into the
    profile after the main process has exited, which once made removing the profile fail
    with "Directory not empty" in CI."""
    profile = Path(tempfile.mkdtemp(prefix="pozo-chromium-"))
    try:
        process = subprocess.Popen(
            [str(binary), *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        page: Page | None = None
        try:
            port = _port(profile, process)
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=30) as r:
                targets = json.load(r)
            target = next(t for t in targets if t.get("type") == "page")
            page = Page(target["webSocketDebuggerUrl"])
            yield page
        finally:
            if page is not None:
                page.close()
            _end_group(process)
    finally:
        _remove(profile)


def _end_group(process: subprocess.Popen[bytes]) -> None:
    """Terminate Chromium and every process of its group; kill what does not stop."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:  # pragma: no cover - a hung browser
        process.kill()
        process.wait()
    with contextlib.suppress(ProcessLookupError):  # helpers that outlived the main process
        os.killpg(process.pid, signal.SIGKILL)


def _remove(profile: Path) -> None:
    """Remove the profile folder, retrying a bounded number of times while a helper that
    was just killed may still be leaving files in it."""
    for _ in range(50):
        try:
            shutil.rmtree(profile)
        except FileNotFoundError:
            return
        except OSError:
            time.sleep(0.1)
        else:
            return
    shutil.rmtree(profile, ignore_errors=True)
