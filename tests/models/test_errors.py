"""Every error code raised anywhere in ``src/`` is declared by its class, once.

Each exception class of :mod:`pozo_site._errors` declares its codes in ``CODES``; this test
reads the source with :mod:`ast`, finds every construction of one of those classes (a call
``RenderError(..., code="...")``, a ``super().__init__(..., code=...)`` inside the class,
and the class's own default ``code``) and checks that each code it can carry is declared.
A code that is not a literal must be one of the few listed in ``_FORWARDED``, each with the
place its literal codes come from.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import pytest

import pozo_site._errors as errors_module
from pozo_site._errors import (
    ConfigError,
    ConsultationFormError,
    FirmFileError,
    PhoneNumberError,
    PozoSiteError,
    RenderError,
)

SRC = Path(__file__).resolve().parents[2] / "src" / "pozo_site"
CLASSES: dict[str, type[PozoSiteError]] = {
    cls.__name__: cls
    for cls in (
        PozoSiteError,
        PhoneNumberError,
        FirmFileError,
        ConsultationFormError,
        RenderError,
        ConfigError,
    )
}

_FORWARDED = {
    # PhoneNumber.parse re-raises the cached PhoneNumberError it was handed: same class,
    # same code, first raised with a literal in _phone_reading.py.
    ("_phone.py", "PhoneNumberError", "result.code"): None,
    # A template limit's LimitExceeded becomes a RenderError of the limit's code: the
    # LimitExceeded(code="...") literals of render/ are checked as RenderError codes.
    ("render/_templating.py", "RenderError", "error.code"): "LimitExceeded",
}


def _literals(node: ast.expr) -> list[str] | None:
    """The string literals an expression can be: a constant or a conditional of them."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _literals(node.body), _literals(node.orelse)
        if body is not None and orelse is not None:
            return body + orelse
    return None


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _is_super_init(call: ast.Call) -> bool:
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "__init__"
        and isinstance(func.value, ast.Call)
        and isinstance(func.value.func, ast.Name)
        and func.value.func.id == "super"
    )


def _code_keywords(call: ast.Call) -> list[ast.expr]:
    return [keyword.value for keyword in call.keywords if keyword.arg == "code"]


def _scan_file(
    tree: ast.Module,
    where: str,
    wanted: set[str],
    raised: dict[str, set[str]],
    forwarded: list[tuple[str, str, str]],
) -> None:
    for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and n.name in wanted):
        for node in ast.walk(cls):
            if isinstance(node, ast.Call) and _is_super_init(node):
                for value in _code_keywords(node):
                    raised[cls.name].update(_literals(value) or ())
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (name := _called_name(node)) in wanted:
            for value in _code_keywords(node):
                found = _literals(value)
                if found is None:
                    forwarded.append((where, name, ast.unparse(value)))
                else:
                    raised[name].update(found)


def scan() -> tuple[dict[str, set[str]], list[tuple[str, str, str]]]:
    """Codes raised per class name, and the non-literal ``code=`` arguments found."""
    raised: dict[str, set[str]] = defaultdict(set)
    forwarded: list[tuple[str, str, str]] = []
    wanted = {*CLASSES, *(target for target in _FORWARDED.values() if target)}
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        _scan_file(tree, path.relative_to(SRC).as_posix(), wanted, raised, forwarded)
    for (_, name, _), source in _FORWARDED.items():
        if source is not None:
            raised[name].update(raised.pop(source, set()))
    return raised, forwarded


RAISED, FORWARDED = scan()


def test_the_scan_finds_the_raise_sites() -> None:
    assert {"phone_empty", "phone_unknown_region"} <= RAISED["PhoneNumberError"]
    assert {"format_unknown", "template_number_too_large"} <= RAISED["RenderError"]
    assert {"firm_file_syntax", "firm_file_type"} <= RAISED["FirmFileError"]
    assert "consultation_form_spam" in RAISED["ConsultationFormError"]


def test_every_code_that_is_not_a_literal_is_forwarded_from_known_literals() -> None:
    assert sorted(FORWARDED) == sorted(_FORWARDED)


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_every_raised_code_is_declared_by_its_class(name: str) -> None:
    cls = CLASSES[name]
    undeclared = sorted(RAISED[name] - cls.CODES)
    assert undeclared == [], f"{name} raises codes it does not declare in CODES"


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_the_default_code_is_declared_and_every_declared_code_is_documented(name: str) -> None:
    cls = CLASSES[name]
    assert cls.code in cls.CODES
    documented = set(re.findall(r"``([a-z][a-z0-9]*(?:_[a-z0-9]+)+)``", cls.__doc__ or ""))
    assert sorted(cls.CODES - documented) == [], f"{name}'s docstring omits declared codes"
    assert sorted(documented & _all_codes() - cls.CODES) == [], (
        f"{name}'s docstring names another class's codes"
    )


def _all_codes() -> set[str]:
    return {code for cls in CLASSES.values() for code in cls.CODES}


def test_no_code_is_declared_by_two_classes() -> None:
    seen: dict[str, str] = {}
    for name, cls in CLASSES.items():
        for code in cls.CODES:
            assert code not in seen, f"{code} is declared by {seen[code]} and {name}"
            seen[code] = name


def test_every_public_exception_is_defined_in_errors() -> None:
    import pozo_site
    import pozo_site.check
    import pozo_site.render

    public = {
        value
        for module in (pozo_site, pozo_site.render, pozo_site.check)
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, BaseException)
    }
    assert {cls.__module__ for cls in public} == {"pozo_site._errors"}
    assert public == set(CLASSES.values())
    assert set(errors_module.__all__) >= set(CLASSES)
