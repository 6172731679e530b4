"""A consultation intake app: the firm's form, in English and Spanish, to the firm's inbox.

A small FastAPI app built on pozo-site's pieces:

- ``GET /consultation`` (``?lang=es`` for Spanish) shows the page: the firm's contact block
  and :func:`pozo_site.render.render_consultation_form`;
- ``POST /consultation`` reads the browser's form with
  :meth:`pozo_site.ConsultationRequest.from_form`; on problems it shows the form again
  (status 422) with every message beside its field; on success it sends the intake e-mail
  to the firm's staff and, when the visitor gave an e-mail address, an acknowledgement in
  the visitor's language, then redirects to ``/consultation/thanks``;
- a bot (honeypot filled, or a form sent faster than ``min_fill_seconds``) gets the same
  redirect, and nothing is sent.

CSRF: FastAPI and Starlette ship no CSRF protection; this app uses the signed
double-submit cookie of the OWASP CSRF cheat sheet (the pattern the middleware packages
``starlette-csrf`` and ``fastapi-csrf-protect`` implement): a random token, signed with the
app's secret, in a ``SameSite=Strict``, ``HttpOnly``, ``Secure`` cookie and in a hidden
field; a POST is refused (403) unless both are present, equal and correctly signed, and
its ``Origin`` (when sent) is the app's own.

Privacy: the log holds only the matter type and urgency, never what the visitor typed.

Run it (with ``pip install -e ".[dev]"`` and an SMTP server on localhost:1025)::

    POZO_INTAKE_SECRET=change-me-to-32-random-bytes uvicorn examples.intake_app:app

The secret comes from the environment (never from the repository); the test builds the
app with :func:`create_app` and its own settings.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import html
import logging
import os
import secrets
import smtplib
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any, Final

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from pozo_site import (
    ConsultationFormError,
    ConsultationRequest,
    FirmProfile,
    FormTimer,
    default_firm,
)
from pozo_site.render import (
    consultation_acknowledgement,
    consultation_email,
    render_consultation_form,
    render_contact_block,
)

__all__ = ["IntakeSettings", "create_app"]

log = logging.getLogger("intake_app")

CSRF_COOKIE: Final = "__Host-csrf"
"""The ``__Host-`` prefix makes browsers insist on ``Secure``, ``Path=/`` and no domain."""

_TITLES: Final = {"en": "Request a consultation", "es": "Solicite una consulta"}
_THANKS: Final = {
    "en": "Thank you. We received your request.",
    "es": "Gracias. Hemos recibido su solicitud.",
}


@dataclass(frozen=True)
class IntakeSettings:
    """What the app needs from its operator; :func:`settings_from_environment` reads them."""

    secret: bytes = field(repr=False)
    """Signs the CSRF tokens and the fill-time tokens; at least 16 random bytes."""
    intake_to: str = "intake@example.com"
    sender: str = "web@example.com"
    smtp_host: str = "localhost"
    smtp_port: int = 1025
    firm: FirmProfile = field(default_factory=default_firm)
    min_fill_seconds: float = 3.0
    send_acknowledgement: bool = True
    clock: Callable[[], float] = time.time
    """The current time in seconds (the test moves it instead of sleeping)."""


def settings_from_environment() -> IntakeSettings:
    """Settings from ``POZO_INTAKE_*`` environment variables (the secret is required)."""
    secret = os.environ.get("POZO_INTAKE_SECRET", "")
    if len(secret) < 16:
        raise RuntimeError("set POZO_INTAKE_SECRET to at least 16 random characters")
    return IntakeSettings(
        secret=secret.encode(),
        intake_to=os.environ.get("POZO_INTAKE_TO", "intake@example.com"),
        sender=os.environ.get("POZO_INTAKE_SENDER", "web@example.com"),
        smtp_host=os.environ.get("POZO_INTAKE_SMTP_HOST", "localhost"),
        smtp_port=int(os.environ.get("POZO_INTAKE_SMTP_PORT", "1025")),
    )


class _Csrf:
    """Signed double-submit tokens: ``nonce.signature``, HMAC-SHA256 with the secret."""

    def __init__(self, secret: bytes) -> None:
        self._key = hashlib.sha256(b"csrf:" + secret).digest()

    def _sign(self, nonce: str) -> str:
        return hmac.new(self._key, nonce.encode("ascii"), hashlib.sha256).hexdigest()

    def new(self) -> str:
        nonce = secrets.token_urlsafe(24)
        return f"{nonce}.{self._sign(nonce)}"

    def valid(self, token: str | None) -> bool:
        if not token or not token.isascii() or token.count(".") != 1:
            return False
        nonce, signature = token.split(".")
        return hmac.compare_digest(signature, self._sign(nonce))


def _locale(request: Request) -> str:
    return "es" if request.query_params.get("lang") == "es" else "en"


def _page(settings: IntakeSettings, locale: str, body: str) -> str:
    title = html.escape(_TITLES[locale])
    contact = render_contact_block(settings.firm, "html")
    return (
        f'<!DOCTYPE html>\n<html lang="{locale}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n"
        f"{contact}{body}</main>\n</body>\n</html>\n"
    )


def _send(settings: IntakeSettings, messages: list[EmailMessage]) -> None:
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=10) as smtp:
        for message in messages:
            smtp.send_message(message)


def create_app(settings: IntakeSettings) -> FastAPI:
    """The intake app for ``settings``."""
    app = FastAPI(title="Consultation intake", openapi_url=None)
    csrf = _Csrf(settings.secret)
    timer = FormTimer(settings.secret, min_seconds=settings.min_fill_seconds)

    def form_page(
        locale: str,
        *,
        values: Mapping[str, Any] | None = None,
        errors: ConsultationFormError | None = None,
        status: int = 200,
    ) -> HTMLResponse:
        token = csrf.new()
        form = render_consultation_form(
            settings.firm,
            action=f"/consultation?lang={locale}",
            values=values,
            errors=errors,
            locale=locale,
            csrf_token=token,
            form_token=timer.token(now=settings.clock()),
            now=dt.datetime.fromtimestamp(settings.clock(), tz=dt.timezone.utc),
        )
        response = HTMLResponse(_page(settings, locale, form), status_code=status)
        response.set_cookie(
            CSRF_COOKIE, token, httponly=True, secure=True, samesite="strict", path="/"
        )
        return response

    @app.get("/consultation")
    async def show_form(request: Request) -> HTMLResponse:
        return form_page(_locale(request))

    @app.post("/consultation")
    async def take_request(request: Request) -> Response:
        locale = _locale(request)
        origin = request.headers.get("origin")
        if origin is not None and origin != f"{request.url.scheme}://{request.url.netloc}":
            return PlainTextResponse("cross-site request refused", status_code=403)
        form = await request.form()
        cookie = request.cookies.get(CSRF_COOKIE)
        sent = form.get("csrf_token")
        if not (isinstance(sent, str) and cookie == sent and csrf.valid(sent)):
            return PlainTextResponse("the form has expired; reload the page", status_code=403)
        now = dt.datetime.fromtimestamp(settings.clock(), tz=dt.timezone.utc)
        try:
            consultation = ConsultationRequest.from_form(form, now=now, locale=locale, timer=timer)
        except ConsultationFormError as error:
            if error.spam:
                log.info("consultation form refused as spam")
                return RedirectResponse(f"/consultation/thanks?lang={locale}", status_code=303)
            log.info("consultation form with problems in: %s", ", ".join(error.codes))
            return form_page(locale, values=form, errors=error, status=422)
        messages = [
            consultation_email(
                consultation,
                to=settings.intake_to,
                sender=settings.sender,
                firm_name=settings.firm.name,
            )
        ]
        if settings.send_acknowledgement and consultation.email is not None:
            messages.append(
                consultation_acknowledgement(
                    consultation, firm=settings.firm, sender=settings.sender, locale=locale, now=now
                )
            )
        await run_in_threadpool(_send, settings, messages)
        log.info(
            "consultation request sent: matter=%s urgent=%s",
            consultation.matter_type.value,
            consultation.urgent,
        )
        return RedirectResponse(f"/consultation/thanks?lang={locale}", status_code=303)

    @app.get("/consultation/thanks")
    async def thanks(request: Request) -> HTMLResponse:
        locale = _locale(request)
        return HTMLResponse(_page(settings, locale, f"<p>{html.escape(_THANKS[locale])}</p>\n"))

    return app


def __getattr__(name: str) -> FastAPI:
    # ``uvicorn examples.intake_app:app`` builds the app from the environment on first use,
    # so that importing this module (the test does) needs no secret.
    if name == "app":
        return create_app(settings_from_environment())
    raise AttributeError(name)
