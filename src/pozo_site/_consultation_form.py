"""Reading a consultation form as a browser sends it, and the optional fill-time token.

Web frameworks hand over a submitted form as a mapping of strings, or as a multi-dict
(Starlette's ``FormData``, Werkzeug's ``MultiDict``) where a name can repeat. Browsers
send an empty optional field as an empty string, a ticked checkbox as its ``value``
(``on`` unless the page says otherwise) and an unticked one not at all, and a date from
``<input type="date">`` as ``YYYY-MM-DD``. :func:`read_form` turns that into the plain
values :class:`~pozo_site.ConsultationRequest` validates. No I/O.

>>> read_form({"name": "  Ana Example ", "email": "", "consent": "on", "x": "1"})
{'name': 'Ana Example', 'detained': False, 'consent': True}

:class:`FormTimer` makes and checks a signed timestamp (HMAC-SHA256 with the app's
secret) that the form carries, so that a submission faster than a person can type is
recognised as a bot's:

>>> timer = FormTimer(b"a secret of the app, at least 16 bytes", min_seconds=3)
>>> token = timer.token(now=1_800_000_000)
>>> timer.is_human(token, now=1_800_000_010), timer.is_human(token, now=1_800_000_001)
(True, False)
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Protocol

__all__ = [
    "CHECKBOX_FIELDS",
    "FORM_FIELDS",
    "HONEYPOT_FIELD",
    "TEXT_FIELDS",
    "TIMER_FIELD",
    "FormTimer",
    "first_value",
    "is_checked",
    "is_spam_trap_filled",
    "read_form",
    "timer_token",
]

TEXT_FIELDS: Final = (
    "name",
    "phone",
    "email",
    "preferred_contact",
    "preferred_language",
    "matter_type",
    "preferred_date",
    "message",
)
"""The form fields read as text (surrounding white space trimmed; empty = not given)."""

CHECKBOX_FIELDS: Final = ("detained", "consent")
"""The form's checkboxes: true when sent with a value in :data:`_CHECKED`."""

FORM_FIELDS: Final = TEXT_FIELDS + CHECKBOX_FIELDS
"""Every field a consultation form sends to :meth:`ConsultationRequest.from_form`."""

HONEYPOT_FIELD: Final = "website"
"""The honeypot: hidden from people (and assistive technology), left empty by them."""

TIMER_FIELD: Final = "form_started"
"""The hidden field that carries a :class:`FormTimer` token."""

_CHECKED: Final = frozenset({"on", "true", "1", "yes"})
_MAX_VALUE_CHARS: Final = 20_000
"""Longer form values are cut here before any other work (the model refuses them)."""


class _MultiDict(Protocol):
    def getlist(self, key: str) -> list[Any]: ...


def _values(form: Mapping[str, Any] | _MultiDict, name: str) -> list[str]:
    """Every text value sent under ``name``, trimmed, empty ones left out."""
    getlist = getattr(form, "getlist", None)
    if callable(getlist):
        raw = list(getlist(name))
    elif isinstance(form, Mapping) and name in form:
        value = form[name]
        raw = list(value) if isinstance(value, (list, tuple)) else [value]
    else:
        raw = []
    # Values that are not text (an uploaded file under a text field's name) are not
    # answers a person typed into this form.
    texts = (v[: _MAX_VALUE_CHARS + 1].strip() for v in raw if isinstance(v, str))
    return [text for text in texts if text]


def first_value(form: Mapping[str, Any] | _MultiDict, name: str) -> str | None:
    """The first non-empty value sent under ``name``, trimmed; ``None`` when there is none."""
    values = _values(form, name)
    return values[0] if values else None


def is_checked(form: Mapping[str, Any] | _MultiDict, name: str) -> bool:
    """Whether the checkbox ``name`` was sent ticked (``on``, ``true``, ``1``, ``yes``)."""
    return any(v.lower() in _CHECKED for v in _values(form, name))


def is_spam_trap_filled(form: Mapping[str, Any] | _MultiDict) -> bool:
    """Whether the honeypot field holds anything (people never see it)."""
    getlist = getattr(form, "getlist", None)
    if callable(getlist):
        raw = list(getlist(HONEYPOT_FIELD))
    elif isinstance(form, Mapping):
        raw = [form.get(HONEYPOT_FIELD)]
    else:
        raw = []
    return any(v is not None and (not isinstance(v, str) or v.strip()) for v in raw)


def timer_token(form: Mapping[str, Any] | _MultiDict) -> str | None:
    """The fill-time token the form sent, if any."""
    return first_value(form, TIMER_FIELD)


def read_form(form: Mapping[str, Any] | _MultiDict) -> dict[str, Any]:
    """The request's fields from a submitted form, as browsers mean them.

    Text fields: the first non-empty value, trimmed; a field sent empty is left out (not
    given). Checkboxes: ``True`` when any value sent is ``on``, ``true``, ``1`` or
    ``yes`` (any case), else ``False``. Unknown fields (and ``submitted_at``) are ignored.
    """
    data: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        value = first_value(form, name)
        if value is not None:
            data[name] = value
    for name in CHECKBOX_FIELDS:
        data[name] = is_checked(form, name)
    return data


@dataclass(frozen=True)
class FormTimer:
    """A signed timestamp in the form, to refuse submissions faster than a person types.

    ``secret`` (at least 16 bytes) is the app's own, kept out of the page and the
    repository (an environment variable or a secrets store); ``min_seconds`` is the
    shortest time a person takes to fill in the form; ``max_seconds`` the longest a
    rendered form stays valid. Put :meth:`token` into the form's :data:`TIMER_FIELD`
    (``render_consultation_form(..., form_token=timer.token())``) and pass the timer to
    :meth:`~pozo_site.ConsultationRequest.from_form`: a token that is missing, forged,
    too recent or too old marks the submission as spam.
    """

    secret: bytes = field(repr=False)
    min_seconds: float = 3.0
    max_seconds: float = 24 * 3600.0

    def __post_init__(self) -> None:
        if not isinstance(self.secret, bytes) or len(self.secret) < 16:
            raise ValueError("FormTimer needs a secret of at least 16 bytes")
        if not 0 <= self.min_seconds < self.max_seconds:
            raise ValueError("FormTimer needs 0 <= min_seconds < max_seconds")

    def _signature(self, stamp: str) -> str:
        return hmac.new(self.secret, stamp.encode("ascii"), hashlib.sha256).hexdigest()

    def token(self, *, now: float | None = None) -> str:
        """A token for a form rendered at ``now`` (seconds since the epoch; default: now)."""
        stamp = str(int(time.time() if now is None else now))
        return f"{stamp}.{self._signature(stamp)}"

    def is_human(self, token: str | None, *, now: float | None = None) -> bool:
        """Whether ``token`` is genuine and its form was filled in within the bounds."""
        if not isinstance(token, str) or token.count(".") != 1:
            return False
        stamp, signature = token.split(".")
        if not (stamp.isascii() and stamp.isdigit() and len(stamp) <= 12 and signature.isascii()):
            return False
        if not hmac.compare_digest(signature, self._signature(stamp)):
            return False
        elapsed = (time.time() if now is None else now) - int(stamp)
        return self.min_seconds <= elapsed <= self.max_seconds
