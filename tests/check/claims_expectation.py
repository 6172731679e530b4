"""The findings of C002 and C003, and the claims their readers find, on fixed inputs.

``tests/data/claims_expected.json`` holds what this module computed with the claim
readers as they were before they were made faster; ``test_claims_frozen.py`` computes it
again and compares, so that an optimisation that changes one finding (code, place, end,
message or fix) fails. The inputs: every document of the labelled corpus, a generated
folder (:mod:`tests.check.sitegen`), and the claim readers called directly on each
corpus document in variants (lower and upper case, straight and curly quotation marks,
with and without a headline) so that more of their branches meet more shapes.

Regenerate only on purpose, when a rule's findings are meant to change:
``python -m tests.check.claims_expectation`` writes the file.
"""

from __future__ import annotations

import dataclasses
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pozo_site.check import Config, check_paths, load_config_file
from pozo_site.check._config import DEFAULT_RESULTS_PHRASES
from pozo_site.check._finding import Finding
from pozo_site.check._rules._claims import (
    firm_subjects,
    phrase_claims,
    results_claims,
    specialist_claims,
)
from pozo_site.check._rules.compliance import _phrases
from tests.check import sitegen
from tests.check.conftest import TODAY

EXPECTED = Path(__file__).resolve().parents[1] / "data" / "claims_expected.json"
CORPUS = Path(__file__).resolve().parent / "corpus"
CODES = ("C002", "C003")
SITE_SIZE = 60
FIRMS = ("Example Immigration Law", "Example Immigration Law, LLP", "Ortiz & Lind PLLC")

VARIANTS: dict[str, Callable[[str], str]] = {
    "as-written": lambda text: text,
    "lower": str.lower,
    "upper": str.upper,
    "straight-quotes": lambda text: (
        text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    ),
    "curly-quotes": lambda text: text.replace("'", "\u2019"),
}


def _finding(finding: Finding) -> dict[str, Any]:
    record = dataclasses.asdict(finding)
    record["severity"] = finding.severity.value
    return record


def _findings(folder: Path, config: Config) -> list[dict[str, Any]]:
    result = check_paths([folder], config)
    return [_finding(f) for f in result.findings if f.code in CODES]


def corpus_findings() -> list[dict[str, Any]]:
    """C002 and C003 findings on the labelled corpus, as its test configures it."""
    config = dataclasses.replace(load_config_file(CORPUS / "pozo-site.toml"), today=TODAY)
    return _named(_findings(CORPUS / "articles", config))


def _named(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The findings with each path cut to the file's name (where the clone lives varies)."""
    return [{**record, "path": Path(record["path"]).name} for record in records]


def site_findings() -> list[dict[str, Any]]:
    """C002 and C003 findings on a generated folder of :data:`SITE_SIZE` articles."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = sitegen.build_site(Path(tmp) / "site", SITE_SIZE)
        return _named(_findings(folder, Config(today=TODAY)))


def reader_claims() -> dict[str, list[list[Any]]]:
    """The claims the readers find in each corpus document, per variant and firm."""
    pattern = _phrases(tuple(DEFAULT_RESULTS_PHRASES))
    found: dict[str, list[list[Any]]] = {}
    for article in sorted((CORPUS / "articles").glob("*.md")):
        source = article.read_text(encoding="utf-8")
        for variant, change in VARIANTS.items():
            text = change(source)
            for firm_name in FIRMS:
                firm = firm_subjects(firm_name)
                claims = [
                    *(("results", c) for c in results_claims(text, firm)),
                    *(("headline", c) for c in results_claims(text, firm, headline=True)),
                    *(("phrases", c) for c in phrase_claims(text, pattern)),
                    *(("specialist", c) for c in specialist_claims(text, firm)),
                ]
                key = f"{article.name}|{variant}|{firm_name}"
                found[key] = [[reader, c.start, c.end, c.text, c.kind] for reader, c in claims]
    return found


def compute() -> dict[str, Any]:
    """Everything the expectation file holds."""
    return {
        "corpus": corpus_findings(),
        "site": site_findings(),
        "readers": reader_claims(),
    }


def main() -> None:
    data = compute()
    EXPECTED.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {EXPECTED}")


if __name__ == "__main__":
    main()
