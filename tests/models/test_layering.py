"""Models sit at the bottom: no model module imports render, check or cli (at any level)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "pozo_site"
MODELS = sorted(p for p in PACKAGE.glob("_*.py") if p.name not in ("__init__.py", "__main__.py"))
UPPER = ("pozo_site.render", "pozo_site.check", "pozo_site.cli", "pozo_site.server")


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_scan_sees_the_model_modules() -> None:
    assert {p.name for p in MODELS} >= {"_consultation.py", "_privacy.py", "_consultation_form.py"}


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.name)
def test_a_model_module_imports_nothing_above_it(path: Path) -> None:
    upward = sorted(n for n in imported(path) if n.startswith(UPPER))
    assert upward == [], f"{path.name} imports {upward}"


def test_the_intake_shortcuts_are_installed_by_the_render_layer() -> None:
    from pozo_site import _consultation
    from pozo_site.render import _intake

    renderers = _consultation._IntakeRenderers
    assert renderers.summary is _intake.consultation_summary
    assert renderers.email is _intake.consultation_email


def test_without_the_render_layer_the_shortcuts_say_what_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pozo_site import ConsultationRequest, _consultation

    request = ConsultationRequest.model_validate(
        {"name": "Ana", "email": "ana@example.com", "matter_type": "asylum", "consent": True}
    )
    monkeypatch.setattr(_consultation._IntakeRenderers, "summary", None)
    monkeypatch.setattr(_consultation._IntakeRenderers, "email", None)
    monkeypatch.setattr(_consultation._IntakeRenderers, "loader", None)  # nothing to load them
    with pytest.raises(RuntimeError, match=r"import pozo_site\.render"):
        request.summary()
    with pytest.raises(RuntimeError, match=r"import pozo_site\.render"):
        request.to_email(to="intake@example.com", sender="web@example.com")
