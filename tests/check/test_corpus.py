"""Precision and recall of the phone and compliance rules on a labelled corpus.

The corpus (``tests/check/corpus/``, see its README) is prose written the way real legal-aid
posts and press releases are: agency hotlines, docket and statute numbers, versions, times,
results claims, quotes and "specialized" wording. Each article's expected findings are
labelled by hand; this test compares them with what ``check`` reports, per rule, by file
and line, prints the figures, and holds P001, C002 and C003 to at least 0.9 of each.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from pozo_site.check import Config, check_paths, load_config_file
from tests.check.conftest import TODAY

CORPUS = Path(__file__).resolve().parent / "corpus"
MEASURED = ("P001", "P003", "C002", "C003")
HELD = {"P001": 0.9, "C002": 0.9, "C003": 0.9}
MIN_ARTICLES = 40
MIN_POSITIVES = 12  # per held rule: fewer would make a ratio of 0.9 meaningless

Label = tuple[str, str, int]  # (article, code, line)


@dataclass(frozen=True)
class Score:
    code: str
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0


def _config() -> Config:
    settings = CORPUS / "pozo-site.toml"
    config = load_config_file(settings) if settings.is_file() else Config()
    return dataclasses.replace(config, today=TODAY)


def expected_labels() -> set[Label]:
    labels: set[Label] = set()
    for article in sorted((CORPUS / "articles").glob("*.md")):
        label_file = CORPUS / "labels" / f"{article.stem}.yaml"
        data = yaml.safe_load(label_file.read_text(encoding="utf-8")) or {}
        assert isinstance(data, Mapping), label_file
        for code, lines in data.items():
            assert code in MEASURED, f"{label_file}: unknown code {code}"
            labels.update((article.name, code, int(line)) for line in lines)
    return labels


def found_labels() -> set[Label]:
    result = check_paths([CORPUS / "articles"], _config())  # not README.md
    unexpected = [f for f in result.findings if f.code.startswith("F")]
    assert unexpected == [], unexpected  # every corpus file must read and parse
    return {
        (Path(f.path).name, f.code, f.line)
        for f in result.findings
        if f.code in MEASURED and f.path.endswith(".md")
    }


def scores(expected: set[Label], found: set[Label]) -> dict[str, Score]:
    return {
        code: Score(
            code,
            true_positives=len({x for x in expected & found if x[1] == code}),
            false_positives=len({x for x in found - expected if x[1] == code}),
            false_negatives=len({x for x in expected - found if x[1] == code}),
        )
        for code in MEASURED
    }


def test_the_corpus_is_big_enough_and_fully_labelled() -> None:
    articles = sorted((CORPUS / "articles").glob("*.md"))
    assert len(articles) >= MIN_ARTICLES
    for article in articles:
        assert (CORPUS / "labels" / f"{article.stem}.yaml").is_file(), article.name
    for labels in (CORPUS / "labels").glob("*.yaml"):
        assert (CORPUS / "articles" / f"{labels.stem}.md").is_file(), labels.name
    expected = expected_labels()
    for code in HELD:
        assert sum(1 for label in expected if label[1] == code) >= MIN_POSITIVES, code


def test_precision_and_recall_per_rule(capsys: pytest.CaptureFixture[str]) -> None:
    expected, found = expected_labels(), found_labels()
    table = scores(expected, found)
    with capsys.disabled():
        print(f"\ncorpus: {len(list((CORPUS / 'articles').glob('*.md')))} articles")
        print(f"{'rule':<6}{'TP':>5}{'FP':>5}{'FN':>5}{'precision':>11}{'recall':>8}")
        for s in table.values():
            print(
                f"{s.code:<6}{s.true_positives:>5}{s.false_positives:>5}"
                f"{s.false_negatives:>5}{s.precision:>11.3f}{s.recall:>8.3f}"
            )
    wrong = sorted(found - expected)
    missed = sorted(expected - found)
    for code, floor in HELD.items():
        s = table[code]
        assert s.precision >= floor, (code, [x for x in wrong if x[1] == code])
        assert s.recall >= floor, (code, [x for x in missed if x[1] == code])
