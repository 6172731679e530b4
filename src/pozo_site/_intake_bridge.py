"""The thin bridge from :class:`~pozo_site.ConsultationRequest`'s shortcuts to the render layer.

``ConsultationRequest.summary()`` and ``.to_email()`` are shortcuts for
:func:`pozo_site.render.consultation_summary` and :func:`pozo_site.render.consultation_email`.
A model must not import a renderer, so the builders are handed to this module instead: the
render layer's intake module installs them when it is imported
(:func:`install_intake_renderers`), and the package installs a loader that imports that
module the first time a shortcut needs it (:func:`install_intake_loader`), so importing
``pozo_site`` or ``pozo_site.render`` does no work for a shortcut nobody calls.
Standard library only; it imports nothing from pozo-site.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["install_intake_loader", "install_intake_renderers", "intake_email", "intake_summary"]


class _IntakeRenderers:
    """The staff summary and intake e-mail builders, and how to load them."""

    summary: Callable[[Any], str] | None = None
    email: Callable[..., Any] | None = None
    loader: Callable[[], None] | None = None


def install_intake_renderers(summary: Callable[[Any], str], email: Callable[..., Any]) -> None:
    """Give the shortcuts the builders they delegate to (the render layer calls this)."""
    _IntakeRenderers.summary = summary
    _IntakeRenderers.email = email


def install_intake_loader(loader: Callable[[], None]) -> None:
    """Set what to call, once a shortcut is used, when no builders are installed yet."""
    _IntakeRenderers.loader = loader


def _load() -> None:
    if _IntakeRenderers.summary is None or _IntakeRenderers.email is None:
        loader = _IntakeRenderers.loader
        if loader is not None:
            loader()


def intake_summary() -> Callable[[Any], str]:
    """The installed summary builder, loaded if need be; ``RuntimeError`` if there is none."""
    _load()
    if _IntakeRenderers.summary is None:
        raise RuntimeError("import pozo_site.render to build summaries")
    return _IntakeRenderers.summary


def intake_email() -> Callable[..., Any]:
    """The installed intake e-mail builder, loaded if need be; ``RuntimeError`` if none."""
    _load()
    if _IntakeRenderers.email is None:
        raise RuntimeError("import pozo_site.render to build e-mails")
    return _IntakeRenderers.email
