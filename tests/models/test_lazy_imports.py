"""``import pozo_site`` loads no heavy module: each public name is imported on first use.

Each case runs in a fresh interpreter and asserts on ``sys.modules``: what a statement
loaded, never how long it took.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

import pozo_site
import pozo_site.render

HEAVY = ("markdown_it", "jinja2", "email_validator", "yaml")
"""Markdown, templates, e-mail validation and YAML: what a phone or firm tool must not pay."""


def output_of(code: str) -> str:
    """What ``code`` (dedented) prints when run in a new interpreter."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout


def loaded_after(code: str) -> list[str]:
    """The heavy top-level modules loaded once ``code`` has run in a new interpreter."""
    script = textwrap.dedent(code) + textwrap.dedent(
        f"""
        import json, sys
        heavy = {HEAVY!r}
        print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in heavy)))
        """
    )
    out = output_of(script)
    return sorted({name.split(".")[0] for name in json.loads(out.splitlines()[-1])})


@pytest.mark.parametrize(
    "statement",
    [
        "import pozo_site",
        "from pozo_site import PhoneNumber, FirmProfile",
        "from pozo_site import PhoneNumberConstraints, TollFreeNumber, NumberType, PhoneStyle",
        "import pozo_site.render",
        "import pozo_site, pozo_site.render; pozo_site.PozoSiteError, pozo_site.__version__",
    ],
)
def test_importing_loads_no_heavy_module(statement: str) -> None:
    assert loaded_after(statement) == []


def test_a_phone_and_firm_tool_loads_none_while_it_works() -> None:
    code = """
    from pydantic import TypeAdapter
    from pozo_site import FirmProfile, PhoneNumber, TollFreeNumber
    assert PhoneNumber("1-88-VISA-LAW-1").international == "+1 888-472-5291"
    assert TypeAdapter(TollFreeNumber).validate_python("+1 888 472 5291").is_toll_free
    assert "email" in FirmProfile.model_fields
    """
    assert loaded_after(code) == []


@pytest.mark.parametrize(
    ("code", "loads"),
    [
        # The lazy names still work; each loads what it needs, and only then.
        (
            "from pydantic import TypeAdapter\nfrom pozo_site import EmailAddress\n"
            "TypeAdapter(EmailAddress).validate_python('intake@example.com')",
            ["email_validator"],
        ),
        ("import pozo_site\npozo_site.render_contact_block", ["jinja2", "markdown_it", "yaml"]),
        ("from pozo_site.render import escape_markdown", []),
        ("from pozo_site import Article", ["markdown_it", "yaml"]),
    ],
)
def test_a_name_loads_its_modules_when_it_is_used(code: str, loads: list[str]) -> None:
    assert loaded_after(code) == loads


def test_an_address_error_keeps_its_field_and_reason_when_the_validator_loads_late() -> None:
    code = """
    from pydantic import BaseModel, ValidationError
    from pozo_site import EmailAddress
    class Contact(BaseModel):
        email: EmailAddress
    try:
        Contact(email="not an address")
    except ValidationError as error:
        (detail,) = error.errors()
        print(detail["loc"], detail["type"], detail["ctx"]["reason"])
    """
    out = output_of(code)
    assert out.split(" ", 2)[:2] == ["('email',)", "email_invalid"]
    assert "not an address" not in out


def test_the_shortcuts_load_the_render_layer_on_first_use() -> None:
    code = """
    import sys
    from pozo_site import ConsultationRequest
    request = ConsultationRequest(
        name="Ana Example", phone="(212) 555-0123", matter_type="asylum", consent=True
    )
    assert "pozo_site.render._intake" not in sys.modules
    assert "Asylum" in request.summary()
    message = request.to_email(to="intake@example.com", sender="web@example.com")
    assert message["To"] == "intake@example.com"
    """
    subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], check=True, capture_output=True, timeout=120
    )


@pytest.mark.parametrize("module", [pozo_site, pozo_site.render], ids=lambda m: m.__name__)
def test_every_public_name_is_listed_by_dir_and_reachable(module: object) -> None:
    names = dir(module)
    for name in module.__all__:  # type: ignore[attr-defined]
        assert name in names
        assert getattr(module, name) is getattr(module, name)


@pytest.mark.parametrize("module", [pozo_site, pozo_site.render], ids=lambda m: m.__name__)
def test_an_unknown_name_is_still_an_attribute_error(module: object) -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        getattr(module, "no_such_name")  # noqa: B009
    with pytest.raises(ImportError):
        exec(f"from {module.__name__} import no_such_name")  # type: ignore[attr-defined]


def test_the_lazy_tables_name_exactly_the_public_names() -> None:
    eager = {"ConsultationFormError", "FirmFileError", "FirmFileProblem", "PhoneNumberError"}
    eager |= {"PozoSiteError", "RenderError", "__version__"}
    assert sorted({*pozo_site._MODULE_OF, *eager}) == sorted(pozo_site.__all__)
    assert sorted({*pozo_site.render._MODULE_OF, "RenderError"}) == sorted(pozo_site.render.__all__)


def test_python_slugify_is_loaded_only_to_derive_a_slug() -> None:
    """An article that gives its slug never imports python-slugify."""
    code = """
    import sys
    from pozo_site import Article
    head = "---\\ntitle: Know Your Rights\\ndate: 2024-05-01\\n"
    given = head + "slug: know-your-rights\\n---\\nHello.\\n"
    assert Article.from_markdown(given).slug == "know-your-rights"
    print("slugify" in sys.modules)
    derived = Article.from_markdown(head + "---\\nHello.\\n")
    assert derived.slug == "know-your-rights"
    print("slugify" in sys.modules)
    """
    out = output_of(code)
    assert out.split() == ["False", "True"]
