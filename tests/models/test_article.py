"""Article: front matter, slugs, dates, derived helpers, Markdown round trip."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from pozo_site import (
    FRONT_MATTER_KEYS,
    Article,
    example_articles,
    make_slug,
)

DOC = """---
title: Know Your Rights at a Checkpoint
date: 2024-05-01
updated: 2024-06-01
author: Ana Example
summary: What to say, and what not to.
tags: [rights, checkpoints]
image:
  src: /images/checkpoint.jpg
  alt: A road checkpoint at night
---
Intro paragraph with *emphasis*.

## Before You Go

Carry your documents.

### If Stopped

Stay calm and `ask` for a lawyer.

```
code blocks are not words here
```
"""


def test_reads_every_front_matter_key() -> None:
    article = Article.from_markdown(DOC)
    assert article.title == "Know Your Rights at a Checkpoint"
    assert article.slug == "know-your-rights-at-a-checkpoint"
    assert article.date == dt.date(2024, 5, 1)
    assert article.updated == dt.date(2024, 6, 1)
    assert article.author == "Ana Example"
    assert article.summary == "What to say, and what not to."
    assert article.tags == ("rights", "checkpoints")
    assert article.image is not None
    assert article.image.alt == "A road checkpoint at night"
    assert article.body.startswith("Intro paragraph")
    assert set(article.front_matter()) == set(FRONT_MATTER_KEYS)


def test_sections_word_count_reading_time() -> None:
    article = Article.from_markdown(DOC)
    assert [(s.level, s.title, s.anchor) for s in article.sections] == [
        (2, "Before You Go", "before-you-go"),
        (3, "If Stopped", "if-stopped"),
    ]
    assert [s.line for s in article.sections] == [3, 7]
    # Intro paragraph with emphasis (4) + Before You Go (3) + Carry your documents (3)
    # + If Stopped (2) + Stay calm and ask for a lawyer (7); the code block is not counted.
    assert article.word_count == 19
    assert article.reading_time == dt.timedelta(minutes=1)


def test_reading_time_scales_and_is_zero_for_empty_body() -> None:
    long = Article(title="T", date=dt.date(2024, 1, 1), body="word " * 461)
    assert long.reading_time == dt.timedelta(minutes=3)
    assert Article(title="T", date=dt.date(2024, 1, 1)).reading_time == dt.timedelta(0)


def test_round_trip() -> None:
    article = Article.from_markdown(DOC)
    text = article.to_markdown()
    assert Article.from_markdown(text) == article
    assert text.startswith("---\ntitle: Know Your Rights at a Checkpoint\nslug:")


def test_round_trip_of_awkward_values() -> None:
    article = Article(
        title="yes: no # not a comment",
        slug="awkward",
        date=dt.date(2024, 1, 1),
        summary="'quoted' \"double\" {braces} [brackets] & *stars* --- | >",
        tags=("null", "1.5", "@at"),
        body="---\nnot front matter\n---\n",
    )
    again = Article.from_markdown(article.to_markdown())
    assert again == article


def test_bom_and_crlf_are_accepted() -> None:
    text = "\ufeff" + DOC.replace("\n", "\r\n")
    article = Article.from_markdown(text)
    assert article.title == "Know Your Rights at a Checkpoint"
    assert "\r" not in article.body


def test_slug_is_derived_with_python_slugify() -> None:
    article = Article.from_markdown(
        "---\ntitle: Él Niño & the I-130 Form!\ndate: 2024-01-01\n---\n"
    )
    assert article.slug == "el-nino-the-i-130-form"
    assert make_slug("NYPD Receives and Denies 1,526 Detainer Requests from ICE in 2017") == (
        "nypd-receives-and-denies-1526-detainer-requests-from-ice-in-2017"
    )


@pytest.mark.parametrize(
    "slug", ["Has Caps", "double--hyphen", "-lead", "trail-", "a_b", "x" * 101]
)
def test_invalid_slugs(slug: str) -> None:
    with pytest.raises(ValidationError) as info:
        Article(title="T", slug=slug, date=dt.date(2024, 1, 1))
    assert info.value.errors()[0]["type"] == "slug_invalid"


def test_title_without_slug_material_needs_a_slug() -> None:
    with pytest.raises(ValidationError) as info:
        Article.model_validate({"title": "\U0001f600", "date": "2024-01-01"})
    assert info.value.errors()[0]["loc"] == ("slug",)


def test_updated_cannot_precede_date() -> None:
    with pytest.raises(ValidationError) as info:
        Article(title="T", date=dt.date(2024, 2, 1), updated=dt.date(2024, 1, 1))
    assert info.value.errors()[0]["type"] == "updated_before_date"


def test_image_needs_alt_text() -> None:
    with pytest.raises(ValidationError) as info:
        Article.model_validate(
            {"title": "T", "date": "2024-01-01", "image": {"src": "/a.jpg", "alt": "  "}}
        )
    assert info.value.errors()[0]["loc"] == ("image", "alt")
    with pytest.raises(ValidationError) as info:
        Article.model_validate({"title": "T", "date": "2024-01-01", "image": {"src": "/a.jpg"}})
    assert info.value.errors()[0]["loc"] == ("image", "alt")


def test_duplicate_tags_rejected() -> None:
    with pytest.raises(ValidationError) as info:
        Article(title="T", date=dt.date(2024, 1, 1), tags=("ICE", "ice"))
    assert info.value.errors()[0]["type"] == "tags_not_unique"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("no front matter", "front_matter_missing"),
        ("", "front_matter_missing"),
        ("---\ntitle: T\n", "front_matter_unterminated"),
        ("---\n- a\n---\n", "front_matter_not_mapping"),
        ("---\ntitle: [\n---\n", "yaml_syntax"),
        ("---\na: &a [1]\nb: *a\n---\n", "yaml_alias"),
        ("---\nbody: x\n---\n", "front_matter_body_key"),
        ("---\ntitle: T\ndate: 2018-02-31\n---\n", "yaml_syntax"),
    ],
)
def test_front_matter_problems_are_validation_errors(text: str, code: str) -> None:
    with pytest.raises(ValidationError) as info:
        Article.from_markdown(text)
    (error,) = info.value.errors()
    assert error["type"] == code
    assert error["loc"] == ("front_matter",)


def test_yaml_error_names_the_file_line() -> None:
    with pytest.raises(ValidationError, match="line 4"):
        Article.from_markdown("---\ntitle: T\ndate: [\n---\n")


def test_unknown_front_matter_keys_are_errors() -> None:
    with pytest.raises(ValidationError) as info:
        Article.from_markdown("---\ntitel: T\ndate: 2024-01-01\n---\n")
    types = {e["type"] for e in info.value.errors()}
    assert "extra_forbidden" in types


def test_body_keeps_newlines_and_loses_other_controls() -> None:
    article = Article(title="T", date=dt.date(2024, 1, 1), body="a\r\nb\tc\x00\x1b[31m")
    assert article.body == "a\nb\tc[31m"


def test_shipped_example_article() -> None:
    (article,) = example_articles()
    assert article.title == "NYPD Receives and Denies 1,526 Detainer Requests from ICE in 2017"
    assert [s.title for s in article.sections] == [
        "Protecting the Rights of Immigrants",
        "Blowback from ICE",
    ]
    assert article.author is None  # the seed page names no author
    assert "212-201-9031" in article.body
    assert Article.from_markdown(article.to_markdown()) == article


def test_a_title_written_on_two_lines_keeps_its_words_apart() -> None:
    article = Article.from_markdown("---\ntitle: |\n  Know Your\n  Rights\ndate: 2024-01-01\n---\n")
    assert article.title == "Know Your Rights"
    assert article.slug == "know-your-rights"


# -- Article ----------------------------------------------------------------------------


def _article(body: str) -> Article:
    return Article(title="T", date=dt.date(2024, 5, 1), body=body)


def test_derived_values_follow_a_copy_with_another_body() -> None:
    # Was: the parsed tokens sat in a cached_property, which model_copy carried over,
    # so the copy reported the original body's sections and word count.
    original = _article("## First\n\none two three\n")
    assert [s.title for s in original.sections] == ["First"]
    assert original.word_count == 4
    copy = original.model_copy(update={"body": "## Second\n\nfour\n"})
    assert [s.title for s in copy.sections] == ["Second"]
    assert copy.word_count == 2


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("\u65e5\u672c\u8a9e\u306e\u6587\u7ae0\u3067\u3059\u3002", 8),  # 日本語の文章です。
        ("\u4e2d\u6587\u6587\u7ae0", 4),  # 中文文章
        ("\u30ab\u30bf\u30ab\u30ca\u30fb\u30c6\u30b9\u30c8", 7),  # カタカナ・テスト: dot is no word
        ("\ud55c\uad6d\uc5b4 \ubb38\uc7a5", 2),  # Korean is written with spaces
        ("ICE \u79fb\u6c11 law", 4),  # mixed
        ("e-mail and don't 1,526 U.S.", 5),
    ],
)
def test_word_count_counts_each_han_character_and_kana(body: str, words: int) -> None:
    # Was: a whole run of Chinese or Japanese was one "word" (a long article read in
    # one minute).
    assert _article(body).word_count == words


def test_reading_time_of_a_long_chinese_article() -> None:
    article = _article("\u5b57" * 2300)
    assert article.word_count == 2300
    assert article.reading_time == dt.timedelta(minutes=10)


def test_section_anchors_are_unique_and_never_empty() -> None:
    # Was: two "Overview" headings both had the anchor "overview" (duplicate HTML ids),
    # and a heading of punctuation alone had the anchor "".
    article = _article("## Overview\n\n## Overview\n\n## Overview 1\n\n## !!!\n\n## ???\n")
    assert [s.anchor for s in article.sections] == [
        "overview",
        "overview-1",
        "overview-1-1",
        "section",
        "section-1",
    ]
