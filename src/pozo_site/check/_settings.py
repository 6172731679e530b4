"""The effective settings of a run and where each came from (``--show-settings``).

Each setting is shown under its configuration key with its value, and its origin: the
built-in ``default``, the configuration file that set it (its path), or ``command line``
(``--select``, ``--ignore``, ``--extend-ignore``). A key counts as set by the file when
the file writes it or one of its ``extend-`` forms, even to the default value.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from pozo_site.check._config import Config, _read_table

__all__ = ["SettingOrigin", "describe_settings", "format_settings"]

# Configuration keys that set each field (the field's own kebab-case name is implied).
_KEYS: Final = {
    "select": ("select", "extend-select"),
    "ignore": ("ignore", "extend-ignore"),
    "severities": ("severity",),
    "exclude": ("exclude", "extend-exclude"),
    "results_phrases": ("results-phrases", "extend-results-phrases"),
}
_CLI_FIELDS: Final = frozenset({"select", "ignore"})
_NOT_SETTINGS: Final = frozenset({"base_dir", "today"})


@dataclass(frozen=True)
class SettingOrigin:
    """One setting: its configuration ``key``, its ``value`` (JSON-ready) and ``origin``."""

    key: str
    value: Any
    origin: str


def _plain(value: Any) -> Any:
    if isinstance(value, frozenset | set):
        return sorted(value)
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(k): _plain(v) for k, v in sorted(value.items())}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = ((f.name, getattr(value, f.name)) for f in dataclasses.fields(value))
        return {name: _plain(v) for name, v in fields if v is not None}
    if hasattr(value, "value") and isinstance(value.value, str):  # enums
        return value.value
    return value if value is None or isinstance(value, bool | int | str) else str(value)


def describe_settings(
    final: Config, config_file: Path | None, cli_fields: Iterable[str]
) -> list[SettingOrigin]:
    """Every setting of ``final`` with its origin; ``config_file`` is the file read (if
    any), ``cli_fields`` the fields the command line changed (``select``, ``ignore``)."""
    table = _read_table(config_file) if config_file is not None else None
    written = set(table or ())
    from_cli = set(cli_fields) & _CLI_FIELDS
    result = []
    for item in dataclasses.fields(Config):
        if item.name in _NOT_SETTINGS:
            continue
        keys = _KEYS.get(item.name, (item.name.replace("_", "-"),))
        key = "severity" if item.name == "severities" else keys[0]
        if item.name in from_cli:
            origin = "command line"
        elif config_file is not None and written & set(keys):
            origin = str(config_file)
        else:
            origin = "default"
        result.append(SettingOrigin(key, _plain(getattr(final, item.name)), origin))
    return result


def format_settings(settings: list[SettingOrigin], config_file: Path | None) -> str:
    """The settings as lines ``key = value  # origin`` (TOML values, as written in a
    configuration file), after a line naming the configuration file."""
    lines = [f"# configuration file: {config_file if config_file is not None else 'none'}"]
    for setting in settings:
        value = setting.value
        shown = "(all rules)" if value is None and setting.key == "select" else None
        if shown is None:
            shown = json.dumps(value, ensure_ascii=False) if value is not None else "(not set)"
        lines.append(f"{setting.key} = {shown}  # {setting.origin}")
    return "\n".join(lines) + "\n"
