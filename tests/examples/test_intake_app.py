"""examples/intake_app.py end to end: browser-encoded POSTs in, e-mail out through real SMTP.

The app runs behind Starlette's TestClient (real HTTP semantics over httpx); its e-mail goes
to an aiosmtpd server on 127.0.0.1 that the test starts and stops; each received message is
parsed by the standard library and checked header by header.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import importlib.util
import logging
import socket
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlencode

import html5lib
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from starlette.testclient import TestClient

from pozo_site import ConsultationRequest
from pozo_site.render import consultation_summary

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "intake_app.py"
START = 1_800_000_000.0  # 2027-01-15 08:00 UTC
SECRET = b"test secret, not for production use"

# Unique markers in every personal field: none may reach a log record.
NAME = "Ana Mrkname Example"
PHONE = "(212) 555-0142"
EMAIL = "ana.mrkmail@example.com"
MESSAGE = "Mrkmessage: my brother was taken this morning"
MARKERS = ("Mrkname", "555-0142", "5550142", "mrkmail", "Mrkmessage")


def load_example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("intake_app", EXAMPLE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["intake_app"] = module
    spec.loader.exec_module(module)
    return module


intake_app = load_example()


@dataclass
class Inbox:
    """What the SMTP server received: (envelope sender, recipients, raw bytes)."""

    messages: list[tuple[str, list[str], bytes]] = field(default_factory=list)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        self.messages.append((str(envelope.mail_from), list(envelope.rcpt_tos), content))
        return "250 OK"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    handler = Inbox()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, ready_timeout=10)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


@dataclass
class Clock:
    now: float = START

    def __call__(self) -> float:
        return self.now


@dataclass
class App:
    client: TestClient
    inbox: Inbox
    clock: Clock

    def form(self, lang: str = "en") -> tuple[str, str, str]:
        """GET the form page: its HTML, the CSRF token and the fill-time token in it."""
        response = self.client.get(f"/consultation?lang={lang}")
        assert response.status_code == 200
        page = response.text
        return page, hidden(page, "csrf_token"), hidden(page, "form_started")

    def post(self, fields: list[tuple[str, str]], *, lang: str = "en", wait: float = 30) -> Any:
        """Fill in the form as a person would (``wait`` seconds) and submit it."""
        _, csrf, started = self.form(lang)
        self.clock.now += wait
        body = urlencode([("csrf_token", csrf), ("form_started", started), *fields])
        return self.client.post(
            f"/consultation?lang={lang}",
            content=body.encode("ascii"),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            follow_redirects=False,
        )

    def received(self) -> list[EmailMessage]:
        parsed = []
        for _, _, raw in self.inbox.messages:
            message = email.message_from_bytes(raw, policy=email.policy.default)
            assert isinstance(message, EmailMessage)
            parsed.append(message)
        return parsed


def hidden(page: str, name: str) -> str:
    tree = html5lib.parse(page, namespaceHTMLElements=False)
    (element,) = [e for e in tree.iter("input") if e.get("name") == name]
    value: str = element.get("value")
    return value


@pytest.fixture
def app(inbox: tuple[Inbox, int]) -> Iterator[App]:
    handler, port = inbox
    clock = Clock()
    settings = intake_app.IntakeSettings(
        secret=SECRET, smtp_host="127.0.0.1", smtp_port=port, clock=clock
    )
    with TestClient(intake_app.create_app(settings), base_url="https://testserver") as client:
        yield App(client, handler, clock)


GOOD = [
    ("name", f"  {NAME} "),
    ("phone", PHONE),
    ("email", EMAIL),
    ("preferred_contact", ""),
    ("matter_type", "detention"),
    ("detained", "yes"),
    ("preferred_date", "2027-01-20"),
    ("message", MESSAGE + "\r\nSecond line"),
    ("consent", "on"),
    ("website", ""),
    ("submitted_at", "2019-01-01T00:00:00Z"),  # spoofed: must be ignored
    ("utm_source", "newsletter"),  # unknown: ignored
]


def text_of(message: EmailMessage) -> str:
    """The decoded body with the wire's CRLF line ends read back as LF."""
    content: str = message.get_content()
    return content.replace("\r\n", "\n")


def app_records(records: list[logging.LogRecord]) -> list[str]:
    """What the app and the library logged (the test's own SMTP server logs the mail)."""
    return [r.getMessage() for r in records if not r.name.startswith("mail.log")]


def header_names(message: EmailMessage) -> list[str]:
    return sorted(message.keys())


def test_the_form_page_is_served_with_a_csrf_cookie(app: App) -> None:
    page, csrf, started = app.form()
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)
    assert '<html lang="en">' in page
    tree = html5lib.parse(page, namespaceHTMLElements=False)
    classes = [(e.get("class") or "").split() for e in tree.iter()]
    assert any("h-card" in c for c in classes)  # the contact block
    assert "Attorney Advertising" in page  # its notice, which is the page's job
    assert app.client.cookies.get("__Host-csrf") == csrf
    assert started.startswith(str(int(START)))


def test_a_good_request_reaches_the_inbox_and_the_requester(app: App, caplog: Any) -> None:
    caplog.set_level(logging.DEBUG)
    response = app.post(GOOD)
    assert response.status_code == 303
    assert response.headers["location"] == "/consultation/thanks?lang=en"
    assert app.client.get(response.headers["location"]).status_code == 200

    assert [(frm, to) for frm, to, _ in app.inbox.messages] == [
        ("web@example.com", ["intake@example.com"]),
        ("web@example.com", [EMAIL]),
    ]
    intake, thanks = app.received()
    submitted = intake["Date"].datetime
    assert submitted.timestamp() == START + 30  # the server's time, not the spoofed one

    assert header_names(intake) == sorted(
        [
            "Auto-Submitted",
            "Content-Transfer-Encoding",
            "Content-Type",
            "Date",
            "From",
            "Importance",
            "MIME-Version",
            "Message-ID",
            "Reply-To",
            "Subject",
            "To",
        ]
    )
    assert intake["Subject"] == "[URGENT] Consultation request: Detention (bond and release)"
    assert intake["From"].addresses[0].display_name == "Pozo Goldstein"
    assert intake["From"].addresses[0].addr_spec == "web@example.com"
    assert [a.addr_spec for a in intake["To"].addresses] == ["intake@example.com"]
    assert [a.addr_spec for a in intake["Reply-To"].addresses] == [EMAIL]
    assert intake["Auto-Submitted"] == "auto-generated"
    assert intake["Importance"] == "high"
    assert intake["Message-ID"].endswith("@example.com>")
    assert intake.get_content_type() == "text/plain"
    assert intake.get_content_charset() == "utf-8"
    expected = ConsultationRequest.model_validate(
        {
            "name": NAME,
            "phone": PHONE,
            "email": EMAIL,
            "matter_type": "detention",
            "detained": True,
            "preferred_date": "2027-01-20",
            "message": MESSAGE + "\nSecond line",
            "consent": True,
            "submitted_at": submitted,
        }
    )
    assert text_of(intake) == consultation_summary(expected) + "\n"

    assert thanks["Subject"] == "We received your consultation request: Pozo Goldstein"
    assert [a.addr_spec for a in thanks["To"].addresses] == [EMAIL]
    assert "Reply-To" not in thanks  # the default profile has no e-mail; never the requester
    assert thanks["Auto-Submitted"] == "auto-generated"
    assert thanks["Content-Language"] == "en"
    text = text_of(thanks)
    assert "Detention (bond and release)" in text
    assert "(212) 201-9031" in text  # urgent: the firm's number
    for marker in MARKERS:  # nothing the visitor typed is sent back
        assert marker not in text
    for line in b"\n".join(raw for _, _, raw in app.inbox.messages).split(b"\n"):
        assert len(line.rstrip(b"\r")) <= 998

    logged = app_records(caplog.records)
    assert "consultation request sent: matter=detention urgent=True" in logged
    for line in logged:
        for marker in MARKERS:
            assert marker not in line, line


def test_a_bad_request_shows_every_problem_and_sends_nothing(app: App, caplog: Any) -> None:
    caplog.set_level(logging.DEBUG)
    response = app.post(
        [
            ("name", "<script>alert(1)</script> Mrkname"),
            ("phone", ""),
            ("email", ""),
            ("matter_type", ""),
            ("preferred_date", "2027-01-01"),
            ("message", MESSAGE),
        ]
    )
    assert response.status_code == 422
    page = response.text
    tree = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)
    invalid = sorted(e.get("name") for e in tree.iter() if e.get("aria-invalid") == "true")
    assert invalid == ["consent", "email", "matter_type", "phone", "preferred_date"]
    summary = [a.get("href") for a in tree.iter("a") if (a.get("href") or "").startswith("#")]
    assert summary == [
        "#consultation-phone",
        "#consultation-matter-type",
        "#consultation-preferred-date",
        "#consultation-consent",
    ]
    (name,) = [e for e in tree.iter("input") if e.get("name") == "name"]
    assert name.get("value") == "<script>alert(1)</script> Mrkname"  # refilled, escaped
    assert "<script>alert" not in page
    assert app.inbox.messages == []
    logged = app_records(caplog.records)
    assert any(line.startswith("consultation form with problems in:") for line in logged)
    for line in logged:
        for marker in MARKERS:
            assert marker not in line, line


def test_a_spanish_request_is_answered_in_spanish(app: App) -> None:
    bad = app.post([("name", "Ana"), ("email", "ana@"), ("matter_type", "asylum")], lang="es")
    assert bad.status_code == 422
    assert '<html lang="es">' in bad.text
    assert "Escriba un correo electrónico válido" in bad.text
    assert "Para enviar su solicitud, acepte que le contactemos" in bad.text
    good = app.post(
        [
            ("name", "Ana Ejemplo"),
            ("email", EMAIL),
            ("preferred_contact", "email"),
            ("matter_type", "asylum"),
            ("consent", "on"),
        ],
        lang="es",
    )
    assert good.status_code == 303
    assert good.headers["location"] == "/consultation/thanks?lang=es"
    intake, thanks = app.received()
    assert intake["Subject"] == "Consultation request: Asylum"  # staff read English
    assert "Importance" not in intake
    assert thanks["Subject"] == "Hemos recibido su solicitud de consulta: Pozo Goldstein"
    assert thanks["Content-Language"] == "es"
    assert "Tema: Asilo." in text_of(thanks)
    assert "(correo electrónico)" in text_of(thanks)


@pytest.mark.parametrize(
    ("extra", "wait"),
    [
        ([("website", "https://spam.example.net")], 30),  # the honeypot, filled
        ([], 1),  # sent one second after the page was served
    ],
)
def test_a_bot_is_thanked_and_nothing_is_sent(
    app: App, extra: list[tuple[str, str]], wait: float
) -> None:
    fields = [pair for pair in GOOD if pair[0] != "website"] + extra
    response = app.post(fields, wait=wait)
    assert response.status_code == 303
    assert response.headers["location"] == "/consultation/thanks?lang=en"
    assert app.inbox.messages == []


def test_a_post_without_the_csrf_cookie_or_from_another_site_is_refused(app: App) -> None:
    _, csrf, started = app.form()
    app.clock.now += 30
    body = urlencode([("csrf_token", csrf), ("form_started", started), *GOOD])
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    cross_site = app.client.post(
        "/consultation", content=body, headers={**headers, "Origin": "https://evil.example.net"}
    )
    assert cross_site.status_code == 403
    app.client.cookies.clear()
    no_cookie = app.client.post("/consultation", content=body, headers=headers)
    assert no_cookie.status_code == 403
    app.client.cookies.set("__Host-csrf", "abc.def")
    forged = app.client.post(
        "/consultation", content=urlencode([("csrf_token", "abc.def"), *GOOD]), headers=headers
    )
    assert forged.status_code == 403
    assert app.inbox.messages == []


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("POZO_INTAKE_SECRET", raising=False)
    with pytest.raises(RuntimeError, match="POZO_INTAKE_SECRET"):
        intake_app.settings_from_environment()
    monkeypatch.setenv("POZO_INTAKE_SECRET", "x" * 32)
    monkeypatch.setenv("POZO_INTAKE_SMTP_PORT", "2525")
    assert intake_app.settings_from_environment().smtp_port == 2525
    assert intake_app.app.title == "Consultation intake"
    with pytest.raises(AttributeError):
        _ = intake_app.nothing_here
