"""The example page in a real browser: Debian's headless Chromium, driven over DevTools.

Renders the page a web developer builds from the library (contact block, article, JSON-LD;
``tests/render/page.py``), opens it, and reads what assistive technology reads: the
accessibility tree. Each phone link's accessible name must contain its digits (WCAG 2.5.3:
the name holds the visible label, which for the vanity number holds the digits too), and
the page must log no console error. The screenshot the docs show is taken here; set
``POZO_SITE_UPDATE_SCREENSHOT=1`` to write it to ``docs/_static/example-page.png``
(committed, so that the docs build does not depend on a browser).

Chromium comes from ``apt-get install chromium`` (``.ci/install-system-deps``); the test
skips, saying so, only on a machine where it is not installed.
"""

from __future__ import annotations

import os
import re
import struct
from pathlib import Path
from typing import Any

import pytest

from pozo_site import PhoneNumber, default_firm
from tests.render.chromium import chromium_path, open_page
from tests.render.page import example_page

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "docs" / "_static" / "example-page.png"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _binary() -> Path:
    binary = chromium_path()
    if binary is None:
        pytest.skip(
            "Chromium is not installed here: `apt-get install chromium chromium-driver` "
            "(what .ci/install-system-deps runs) makes the browser test run"
        )
    return binary


def visit(html: str, folder: Path) -> dict[str, Any]:
    """Open ``html`` in headless Chromium: its links as the accessibility tree names them,
    every DevTools event received, and a screenshot of the whole page."""
    page_file = folder / "index.html"
    page_file.write_text(html, encoding="utf-8")
    with open_page(_binary()) as page:
        page.call("Runtime.enable")
        page.call("Log.enable")
        page.call("Page.enable")
        page.call("Accessibility.enable")
        page.call("Page.navigate", url=page_file.as_uri())
        page.wait_for("Page.loadEventFired")
        # A round trip after the load: console messages of the load have arrived by then.
        page.call("Runtime.evaluate", expression="document.readyState")
        links = []
        for node in page.call("Accessibility.getFullAXTree")["nodes"]:
            if node.get("role", {}).get("value") != "link" or node.get("ignored"):
                continue
            backend = node["backendDOMNodeId"]
            attributes = page.call("DOM.describeNode", backendNodeId=backend)["node"].get(
                "attributes", []
            )
            handle = page.call("DOM.resolveNode", backendNodeId=backend)["object"]["objectId"]
            text = page.call(
                "Runtime.callFunctionOn",
                functionDeclaration="function () { return this.textContent; }",
                objectId=handle,
                returnByValue=True,
            )["result"]["value"]
            links.append(
                {
                    "name": node.get("name", {}).get("value", ""),
                    "href": dict(zip(attributes[::2], attributes[1::2], strict=True)).get("href"),
                    "text": text,
                }
            )
        png = page.screenshot()
        events = list(page.events)
    return {"links": links, "events": events, "png": png}


@pytest.fixture(scope="module")
def browser_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("page")
    run = visit(example_page(), folder)
    (folder / "example-page.png").write_bytes(run["png"])
    if os.environ.get("POZO_SITE_UPDATE_SCREENSHOT"):
        SCREENSHOT.write_bytes(run["png"])
    return run


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def test_each_phone_link_is_named_with_its_digits(browser_run: dict[str, Any]) -> None:
    phone_links = [link for link in browser_run["links"] if str(link["href"]).startswith("tel:")]
    # The contact block's two numbers and the article's closing number.
    assert len(phone_links) == 3
    firm_numbers = default_firm().numbers
    for link in phone_links:
        number = PhoneNumber.parse(link["href"])
        assert number in firm_numbers
        national = str(number.as_phonenumbers().national_number)
        name = link["name"]
        assert national in _digits(name), link  # the digits a screen reader can say
        assert link["text"].strip() in name, link  # WCAG 2.5.3: the label is in the name
    vanity = next(link for link in phone_links if "VISA" in link["name"])
    assert vanity["name"] == "1-88-VISA-LAW-1 (888-472-5291)"


def _is_error(method: str | None, params: dict[str, Any]) -> bool:
    if method == "Runtime.exceptionThrown":
        return True
    if method == "Runtime.consoleAPICalled":
        return params.get("type") in ("error", "assert")
    return method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error"


def _console_errors(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e.get("params", {}) for e in events if _is_error(e.get("method"), e.get("params", {}))]


def test_the_page_logs_no_console_error(browser_run: dict[str, Any]) -> None:
    assert _console_errors(browser_run["events"]) == []


def test_console_errors_would_be_seen(tmp_path: Path) -> None:
    # The check above could pass by hearing nothing: a page with a script error is heard.
    page = "<!DOCTYPE html><html lang=en><title>x</title><script>missing()</script></html>"
    errors = _console_errors(visit(page, tmp_path)["events"])
    assert errors
    assert "missing" in str(errors[0])


def _png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG_SIGNATURE)
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_screenshot_is_a_whole_page(browser_run: dict[str, Any]) -> None:
    width, height = _png_size(browser_run["png"])
    assert width >= 600
    assert height > width  # the whole article, not only the first screen


def test_the_docs_carry_a_committed_screenshot() -> None:
    width, height = _png_size(SCREENSHOT.read_bytes())
    assert width >= 600
    assert height > width
