"""``pozo-site schema``: the JSON Schemas editors use, valid and pinned."""

from __future__ import annotations

import datetime as dt
import io
import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from pozo_site import ConsultationRequest, default_firm
from pozo_site._frontmatter import split_front_matter
from pozo_site._schema import JSON_SCHEMA_DIALECT, SCHEMA_BY_NAME, build_schema
from pozo_site.cli import main

NAMES = ("article", "consultation", "firm")

# STYLE habit 10: the top-level properties of each exported schema change only on purpose.
PINNED_PROPERTIES = {
    "article": {"title", "slug", "date", "updated", "author", "summary", "tags", "image"},
    "consultation": {
        "name",
        "phone",
        "email",
        "preferred_contact",
        "preferred_language",
        "matter_type",
        "detained",
        "preferred_date",
        "message",
        "consent",
        "submitted_at",
    },
    "firm": {
        "name",
        "phones",
        "offer",
        "practice_areas",
        "areas_served",
        "credentials",
        "certifications",
        "advertising_notice",
        "offices",
        "email",
        "website",
        "languages",
        "social_profiles",
        "base_url",
        "timezone",
    },
}
PINNED_REQUIRED = {
    "article": {"title", "date"},
    "consultation": {"name", "matter_type", "consent"},
    "firm": {"name", "phones"},
}


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def printed(name: str) -> dict[str, Any]:
    code, out, err = run("schema", name)
    assert (code, err) == (0, "")
    schema: dict[str, Any] = json.loads(out)
    return schema


def validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        printed(name), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def as_editor_sees(value: Any) -> Any:
    """YAML as an editor's YAML 1.2 language server sees it: dates are plain strings."""
    return json.loads(json.dumps(value, default=lambda v: v.isoformat()))


def example_front_matter() -> dict[str, Any]:
    articles = resources.files("pozo_site").joinpath("data", "content", "articles")
    entry = next(e for e in articles.iterdir() if e.name.endswith(".md"))
    data = yaml.safe_load(split_front_matter(entry.read_text(encoding="utf-8")).yaml)
    assert isinstance(data["date"], dt.date)  # PyYAML reads dates; editors see strings
    result: dict[str, Any] = as_editor_sees(data)
    return result


def test_names_are_pinned() -> None:
    assert tuple(sorted(SCHEMA_BY_NAME)) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_printed_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = printed(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert (
        schema["$schema"] == JSON_SCHEMA_DIALECT == "https://json-schema.org/draft/2020-12/schema"
    )
    assert next(iter(schema)) == "$schema"
    assert "$id" not in schema
    assert schema["title"]
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert schema == build_schema(name)


@pytest.mark.parametrize("name", NAMES)
def test_top_level_properties_are_pinned(name: str) -> None:
    schema = printed(name)
    assert set(schema["properties"]) == PINNED_PROPERTIES[name]
    assert set(schema["required"]) == PINNED_REQUIRED[name]


def test_article_schema_is_front_matter_only() -> None:
    schema = printed("article")
    assert "body" not in schema["properties"]
    assert schema["title"] == "ArticleFrontMatter"
    slug, null = schema["properties"]["slug"]["anyOf"]
    assert slug["pattern"] == "^[a-z0-9]+(?:-[a-z0-9]+)*$"
    assert null == {"type": "null"}


def test_article_schema_accepts_what_the_model_accepts_for_slug() -> None:
    check = validator("article")
    base = {"title": "Know Your Rights", "date": "2024-05-01"}
    for slug in (None, "know-your-rights"):
        check.validate({**base, "slug": slug})
    assert not check.is_valid({**base, "slug": "Not A Slug"})


def test_shipped_firm_file_validates() -> None:
    text = resources.files("pozo_site").joinpath("data", "content", "firm.yaml").read_text("utf-8")
    validator("firm").validate(as_editor_sees(yaml.safe_load(text)))


def test_default_firm_dump_validates() -> None:
    validator("firm").validate(default_firm().model_dump(mode="json"))


def test_shipped_article_front_matter_validates() -> None:
    validator("article").validate(example_front_matter())


def test_consultation_dump_validates() -> None:
    request = ConsultationRequest(
        name="Ana Example",
        phone="(212) 555-0123",
        email="ana@example.com",
        matter_type="asylum",
        consent=True,
        submitted_at=dt.datetime(2026, 1, 5, 15, 0, tzinfo=dt.timezone.utc),
    )
    validator("consultation").validate(request.model_dump(mode="json"))


@pytest.mark.parametrize(
    ("change", "valid"),
    [
        ({}, True),
        ({"slug": None}, True),  # removed below: the slug is derived from the title
        ({"body": "text"}, False),
        ({"titel": "typo"}, False),
        ({"title": None}, False),
        ({"slug": "Not A Slug"}, False),
        ({"date": "2018-02-30"}, False),
        ({"date": "yesterday"}, False),
        ({"tags": "one"}, False),
        ({"image": {"src": "a.jpg"}}, False),
        ({"image": {"src": "a.jpg", "alt": ""}}, False),
        ({"image": {"src": "a.jpg", "alt": "A courthouse"}}, True),
    ],
)
def test_article_schema_accepts_and_refuses(change: dict[str, Any], valid: bool) -> None:
    data = {**example_front_matter(), **change}
    data = {key: value for key, value in data.items() if value is not None}
    errors = list(validator("article").iter_errors(data))
    assert (not errors) is valid, [error.message for error in errors]


def test_firm_schema_refuses_unknown_keys_and_missing_phones() -> None:
    check = validator("firm")
    firm = as_editor_sees(default_firm().model_dump(mode="json"))
    assert not list(check.iter_errors(firm))
    assert list(check.iter_errors({**firm, "adress": "typo"}))
    assert list(check.iter_errors({key: v for key, v in firm.items() if key != "phones"}))


def test_unknown_schema_name_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run("schema", "invoice")
    assert code == 2
    assert out == ""
    assert "invalid choice: 'invoice'" in capsys.readouterr().err  # argparse writes to stderr


# Keywords added after draft 7; the VS Code YAML extension's validator is draft 7 at heart,
# so the exported schemas stay within what it understands (docs/check.md says so).
NEWER_THAN_DRAFT_7 = {
    "prefixItems",
    "unevaluatedProperties",
    "unevaluatedItems",
    "$dynamicRef",
    "$dynamicAnchor",
    "$recursiveRef",
    "$anchor",
    "dependentRequired",
    "dependentSchemas",
    "minContains",
    "maxContains",
}


def keywords(value: Any) -> set[str]:
    """Every keyword used anywhere in a schema (property and $defs names excluded)."""
    found: set[str] = set()
    if isinstance(value, list):
        for item in value:
            found |= keywords(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            found.add(key)
            named = key in ("properties", "$defs") and isinstance(item, dict)
            for sub in item.values() if named else (item,):
                found |= keywords(sub)
    return found


@pytest.mark.parametrize("name", NAMES)
def test_schemas_use_no_keyword_newer_than_draft_7(name: str) -> None:
    schema = printed(name)
    assert not keywords(schema) & NEWER_THAN_DRAFT_7
    # $defs is not a draft-7 keyword, but "#/$defs/..." references are plain JSON
    # pointers, which a draft-7 validator follows.
    draft7 = {key: value for key, value in schema.items() if key != "$schema"}
    jsonschema.Draft7Validator.check_schema(draft7)


def test_draft_7_validator_agrees_on_the_examples() -> None:
    firm = as_editor_sees(default_firm().model_dump(mode="json"))
    for name, data in (("firm", firm), ("article", example_front_matter())):
        schema = {k: v for k, v in printed(name).items() if k != "$schema"}
        jsonschema.Draft7Validator(schema).validate(data)
        assert list(jsonschema.Draft7Validator(schema).iter_errors({**data, "typo": 1}))


def test_article_schema_follows_extra_keys_of_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pozo-site.toml").write_text('extra-keys = ["draft", "weight"]\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("schema", "article")
    assert code == 0
    schema = json.loads(out)
    check = jsonschema.Draft202012Validator(schema)
    data = {**example_front_matter(), "draft": True, "weight": 3}
    assert not list(check.iter_errors(data))
    assert list(check.iter_errors({**data, "layout": "wide"}))  # not listed: refused
    (tmp_path / "pozo-site.toml").write_text('extra-keys = ["date"]\n', "utf-8")
    code, out, _ = run("schema", "article")
    assert (code, out) == (2, "")
