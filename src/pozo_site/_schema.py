"""The JSON Schemas pozo-site exports for editors (``pozo-site schema``): pure, no I/O.

JSON Schema draft 2020-12 as pydantic generates it for validation, with ``$schema`` added
and no ``$id`` (where the file ends up is the user's choice). For ``article`` the schema is
that of the front matter only, since that is what an editor validates: no ``body``
property, unknown keys refused, and ``slug`` optional (absent or null) because it is
derived from the title.

>>> sorted(build_schema("article")["properties"])[:3]
['author', 'date', 'image']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any, Final

# Each builder imports its model: naming the schemas (``pozo-site schema``'s choices)
# builds no model.

__all__ = ["JSON_SCHEMA_DIALECT", "SCHEMA_BY_NAME", "build_schema"]

JSON_SCHEMA_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"


def _with_dialect(schema: dict[str, Any]) -> dict[str, Any]:
    return {"$schema": JSON_SCHEMA_DIALECT, **schema}


def _firm() -> dict[str, Any]:
    from pozo_site._firm import FirmProfile  # noqa: PLC0415 (see the imports)

    return _with_dialect(FirmProfile.model_json_schema(mode="validation"))


def _consultation() -> dict[str, Any]:
    from pozo_site._consultation import ConsultationRequest  # noqa: PLC0415 (as above)

    return _with_dialect(ConsultationRequest.model_json_schema(mode="validation"))


def _article_front_matter(extra_keys: Iterable[str] = ()) -> dict[str, Any]:
    from pozo_site._article import Article  # noqa: PLC0415 (as above)

    schema = Article.model_json_schema(mode="validation")
    properties = {key: value for key, value in schema["properties"].items() if key != "body"}
    for key in extra_keys:  # a site's own keys (extra-keys): any value
        properties.setdefault(key, {"description": "A key of the site's own (extra-keys)."})
    # slug may be absent or null (the model derives it from the title either way).
    properties["slug"] = {"anyOf": [properties["slug"], {"type": "null"}]}
    required = [key for key in schema.get("required", ()) if key not in ("body", "slug")]
    schema = {
        **schema,
        "title": "ArticleFrontMatter",
        "description": (
            "The YAML front matter of a pozo-site article: the keys between the '---' lines "
            "at the top of the Markdown file. 'slug' is derived from the title when absent."
        ),
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
    return _with_dialect(schema)


SCHEMA_BY_NAME: Final[Mapping[str, Callable[[], dict[str, Any]]]] = MappingProxyType(
    {"firm": _firm, "article": _article_front_matter, "consultation": _consultation}
)
"""How to build each exported schema, by the name ``pozo-site schema`` takes."""


def build_schema(name: str, *, extra_keys: Iterable[str] = ()) -> dict[str, Any]:
    """The JSON Schema ``pozo-site schema NAME`` prints (``firm``, ``article`` or
    ``consultation``); for ``article``, ``extra_keys`` are allowed too, with any value."""
    if name == "article":
        return _article_front_matter(extra_keys)
    return SCHEMA_BY_NAME[name]()
