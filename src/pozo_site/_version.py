"""The package's version, written here and nowhere else (hatchling reads it for the metadata)."""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0.dev0"
