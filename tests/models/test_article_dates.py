"""Front matter dates: a date or a datetime, kept as written, with true messages."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from pozo_site import Article, default_firm
from pozo_site._article import is_earlier, parse_date_or_datetime
from pozo_site.render import article_jsonld

UTC = dt.timezone.utc


def _article(front: str) -> Article:
    return Article.from_markdown(f"---\ntitle: Know Your Rights\n{front}---\nBody\n")


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("2024-05-01", dt.date(2024, 5, 1)),
        ("2012-02-13 14:41:30+00:00", dt.datetime(2012, 2, 13, 14, 41, 30, tzinfo=UTC)),
        ("2012-02-13T14:41:30Z", dt.datetime(2012, 2, 13, 14, 41, 30, tzinfo=UTC)),
        ("2024-05-01 09:30", dt.datetime(2024, 5, 1, 9, 30)),
        (
            "'2024-05-01 09:30:00.5 -05:00'",
            dt.datetime(2024, 5, 1, 9, 30, 0, 500000, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
        ),
    ],
)
def test_a_date_or_datetime_is_kept_as_written(written: str, kept: dt.date) -> None:
    article = _article(f"date: {written}\n")
    assert article.date == kept
    assert type(article.date) is type(kept)
    assert Article.from_markdown(article.to_markdown()) == article


@pytest.mark.parametrize(
    ("value", "kind", "words"),
    [
        ("2024-05-01 25:00", "date_not_real", "is not a real calendar date and time"),
        ("'2024-02-30'", "date_not_real", "'2024-02-30' is not a real calendar date"),
        ("last week", "date_format", "'last week' is not a date"),
        ("20240501", "date_format", "not as a number"),
    ],
)
def test_a_wrong_value_gets_a_true_message(value: str, kind: str, words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        _article(f"date: {value}\n")
    (error,) = caught.value.errors()
    assert (error["loc"], error["type"]) == (("date",), kind)
    assert words in error["msg"]
    assert "real calendar" not in error["msg"] or kind == "date_not_real"


def test_updated_is_compared_by_instant_or_by_day() -> None:
    with pytest.raises(ValidationError) as caught:
        _article("date: 2024-05-01 10:00\nupdated: 2024-05-01 09:00\n")
    assert caught.value.errors()[0]["type"] == "updated_before_date"
    assert _article("date: 2024-05-01 10:00\nupdated: 2024-05-01\n").updated == dt.date(2024, 5, 1)
    aware = dt.datetime(2024, 5, 1, 10, tzinfo=UTC)
    assert not is_earlier(dt.datetime(2024, 5, 1, 9), aware)  # naive vs aware: same day
    assert is_earlier(dt.date(2024, 4, 30), aware)


def test_parse_keeps_yaml_values_and_refuses_other_types() -> None:
    moment = dt.datetime(2024, 5, 1, 9, tzinfo=UTC)
    assert parse_date_or_datetime(moment) is moment
    with pytest.raises(ValueError, match="not as a list"):
        parse_date_or_datetime([2024])


def test_jsonld_dates_carry_the_time_when_written() -> None:
    article = _article("date: 2012-02-13 14:41:30+00:00\n")
    data = article_jsonld(article, default_firm(), base_url="https://www.example.com/")
    assert data["datePublished"] == "2012-02-13T14:41:30+00:00"
    assert data["dateModified"] == "2012-02-13T14:41:30+00:00"
