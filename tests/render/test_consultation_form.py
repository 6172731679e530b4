"""render_consultation_form: parsed by html5lib (strict), its accessibility wiring checked."""

from __future__ import annotations

import datetime as dt
from typing import Any

import html5lib
import pytest
from werkzeug.datastructures import MultiDict

from pozo_site import (
    FORM_LOCALES,
    ConsultationFormError,
    ConsultationRequest,
    MatterType,
    RenderError,
    default_firm,
)
from pozo_site._text import clean_multi_line, clean_single_line
from pozo_site.render import render_consultation_form
from pozo_site.render._consultation_form import _TEXTS, _is_noncharacter
from tests.testdata import blns

NOW = dt.datetime(2027, 1, 15, 8, 0, tzinfo=dt.timezone.utc)
FIRM = default_firm()
FIELDS = (
    "name",
    "phone",
    "email",
    "preferred_contact",
    "matter_type",
    "detained",
    "preferred_date",
    "message",
    "consent",
)


def parse(html: str) -> Any:
    """html5lib in strict mode: any parse error raises."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parseFragment(html)


def by_id(tree: Any) -> dict[str, Any]:
    return {e.get("id"): e for e in tree.iter() if e.get("id")}


def text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


def controls(tree: Any) -> dict[str, Any]:
    found = {}
    for tag in ("input", "select", "textarea"):
        for element in tree.iter(tag):
            if element.get("type") != "hidden":
                found[element.get("name")] = element
    return found


def render(**options: Any) -> str:
    return render_consultation_form(FIRM, action="/consultation", now=NOW, **options)


@pytest.mark.parametrize("locale", FORM_LOCALES)
def test_every_control_has_a_label_and_the_right_attributes(locale: str) -> None:
    tree = parse(render(locale=locale))
    (form,) = tree.iter("form")
    assert form.get("method") == "post"
    assert form.get("action") == "/consultation"
    assert form.get("lang") == locale
    found = controls(tree)
    assert set(found) == {*FIELDS, "website"}
    labels = {label.get("for"): label for label in tree.iter("label")}
    for name, element in found.items():
        assert element.get("id") in labels, name
        assert text(labels[element.get("id")])
    required_word = _TEXTS[locale]["required"]
    for name in FIELDS:
        label = text(labels[found[name].get("id")])
        is_required = name in ("name", "matter_type", "consent")
        assert (required_word in label) is is_required, name
        assert (found[name].get("required") is not None) is is_required, name
        assert found[name].get("aria-invalid") is None
    assert found["name"].get("autocomplete") == "name"
    assert (found["phone"].get("type"), found["phone"].get("autocomplete")) == ("tel", "tel")
    assert found["phone"].get("inputmode") == "tel"
    assert (found["email"].get("type"), found["email"].get("autocomplete")) == ("email", "email")
    assert found["email"].get("inputmode") == "email"
    assert found["preferred_date"].get("type") == "date"
    assert found["preferred_date"].get("min") == "2027-01-14"  # still the 14th at UTC-12
    assert found["detained"].get("type") == "checkbox"
    assert found["consent"].get("type") == "checkbox"
    consent = text(labels["consultation-consent"])
    assert FIRM.name in consent
    assert [text(legend) for legend in tree.iter("legend")] == [_TEXTS[locale]["detained_legend"]]
    options = [o.get("value") for o in found["matter_type"].iter("option")]
    assert options == ["", *(m.value for m in MatterType)]
    labels_shown = [text(o) for o in found["matter_type"].iter("option")][1:]
    assert labels_shown == [m.label(locale) for m in MatterType]
    assert not list(tree.iter("script"))


def test_the_honeypot_is_hidden_from_people_and_assistive_technology() -> None:
    tree = parse(render())
    (trap,) = [e for e in tree.iter("input") if e.get("name") == "website"]
    assert trap.get("type") == "text"  # bots skip type=hidden
    assert trap.get("tabindex") == "-1"
    assert trap.get("autocomplete") == "off"
    (wrapper,) = [e for e in tree.iter("div") if e.get("class") == "pozo-hp"]
    assert wrapper.get("aria-hidden") == "true"
    assert "left:-10000px" in wrapper.get("style")
    assert trap in list(wrapper.iter("input"))


def test_hidden_fields_carry_the_csrf_and_timer_tokens() -> None:
    tree = parse(render(csrf_token='tok"en<', form_token="123.abc"))
    hidden = {
        e.get("name"): e.get("value") for e in tree.iter("input") if e.get("type") == "hidden"
    }
    assert hidden == {"csrf_token": 'tok"en<', "form_started": "123.abc"}
    tree = parse(render())
    assert not [e for e in tree.iter("input") if e.get("type") == "hidden"]


def error_for(data: dict[str, str], locale: str = "en") -> ConsultationFormError:
    with pytest.raises(ConsultationFormError) as caught:
        ConsultationRequest.from_form(data, now=NOW, locale=locale)
    return caught.value


EVERYTHING_WRONG = {
    "name": "",
    "phone": "555-01",
    "email": "ana@",
    "preferred_contact": "fax",
    "matter_type": "tax",
    "preferred_date": "2020-01-01",
    "message": "x" * 5001,
    "detained": "on",
}


@pytest.mark.parametrize("locale", FORM_LOCALES)
def test_every_field_in_error_is_wired_to_its_message(locale: str) -> None:
    error = error_for(EVERYTHING_WRONG, locale)
    in_error = set(error.field_errors)
    assert in_error == set(FIELDS) - {"detained"}
    html = render(values=EVERYTHING_WRONG, errors=error, locale=locale)
    tree = parse(html)
    ids = by_id(tree)
    found = controls(tree)
    labels = {label.get("for"): label for label in tree.iter("label")}
    for name in FIELDS:
        element = found[name]
        assert element.get("id") in labels
        if name not in in_error:
            assert element.get("aria-invalid") is None
            continue
        assert element.get("aria-invalid") == "true", name
        described = element.get("aria-describedby").split()
        assert all(i in ids for i in described), name
        error_id = f"{element.get('id')}-error"
        assert described[-1] == error_id
        message = text(ids[error_id])
        for expected in error.field_errors[name]:
            assert expected in message
        assert message.startswith("Error:")
    # The summary: a heading and one link per distinct message, to the field's id.
    (summary,) = [e for e in tree.iter("div") if e.get("class") == "error-summary"]
    assert summary.get("role") == "alert"
    assert summary.get("tabindex") == "-1"
    assert text(ids[summary.get("aria-labelledby")]) == _TEXTS[locale]["error_summary"]
    links = [(a.get("href"), text(a)) for a in summary.iter("a")]
    assert [href for href, _ in links] == [
        f"#consultation-{name.replace('_', '-')}" for name in FIELDS if name != "detained"
    ]
    for href, _ in links:
        assert href[1:] in ids
    # Values come back as sent.
    assert found["phone"].get("value") == "555-01"
    assert found["email"].get("value") == "ana@"
    assert found["detained"].get("checked") is not None
    assert found["consent"].get("checked") is None
    assert text(found["message"]) == "x" * 5001
    selected = [
        o.get("value") for o in found["matter_type"].iter("option") if o.get("selected") is not None
    ]
    assert selected == [""]  # "tax" is not an option: nothing chosen


def test_the_contact_rule_is_said_once_in_the_summary_and_beside_both_fields() -> None:
    error = error_for({"name": "Ana", "matter_type": "asylum", "consent": "on"})
    tree = parse(render(errors=error))
    ids = by_id(tree)
    assert "consultation-phone-error" in ids
    assert "consultation-email-error" in ids
    (summary,) = [e for e in tree.iter("div") if e.get("class") == "error-summary"]
    assert [a.get("href") for a in summary.iter("a")] == ["#consultation-phone"]


def test_a_spam_error_shows_nothing() -> None:
    spam = ConsultationFormError({}, {}, spam=True)
    assert render(errors=spam) == render()


def test_refilled_values_are_escaped_and_chosen_options_selected() -> None:
    values = MultiDict(
        [
            ("name", '"><script>alert(1)</script>'),
            ("message", "</textarea><script>x</script>"),
            ("matter_type", "asylum"),
            ("preferred_contact", "email"),
            ("consent", "yes"),
        ]
    )
    html = render(values=values)
    assert "<script>" not in html
    tree = parse(html)
    found = controls(tree)
    assert found["name"].get("value") == '"><script>alert(1)</script>'
    assert text(found["message"]) == "</textarea><script>x</script>"
    chosen = [
        o.get("value") for o in found["matter_type"].iter("option") if o.get("selected") is not None
    ]
    assert chosen == ["asylum"]
    contact = [
        o.get("value")
        for o in found["preferred_contact"].iter("option")
        if o.get("selected") is not None
    ]
    assert contact == ["email"]
    assert found["consent"].get("checked") is not None


def test_every_naughty_string_refills_and_parses() -> None:
    cases = 0
    for value in blns():
        for field in ("name", "message", "email"):
            tree = parse(render(values={field: value}))
            element = controls(tree)[field]
            shown = element.get("value") if field != "message" else "".join(element.itertext())
            # As the model cleans it: controls gone, and (one line) breaks made spaces.
            cleaned = value.strip()
            cleaned = (
                clean_multi_line(cleaned) if field == "message" else clean_single_line(cleaned)
            )
            cleaned = "".join(c for c in cleaned if not _is_noncharacter(ord(c)))
            assert shown == cleaned.lstrip("\n"), (field, value)
            cases += 1
    print(f"BLNS refilled into the form: {cases} cases")


def test_the_language_question_lists_only_the_firms_languages() -> None:
    assert "preferred_language" not in controls(parse(render()))
    firm = FIRM.model_copy(update={"languages": ("en", "es", "zh-Hant")})
    tree = parse(
        render_consultation_form(
            firm, action="/c", values={"preferred_language": "es"}, locale="es", now=NOW
        )
    )
    select = controls(tree)["preferred_language"]
    options = [
        (o.get("value"), text(o), o.get("selected") is not None) for o in select.iter("option")
    ]
    assert options == [
        ("", "Sin preferencia", False),
        ("en", "Inglés", False),
        ("es", "Español", True),
        ("zh-Hant", "zh-Hant", False),
    ]


def test_every_text_of_the_form_exists_in_every_locale() -> None:
    assert set(_TEXTS) == set(FORM_LOCALES)
    keys = {locale: set(texts) for locale, texts in _TEXTS.items()}
    assert keys["en"] == keys["es"]


def test_a_firms_own_template_renders_in_the_sandbox() -> None:
    html = render(
        template='<form action="{{ form.action }}">{{ form.fields.name.label }}'
        "{{ form.texts.submit }}</form>",
        locale="es",
    )
    assert html == '<form action="/consultation">Nombre completoEnviar solicitud</form>'
    with pytest.raises(RenderError) as caught:
        render(template="{{ form.__class__.__mro__ }}")
    assert caught.value.code in ("template_unsafe", "template_undefined")
    with pytest.raises(RenderError) as caught:
        render(template="{% if %}")
    assert caught.value.code == "template_syntax"


def test_the_default_date_min_is_today() -> None:
    def earliest() -> str:
        return (dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=12)).date().isoformat()

    before = earliest()
    tree = parse(render_consultation_form(FIRM, action="/c"))
    after = earliest()  # the two differ only if the clock passed midnight at UTC-12
    assert controls(tree)["preferred_date"].get("min") in {before, after}
