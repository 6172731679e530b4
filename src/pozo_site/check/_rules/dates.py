"""Date rules (D): real calendar dates, ``updated`` not before ``date``, none in the future."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from pydantic_core import PydanticCustomError

from pozo_site._article import is_earlier, parse_date_or_datetime
from pozo_site._locate import mapping_get
from pozo_site.check._codes.dates import DATE_INVALID, FUTURE_DATE, RULES, UPDATED_BEFORE_DATE
from pozo_site.check._finding import Finding
from pozo_site.check._rules._base import Checker, Context
from pozo_site.check._source import ArticleDoc

__all__ = ["CHECKERS", "DATE_INVALID", "FUTURE_DATE", "RULES", "UPDATED_BEFORE_DATE"]


_KEYS = ("date", "updated")


def _as_date(value: Any) -> dt.date | None:
    try:
        return parse_date_or_datetime(value)
    except PydanticCustomError:
        return None


def _day(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _check(doc: ArticleDoc, ctx: Context) -> Iterator[Finding]:
    offsets: dict[str, int] = {}
    for key in _KEYS:
        pair = mapping_get(doc.node, key)
        if pair is not None:
            offsets[key] = doc.node_offset(pair[1])
    invalid: set[str] = set()
    for error in doc.errors:
        loc = tuple(error["loc"])
        if loc[:1] and loc[0] in _KEYS and error["type"] != "missing":
            key = str(loc[0])
            invalid.add(key)
            yield doc.source.finding(DATE_INVALID, offsets.get(key, 0), f"{key}: {error['msg']}")
    dates = {key: _as_date(doc.data.get(key)) for key in _KEYS if key not in invalid}
    published, updated = dates.get("date"), dates.get("updated")
    if published is not None and updated is not None and is_earlier(updated, published):
        yield doc.source.finding(
            UPDATED_BEFORE_DATE,
            offsets.get("updated", 0),
            f"updated ({updated.isoformat()}) is before date ({published.isoformat()}); "
            "correct one of them",
        )
    today = ctx.today
    for key, when in dates.items():
        value = _day(when) if when is not None else None
        if value is not None and value > today:
            yield doc.source.finding(
                FUTURE_DATE,
                offsets.get(key, 0),
                f"{key} ({value.isoformat()}) is in the future (today is {today.isoformat()}); "
                "check the year",
            )


CHECKERS = (
    Checker(
        codes=(DATE_INVALID.code, UPDATED_BEFORE_DATE.code, FUTURE_DATE.code),
        article=_check,
    ),
)
