"""The shared base of pozo-site's models: frozen, strict about unknown keys."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = ["FrozenModel"]


class FrozenModel(BaseModel):
    """Immutable, and an unknown key is an error (a typo must not vanish silently).

    Each model builds its validator the first time it is used (``defer_build``), so that
    importing a model costs only the class.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True, defer_build=True)
