"""The text cleaning types, the safe YAML loader and the front matter splitter."""

from __future__ import annotations

from typing import Annotated

import pytest
from pydantic import TypeAdapter, ValidationError

from pozo_site._frontmatter import FrontMatterError, split_front_matter
from pozo_site._text import MultiLine, SingleLine, Text
from pozo_site._yaml import MAX_DEPTH, YamlError, compose_yaml, load_yaml

SINGLE = TypeAdapter(SingleLine)
MULTI = TypeAdapter(MultiLine)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  Pozo Goldstein ", "Pozo Goldstein"),
        ("a\r\nb", "a b"),
        ("a\u2028b\u2029c\x85d", "a b c d"),
        ("tab\there", "tab here"),
        ("\x1b[31mred", "[31mred"),
        ("\u202eRTL mark kept", "\u202eRTL mark kept"),
        ("emoji \U0001f600 kept", "emoji \U0001f600 kept"),
    ],
)
def test_single_line(raw: str, clean: str) -> None:
    assert SINGLE.validate_python(raw) == clean


def test_multi_line() -> None:
    assert MULTI.validate_python("a\r\nb\rc\n\td\x00") == "a\nb\nc\n\td"
    assert MULTI.validate_python("") == ""


def test_lengths_are_checked_after_cleaning_and_raw_input_is_capped() -> None:
    short = TypeAdapter(Annotated[str, Text(max_length=3)])
    assert short.validate_python("\x00\x00abc\x00") == "abc"
    with pytest.raises(ValidationError) as info:
        short.validate_python("abcd")
    assert info.value.errors()[0]["type"] == "string_too_long"
    with pytest.raises(ValidationError) as info:
        short.validate_python("\x00" * 7)
    assert info.value.errors()[0]["ctx"] == {"max_length": 3}
    with pytest.raises(ValidationError) as info:
        short.validate_python("\x00\n")
    assert info.value.errors()[0]["type"] == "string_too_short"


def test_text_marker_checks_its_arguments() -> None:
    with pytest.raises(ValueError, match="max_length"):
        Text(max_length=0)
    with pytest.raises(ValueError, match="min_length"):
        Text(max_length=3, min_length=4)


def test_text_json_schema() -> None:
    schema = TypeAdapter(Annotated[str, Text(max_length=9)]).json_schema()
    assert schema == {"type": "string", "maxLength": 9, "minLength": 1}


BILLION_LAUGHS = "\n".join(
    [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        *(
            f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]"
            for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
        ),
    ]
)


def test_billion_laughs_is_refused() -> None:
    with pytest.raises(YamlError) as info:
        load_yaml(BILLION_LAUGHS)
    assert info.value.code == "yaml_alias"
    assert info.value.line == 1


def test_any_alias_is_refused() -> None:
    with pytest.raises(YamlError) as info:
        load_yaml("a: &x 1\nb: *x\n")
    assert info.value.code == "yaml_alias"


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(YamlError) as info:
        load_yaml("[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5))
    assert info.value.code == "yaml_too_deep"


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("a: [\n", "yaml_syntax", 2),
        ("a: 1\n---\nb: 2\n", "yaml_multiple_documents", 2),
        ("a: 2018-02-31\n", "yaml_syntax", None),
        ("a:\n\tb: 1\n", "yaml_syntax", 2),
    ],
)
def test_yaml_errors_have_codes_and_lines(text: str, code: str, line: int | None) -> None:
    with pytest.raises(YamlError) as info:
        load_yaml(text)
    assert info.value.code == code
    assert info.value.line == line


def test_compose_gives_node_positions() -> None:
    data, node = compose_yaml("title: Hello\nimage:\n  alt: Photo\n")
    assert data == {"title": "Hello", "image": {"alt": "Photo"}}
    assert node is not None
    image_value = node.value[1][1]
    alt_key = image_value.value[0][0]
    assert (alt_key.start_mark.line + 1, alt_key.start_mark.column + 1) == (3, 3)
    assert compose_yaml("") == (None, None)


def test_split_front_matter() -> None:
    parts = split_front_matter("\ufeff---\r\ntitle: T\r\ndate: 2024-01-01\r\n---\r\nBody\r\n")
    assert parts.bom
    assert parts.yaml == "title: T\r\ndate: 2024-01-01\r\n"
    assert parts.body == "Body\r\n"
    assert (parts.yaml_line, parts.body_line) == (2, 5)
    closed_with_dots = split_front_matter("---\ntitle: T\n...\n")
    assert closed_with_dots.body == ""


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "front_matter_missing"),
        ("title: T\n", "front_matter_missing"),
        ("---\na: 1", "front_matter_unterminated"),
    ],
)
def test_split_front_matter_errors(text: str, code: str) -> None:
    with pytest.raises(FrontMatterError) as info:
        split_front_matter(text)
    assert info.value.code == code
