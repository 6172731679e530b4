"""Configuration of the content checks: which rules run, their severities, the house style.

Settings come from ``[tool.pozo-site]`` in a ``pyproject.toml`` or from the top level of a
``pozo-site.toml``, the first found in the checked path's folder or above it (in one
folder, ``pozo-site.toml`` wins). Keys are kebab-case, as in ruff::

    [tool.pozo-site]
    select = ["P", "S001"]          # rule codes or family letters; default: every rule
    ignore = ["C003"]
    phone-style = "dashes"          # a PhoneStyle value: the house style for numbers
    exclude = ["drafts"]            # replaces the default exclusions; extend-exclude adds
    max-file-bytes = 1000000
    follow-links = false            # true: follow links that lead outside the folder
    extend-results-phrases = ["we recovered"]
    base-url = "https://www.example.com/blog/"   # where the articles live (JSON-LD URLs)
    extra-keys = ["draft", "weight"]  # a site's own front matter keys, values unchecked
    link-patterns = ["/posts/{slug}/"]  # site-absolute article addresses, checked (L005)
    link-ignore = ["/glossary/*"]       # link targets not checked
    other-numbers = [{ number = "1-800-555-0100", label = "Agency hotline" }]

    [tool.pozo-site.severity]
    L003 = "error"

An unknown key or rule code is a :class:`ConfigError`, so a typo never switches a rule off
silently.

>>> config = Config.default().override(ignore=["C"])
>>> config.enabled("C002"), config.enabled("P001"), config.severity("P002").value
(False, True, 'warning')
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

from pozo_site._errors import ConfigError, PhoneNumberError
from pozo_site._frontmatter import FRONT_MATTER_KEYS
from pozo_site._phone_kinds import DEFAULT_PHONE_MAX_BARE_DIGITS, DEFAULT_PHONE_STYLE, PhoneStyle
from pozo_site.check._finding import Severity
from pozo_site.check._registry import RULES
from pozo_site.check._rule import Family

if TYPE_CHECKING:  # a configuration that names numbers imports it (see _other_numbers)
    from pozo_site._phone import PhoneNumber

__all__ = [
    "CONFIG_FILE_NAMES",
    "DEFAULT_EXCLUDE",
    "DEFAULT_MAX_FILE_BYTES",
    "DEFAULT_PHONE_MAX_BARE_DIGITS",
    "DEFAULT_RESULTS_PHRASES",
    "Config",
    "OtherNumber",
    "load_config",
]

CONFIG_FILE_NAMES: Final = ("pozo-site.toml", "pyproject.toml")
"""Files searched for settings, in the order they are tried within one folder."""

DEFAULT_EXCLUDE: Final = (".*", "node_modules", "venv", "__pycache__")
"""Hidden files and folders (``.git``, ``.github``, ``.venv``) and tool folders; setting
``exclude`` replaces these, ``extend-exclude`` adds to them."""

DEFAULT_MAX_FILE_BYTES: Final = 1_000_000

_MAX_BARE_DIGITS_LIMIT: Final = 20

DEFAULT_RESULTS_PHRASES: Final = (
    "guaranteed results",
    "results guaranteed",
    "record of success",
    "winning record",
    "second to none",
    "top-rated",
    "top rated",
    "five-star",
    "5-star",
    "satisfied clients",
    "happy clients",
    "our clients say",
    "what our clients say",
)
"""Fixed phrases that speak of results, testimonials or service quality (NY Rule
7.1(d)/(e)), matched case-insensitively at word boundaries, except right after a negation
("no one can promise guaranteed results").

They add to the claim shapes C002 always reads (results, testimonials, comparisons: see
the rule's documentation); words whose meaning depends on the sentence ("#1", "track
record", "testimonial", "we won") are read as shapes, not listed here. Plain descriptions
of the firm's work ("we offer comprehensive help") are deliberately absent.
"""

_SEVERITY_NAMES: Final = {s.value: s for s in Severity}


def _check_selectors(values: Iterable[str], what: str, path: Path | None) -> frozenset[str]:
    if isinstance(values, str):
        raise ConfigError(f"{what} must be a list of rule codes, not a string", path=path)
    families = {f.value for f in Family}
    result = set()
    for value in values:
        if not isinstance(value, str):
            raise ConfigError(f"{what} holds {value!r}, which is not a rule code", path=path)
        code = value.strip().upper()
        if code not in RULES and code not in families:
            raise ConfigError(
                f"{what}: unknown rule code {value!r} (see `pozo-site rules`)", path=path
            )
        result.add(code)
    return frozenset(result)


@dataclass(frozen=True)
class OtherNumber:
    """A number that articles may cite on purpose but that is not the firm's: an agency's
    hotline, a court's information line (``other-numbers`` in the configuration).

    The phone rules do not report it as unknown (P001); it never enters the firm profile,
    so contact blocks never print it.

    >>> from pozo_site import PhoneNumber
    >>> OtherNumber(PhoneNumber.parse("1-800-555-0100"), "Agency hotline").number.e164
    '+18005550100'
    """

    number: PhoneNumber
    label: str | None = None
    """What the number is, named in findings about it."""


@dataclass(frozen=True)
class Config:
    """Every setting of the content checks, with defaults (see the module docstring)."""

    select: frozenset[str] | None = None
    """Rule codes and family letters to run; ``None`` runs every rule."""
    ignore: frozenset[str] = frozenset()
    """Rule codes and family letters not to run."""
    severities: Mapping[str, Severity] = field(
        default_factory=lambda: MappingProxyType({}), hash=False
    )
    """Per-code severity overrides."""
    phone_style: PhoneStyle = DEFAULT_PHONE_STYLE
    """The house style for phone numbers in content (``212-201-9031``, as the firm's
    article prints it). A firm number written as the firm's own vanity text
    (``1-88-VISA-LAW-1``) is accepted too, whatever the style."""
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    """Glob patterns of files and folders to skip. A pattern without ``/`` matches any one
    path component (``drafts``, ``*.tmp.md``); one with ``/`` matches the path relative to
    :attr:`base_dir` (or the content folder), where a match on a folder covers its files."""
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    """Files larger than this are reported (F009) and not read."""
    link_patterns: tuple[str, ...] = ()
    """Site-absolute URL shapes of articles, such as ``/posts/{slug}/``: a link that
    matches one is checked against the slugs of the content folder (L005)."""
    link_ignore: tuple[str, ...] = ()
    """Glob patterns of link targets L005 does not check (``/glossary/*``)."""
    extra_keys: tuple[str, ...] = ()
    """A site's own front matter keys (``draft``, ``weight``, ``layout``): allowed, their
    values unchecked."""
    results_phrases: tuple[str, ...] = DEFAULT_RESULTS_PHRASES
    """Fixed phrases that make an article need the prior-results disclaimer (C002), besides
    the claim shapes the rule always reads."""
    follow_links: bool = False
    """Whether to follow symbolic links that resolve outside the folder being checked;
    by default such a link is reported (F012) and not followed."""
    base_dir: Path | None = None
    """The folder of the configuration file, which ``exclude`` patterns are relative to."""
    today: dt.date | None = None
    """The date "future" is measured from (D003); ``None`` means ``date.today()``."""
    base_url: str | None = None
    """The address the site's articles live under (``base-url``), for absolute URLs in
    their JSON-LD; it takes precedence over the firm profile's ``base_url`` (J005)."""
    other_numbers: tuple[OtherNumber, ...] = ()
    """Numbers articles may cite that are not the firm's (not P001, never in contact blocks)."""
    other_numbers_style: bool = False
    """Whether the other numbers must be written in the house style too (P002)."""
    phone_max_bare_digits: int = DEFAULT_PHONE_MAX_BARE_DIGITS
    """Longest digit run without separators read as a phone number without a cue word
    (see :data:`DEFAULT_PHONE_MAX_BARE_DIGITS`)."""

    def __post_init__(self) -> None:
        if self.max_file_bytes < 1:
            raise ConfigError("max-file-bytes must be a positive number of bytes")
        if not 0 <= self.phone_max_bare_digits <= _MAX_BARE_DIGITS_LIMIT:
            raise ConfigError(
                f"phone-max-bare-digits must be a whole number from 0 to {_MAX_BARE_DIGITS_LIMIT}"
            )
        object.__setattr__(self, "severities", MappingProxyType(dict(self.severities)))
        for code in self.severities:
            if code not in RULES:
                raise ConfigError(f"severity: unknown rule code {code!r}")

    @classmethod
    def default(cls) -> Config:
        """Every rule on, default severities, house style ``dashes``."""
        return cls()

    def override(
        self,
        *,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] | None = None,
        extend_ignore: Iterable[str] | None = None,
    ) -> Config:
        """A copy with command-line choices applied: ``select`` and ``ignore`` replace the
        configured lists, ``extend_ignore`` adds to them. Raises :class:`ConfigError` for
        an unknown code."""
        changes: dict[str, Any] = {}
        if select is not None:
            changes["select"] = _check_selectors(select, "--select", None)
        new_ignore = self.ignore
        if ignore is not None:
            new_ignore = _check_selectors(ignore, "--ignore", None)
        if extend_ignore is not None:
            new_ignore = new_ignore | _check_selectors(extend_ignore, "--extend-ignore", None)
        changes["ignore"] = new_ignore
        return dataclasses.replace(self, **changes)

    def enabled(self, code: str) -> bool:
        """Whether rule ``code`` runs: the most specific of select and ignore decides (a
        code beats its family letter); when both name it equally, ignore wins."""
        family = code[:1]
        if code in self.ignore:
            return False
        if self.select is not None and code in self.select:
            return True
        if family in self.ignore:
            return False
        return self.select is None or family in self.select

    def severity(self, code: str) -> Severity:
        """The severity of rule ``code``: the configured override, else the rule's default."""
        override = self.severities.get(code)
        if override is not None:
            return override
        return RULES[code].severity

    @property
    def effective_today(self) -> dt.date:
        """:attr:`today`, or the real date when it is not set."""
        return self.today if self.today is not None else dt.date.today()


# -- reading files ---------------------------------------------------------------------

_LIST_KEYS: Final = {
    "select",
    "ignore",
    "extend-ignore",
    "extend-select",
    "exclude",
    "extend-exclude",
    "results-phrases",
    "extend-results-phrases",
    "extra-keys",
    "link-patterns",
    "link-ignore",
}
_KNOWN_KEYS: Final = _LIST_KEYS | {
    "phone-style",
    "max-file-bytes",
    "follow-links",
    "severity",
    "base-url",
    "other-numbers",
    "other-numbers-style",
    "phone-max-bare-digits",
}


def _base_url(value: Any, path: Path) -> str:
    from urllib.parse import urlsplit  # noqa: PLC0415 (a setting few files have)

    parts = urlsplit(value) if isinstance(value, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(
            "base-url must be an absolute http(s) URL, such as 'https://www.example.com/blog/'",
            path=path,
        )
    return str(value)


def _string_list(table: Mapping[str, Any], key: str, path: Path) -> list[str]:
    value = table[key]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{key} must be a list of strings", path=path)
    return list(value)


def _from_table(table: Mapping[str, Any], path: Path) -> Config:
    unknown = sorted(set(table) - _KNOWN_KEYS)
    if unknown:
        raise ConfigError(
            f"unknown setting {unknown[0]!r}; known: {', '.join(sorted(_KNOWN_KEYS))}", path=path
        )
    lists = {key: _string_list(table, key, path) for key in _LIST_KEYS if key in table}
    changes: dict[str, Any] = {"base_dir": path.parent}
    select = None
    if "select" in lists:
        select = _check_selectors(lists["select"], "select", path)
    if "extend-select" in lists:
        extra = _check_selectors(lists["extend-select"], "extend-select", path)
        select = None if select is None else select | extra
    changes["select"] = select
    ignore = _check_selectors(lists.get("ignore", []), "ignore", path)
    changes["ignore"] = ignore | _check_selectors(
        lists.get("extend-ignore", []), "extend-ignore", path
    )
    exclude = tuple(lists["exclude"]) if "exclude" in lists else DEFAULT_EXCLUDE
    changes["exclude"] = exclude + tuple(lists.get("extend-exclude", ()))
    phrases = (
        tuple(lists["results-phrases"]) if "results-phrases" in lists else DEFAULT_RESULTS_PHRASES
    )
    changes["results_phrases"] = phrases + tuple(lists.get("extend-results-phrases", ()))
    changes.update(_site_settings(lists, path))
    if "phone-style" in table:
        try:
            changes["phone_style"] = PhoneStyle(table["phone-style"])
        except ValueError:
            styles = ", ".join(s.value for s in PhoneStyle)
            raise ConfigError(f"phone-style must be one of: {styles}", path=path) from None
    if "max-file-bytes" in table:
        size = table["max-file-bytes"]
        if isinstance(size, bool) or not isinstance(size, int) or size < 1:
            raise ConfigError("max-file-bytes must be a positive integer", path=path)
        changes["max_file_bytes"] = size
    if "follow-links" in table:
        if not isinstance(table["follow-links"], bool):
            raise ConfigError("follow-links must be true or false", path=path)
        changes["follow_links"] = table["follow-links"]
    if "severity" in table:
        changes["severities"] = _severities(table["severity"], path)
    if "base-url" in table:
        changes["base_url"] = _base_url(table["base-url"], path)
    changes.update(_phone_settings(table, path))
    try:
        return Config(**changes)
    except ConfigError as error:
        raise ConfigError(error.message, path=path) from None


def _site_settings(lists: Mapping[str, list[str]], path: Path) -> dict[str, Any]:
    """``link-patterns``, ``link-ignore`` and ``extra-keys``, checked."""
    changes: dict[str, Any] = {}
    for pattern in lists.get("link-patterns", ()):
        if pattern.count("{slug}") != 1 or not pattern.startswith("/"):
            raise ConfigError(
                f"link-patterns: {pattern!r} must start with '/' and hold '{{slug}}' once",
                path=path,
            )
    changes["link_patterns"] = tuple(lists.get("link-patterns", ()))
    changes["link_ignore"] = tuple(lists.get("link-ignore", ()))
    if "extra-keys" in lists:
        reserved = sorted(set(lists["extra-keys"]) & {*FRONT_MATTER_KEYS, "body"})
        if reserved:
            raise ConfigError(
                f"extra-keys: '{reserved[0]}' is a front matter key of the model already",
                path=path,
            )
        changes["extra_keys"] = tuple(dict.fromkeys(lists["extra-keys"]))
    return changes


def _severities(value: Any, path: Path) -> dict[str, Severity]:
    if not isinstance(value, dict):
        raise ConfigError("severity must be a table of CODE = 'error' | 'warning'", path=path)
    result = {}
    for code, name in value.items():
        if code.upper() not in RULES:
            raise ConfigError(f"severity: unknown rule code {code!r}", path=path)
        if name not in _SEVERITY_NAMES:
            raise ConfigError(f"severity of {code}: must be 'error' or 'warning'", path=path)
        result[code.upper()] = _SEVERITY_NAMES[name]
    return result


def _phone_settings(table: Mapping[str, Any], path: Path) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if "other-numbers" in table:
        changes["other_numbers"] = _other_numbers(table["other-numbers"], path)
    if "other-numbers-style" in table:
        if not isinstance(table["other-numbers-style"], bool):
            raise ConfigError("other-numbers-style must be true or false", path=path)
        changes["other_numbers_style"] = table["other-numbers-style"]
    if "phone-max-bare-digits" in table:
        digits = table["phone-max-bare-digits"]
        if isinstance(digits, bool) or not isinstance(digits, int):
            raise ConfigError("phone-max-bare-digits must be a whole number", path=path)
        changes["phone_max_bare_digits"] = digits
    return changes


_OTHER_NUMBER_KEYS: Final = ("label", "number")


def _other_numbers(value: Any, path: Path) -> tuple[OtherNumber, ...]:
    """``other-numbers``: a list of ``{ number = "...", label = "..." }`` tables (a plain
    string is a number without a label), each a valid number, none repeated."""
    from pozo_site._phone import PhoneNumber  # noqa: PLC0415 (only where numbers are named)

    if not isinstance(value, list):
        raise ConfigError(
            'other-numbers must be a list such as [{ number = "1-800-555-0100", '
            'label = "Agency hotline" }]',
            path=path,
        )
    result: list[OtherNumber] = []
    first_entry: dict[PhoneNumber, int] = {}
    for index, item in enumerate(value, start=1):
        where = f"other-numbers entry {index}"
        entry = {"number": item} if isinstance(item, str) else item
        if not isinstance(entry, dict):
            raise ConfigError(
                f'{where} must be a table such as {{ number = "1-800-555-0100", '
                'label = "Agency hotline" }',
                path=path,
            )
        unknown = sorted(set(entry) - set(_OTHER_NUMBER_KEYS))
        if unknown:
            raise ConfigError(
                f"{where}: unknown key {unknown[0]!r}; known: {', '.join(_OTHER_NUMBER_KEYS)}",
                path=path,
            )
        text = entry.get("number")
        if text is None:
            raise ConfigError(f"{where} has no 'number'", path=path)
        if not isinstance(text, str):
            raise ConfigError(f"{where}: 'number' must be a string", path=path)
        label = entry.get("label")
        if label is not None and (not isinstance(label, str) or not label.strip()):
            raise ConfigError(f"{where}: 'label' must be a non-empty string", path=path)
        try:
            number = PhoneNumber.parse(text)
        except PhoneNumberError as error:
            raise ConfigError(
                f"{where}: 'number' {text!r} is not a valid phone number: {error.message}",
                path=path,
            ) from None
        if number in first_entry:
            raise ConfigError(
                f"{where}: 'number' {text!r} repeats entry {first_entry[number]}", path=path
            )
        first_entry[number] = index
        result.append(OtherNumber(number, label.strip() if label is not None else None))
    return tuple(result)


def _read_table(path: Path) -> Mapping[str, Any] | None:
    from pozo_site._toml import tomllib  # noqa: PLC0415 (a run without a file never needs it)

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise ConfigError(f"cannot read: {error.strerror or error}", path=path) from None
    except UnicodeDecodeError:
        raise ConfigError("the file is not UTF-8 text", path=path) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"invalid TOML: {error}", path=path) from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise ConfigError("[tool] must be a table", path=path)
        table = tool.get("pozo-site")
        if table is None:
            return None
        if not isinstance(table, dict):
            raise ConfigError("[tool.pozo-site] must be a table", path=path)
        return table
    return data


def load_config_file(path: Path) -> Config:
    """The settings of one named configuration file (the CLI's ``--config``).

    A ``pyproject.toml`` is read for its ``[tool.pozo-site]`` table (none: the defaults);
    any other name is read as a ``pozo-site.toml``, whose top level holds the settings.
    Raises :class:`ConfigError`.
    """
    path = Path(path)
    if not path.is_file():
        raise ConfigError("no such configuration file", path=path)
    table = _read_table(path)
    return Config.default() if table is None else _from_table(table, path)


def load_config(start: Path) -> tuple[Config, Path | None]:
    """The settings that apply to ``start`` (a file or folder) and the file they came from.

    Searches ``start``'s folder and every folder above it for ``pozo-site.toml`` or a
    ``pyproject.toml`` with a ``[tool.pozo-site]`` table; the first found is used alone.
    Returns ``(Config.default(), None)`` when there is none. Raises :class:`ConfigError`.
    """
    folder = Path(start).absolute()
    if not folder.is_dir():
        folder = folder.parent
    for candidate_folder in (folder, *folder.parents):
        for name in CONFIG_FILE_NAMES:
            candidate = candidate_folder / name
            if candidate.is_file():
                table = _read_table(candidate)
                if table is not None:
                    return _from_table(table, candidate), candidate
    return Config.default(), None
