"""C002 and C003 report exactly what they reported before the claim readers were made
faster: every finding (code, place, end, message, fix) on the labelled corpus and on a
generated folder, and every claim the readers find in the corpus documents and their
variants, against ``tests/data/claims_expected.json`` (see
:mod:`tests.check.claims_expectation`, which wrote it with the earlier code)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.check import claims_expectation as frozen


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    data = json.loads(frozen.EXPECTED.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_corpus_findings_are_unchanged(expected: dict[str, Any]) -> None:
    assert expected["corpus"], "the corpus has C002 and C003 findings"
    assert frozen.corpus_findings() == expected["corpus"]


def test_generated_site_findings_are_unchanged(expected: dict[str, Any]) -> None:
    assert frozen.site_findings() == expected["site"]


def test_reader_claims_are_unchanged(expected: dict[str, Any]) -> None:
    found = frozen.reader_claims()
    assert found.keys() == expected["readers"].keys()
    changed = [key for key, claims in found.items() if claims != expected["readers"][key]]
    assert changed == []
