"""The public API changes only on purpose: the exported names of ``pozo_site``,
``pozo_site.render`` and ``pozo_site.check`` are pinned here."""

from __future__ import annotations

import importlib

import pytest

import pozo_site

PUBLIC = {
    "pozo_site": [
        "CONSULTATION_FORM_CODES",
        "CONTACT_BLOCK_FORMATS",
        "DEFAULT_PHONE_STYLE",
        "FORM_LOCALES",
        "FRONT_MATTER_KEYS",
        "HONEYPOT_FIELD",
        "TIMER_FIELD",
        "Article",
        "ArticleImage",
        "Certification",
        "ConsultationFormError",
        "ConsultationRequest",
        "ContactBlockFormat",
        "ContactMethod",
        "Credential",
        "DayOfWeek",
        "EmailAddress",
        "FirmFileError",
        "FirmFileProblem",
        "FirmPhone",
        "FirmProfile",
        "FormTimer",
        "LanguageTag",
        "MatterType",
        "NumberType",
        "Offer",
        "Office",
        "OpeningHours",
        "PhoneNumber",
        "PhoneNumberConstraints",
        "PhoneNumberError",
        "PhoneRole",
        "PhoneStyle",
        "PostalAddress",
        "PozoSiteError",
        "RenderError",
        "Section",
        "Slug",
        "SocialProfile",
        "TollFreeNumber",
        "__version__",
        "default_firm",
        "example_articles",
        "example_content",
        "load_firm",
        "make_slug",
        "parse_firm",
        "render_contact_block",
    ],
    "pozo_site.render": [
        "CALL_TO_ACTION_FORMATS",
        "CONTACT_BLOCK_FORMATS",
        "URGENT_MARK",
        "ContactBlockFormat",
        "ContactBlockRenderer",
        "ContactView",
        "HoursView",
        "LinkView",
        "OfficeView",
        "PhoneView",
        "RenderError",
        "article_jsonld",
        "consultation_acknowledgement",
        "consultation_email",
        "consultation_subject",
        "consultation_summary",
        "contact_view",
        "escape_markdown",
        "firm_jsonld",
        "firm_summary",
        "json_for_script",
        "jsonld_script",
        "markdown_url",
        "phone_summary",
        "render_article_html",
        "render_article_jsonld",
        "render_call_to_action",
        "render_consultation_form",
        "render_contact_block",
        "render_firm_jsonld",
        "render_vcard3",
        "render_vcard4",
    ],
    "pozo_site.check": [
        "RULES",
        "CheckResult",
        "Config",
        "ConfigError",
        "Edit",
        "Family",
        "FileChange",
        "Finding",
        "Fix",
        "FixOutcome",
        "OtherNumber",
        "Rule",
        "Severity",
        "check_paths",
        "fix_paths",
        "load_config",
        "load_config_file",
    ],
}


@pytest.mark.parametrize("module_name", sorted(PUBLIC))
def test_exported_names_are_pinned(module_name: str) -> None:
    module = importlib.import_module(module_name)
    assert module.__all__ == PUBLIC[module_name]


@pytest.mark.parametrize("module_name", sorted(PUBLIC))
def test_exported_names_exist_and_are_documented(module_name: str) -> None:
    module = importlib.import_module(module_name)
    for name in module.__all__:
        member = getattr(module, name)
        if callable(member) and not name.isupper():
            assert member.__doc__, f"{module_name}.{name} has no docstring"


def test_private_modules_declare_all() -> None:
    import pkgutil

    for info in pkgutil.walk_packages(pozo_site.__path__, "pozo_site."):
        leaf = info.name.rsplit(".", 1)[-1]
        if leaf.startswith("_") and leaf not in ("__main__",):
            module = importlib.import_module(info.name)
            assert hasattr(module, "__all__"), info.name
