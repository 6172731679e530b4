"""What rule checks receive (:class:`Context`) and how they are declared (:class:`Checker`).

Plain records, light to import: the runner builds them, and the rules that span files
(:mod:`pozo_site.check._rules._spanning`) read :class:`ArticleRef`, also in a run whose
every file is a cache hit. :mod:`pozo_site.check._rules._base` re-exports them beside the
helpers the checks share.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from pozo_site.check._finding import Finding
from pozo_site.check._source import ArticleDoc, FirmDoc

if TYPE_CHECKING:
    from pozo_site._phone import PhoneNumber
    from pozo_site.check._config import Config

__all__ = ["ArticleCheck", "ArticleRef", "Checker", "Context", "FirmCheck"]


class ArticleRef(NamedTuple):
    """Another article of the same content folder."""

    path: str
    """Resolved absolute path (as :func:`os.path.realpath` gives it)."""
    display: str


@dataclass
class Context:
    """Everything a check may read besides the file itself."""

    config: Config
    firm: FirmDoc
    root: Path
    """The content folder (absolute)."""
    today: dt.date
    firm_numbers: Mapping[PhoneNumber, PhoneNumber] = field(default_factory=dict)
    """The firm's numbers, mapping each to the firm's own instance (which keeps its
    vanity text); empty when the firm profile is invalid."""

    def __post_init__(self) -> None:
        if not self.firm_numbers and self.firm.firm is not None:
            self.firm_numbers = {number: number for number in self.firm.firm.numbers}


ArticleCheck = Callable[[ArticleDoc, Context], Iterable[Finding]]
FirmCheck = Callable[[FirmDoc, Context], Iterable[Finding]]


class Checker(NamedTuple):
    """A check function and the rule codes it can report (it is skipped when all are off)."""

    codes: tuple[str, ...]
    article: ArticleCheck | None = None
    firm: FirmCheck | None = None
