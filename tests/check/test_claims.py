"""The claim shapes C002 and C003 read (``check/_rules/_claims.py``), one case each.

The labelled corpus measures the rules on whole articles; these pin single shapes, both
the claims and the look-alikes that are not claims.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from pozo_site._phone import PhoneStyle
from pozo_site.check import check_paths
from pozo_site.check._rules._claims import (
    firm_subjects,
    phrase_claims,
    results_claims,
    specialist_claims,
)
from tests.check.conftest import config

FIRM = firm_subjects("Example Immigration Law, LLP")


def _results(text: str) -> list[tuple[str, str]]:
    return [(claim.kind, claim.text) for claim in results_claims(text, FIRM)]


def test_firm_subjects_drop_legal_suffixes() -> None:
    assert FIRM == (
        ("example", "immigration", "law", "llp"),
        ("example", "immigration", "law"),
        ("example", "immigration"),
    )
    assert firm_subjects("") == ()


def test_spanish_first_person_results() -> None:
    assert _results("En mayo ganamos el caso.") == [("result", "ganamos")]
    assert _results("Obtuvimos asilo para una madre.") == [("result", "Obtuvimos asilo")]
    assert _results("Si ganamos, no paga nada. No ganamos siempre.") == []
    assert _results("Logramos abrir una oficina.") == []


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Last year we won asylum for a family.", ("result", "we won asylum")),
        ("We\u2019ve won three appeals this year.", ("result", "We\u2019ve won")),
        (
            "We have successfully obtained a green card for him.",
            ("result", "We have successfully obtained a green card"),
        ),
        (
            "Example Immigration Secures Release of Detained Father",
            ("result", "Example Immigration Secures Release"),
        ),
        (
            "The firm's attorneys recovered back wages.",
            ("result", "The firm's attorneys recovered back wages"),
        ),
        (
            "Our client received her green card in March.",
            ("result", "Our client received her green card"),
        ),
        ("A client of the firm won asylum in May.", ("result", "the firm won asylum")),
        (
            "We helped a family of four from Honduras obtain asylum.",
            ("result", "We helped a family of four from Honduras obtain asylum"),
        ),
        ("She has won more than 300 asylum cases.", ("result", "She has won more than 300 asylum")),
        ("We've never lost a case.", ("result", "We've never lost")),
        ("$17.5K Back-Wage Win for Delivery Workers", ("result", "$17.5K Back-Wage Win")),
        ("Tenants reached a $340,000 settlement on Monday.", ("result", "$340,000 settlement")),
        ("Our track record speaks for itself.", ("result", "Our track record")),
        ("We guarantee results.", ("quality", "We guarantee")),
        ("Read our client testimonials.", ("testimonial", "testimonials")),
        ("The best immigration lawyers in New York.", ("quality", "best immigration lawyers")),
        ("A leading immigration law firm.", ("quality", "leading immigration law firm")),
        ("The most experienced attorneys in Queens.", ("quality", "most experienced attorneys")),
        ("We are the #1 immigration firm.", ("quality", "#1 immigration firm")),
        ("Ranked #1 again.", ("quality", "Ranked #1")),
        ("Our service is unsurpassed.", ("quality", "unsurpassed")),
        ("Better results than other firms.", ("quality", "than other firms")),
        (
            "Example Immigration Law gana asilo para una familia.",
            ("result", "Example Immigration Law gana asilo"),
        ),
    ],
)
def test_claims(text: str, claim: tuple[str, str]) -> None:
    assert _results(text) == [claim]


@pytest.mark.parametrize(
    "text",
    [
        "We won't stop. We won\u2019t quit.",
        "If we win, you pay nothing more.",
        "We cannot guarantee that we will win.",
        "We hope to win your case.",
        "Take the #1 train to Chambers Street.",
        "Community Board #1 meets on Tuesdays.",
        "In People v. Number One, the court agreed.",
        "Applicants should have a proven track record of managing caseloads.",
        "The national asylum success rate fell in 2023.",
        "The court excluded the testimonial evidence.",
        "Decisions follow the best interests of the child.",
        "She went to the best law school in the state.",
        "We obtained records through a FOIA request.",
        "We secured funding from the city.",
        "The filing fee is $535.",
        "Workers may recover up to $10,000 in damages.",
        "A leading cause of delays is missing paperwork.",
    ],
)
def test_not_claims(text: str) -> None:
    assert _results(text) == []


def test_quoted_clients_are_testimonials_and_quoted_lawyers_are_not() -> None:
    text = (
        "“They treated my family with respect from the first call,” said Ana R., a client "
        "of the firm.\n\n"
        "“This ruling matters for every worker in the city,” said Jane Doe, a partner at "
        "the firm.\n\n"
        "“The team explained every step and never made me feel rushed.”\n— Luis G.\n\n"
        "“Nobody believed us until the lawyers looked at our pay stubs,” said Rafael, one "
        "of the workers.\n\n"
        'He called it "a good day" and left.\n\n'
        "Our client Rosa told us: “I finally have my papers, after six long years.”\n"
    )
    kinds = [(c.kind, c.text[:12]) for c in results_claims(text, FIRM)]
    assert kinds == [
        ("testimonial", "“They treate"),
        ("testimonial", "“The team ex"),
        ("testimonial", "“Nobody beli"),
        ("testimonial", "“I finally h"),
    ]


def test_headings_and_unclosed_quotations() -> None:
    text = "## Testimonials\n\n## Testimonial evidence\n\n## What Our Clients Say\n\n“open"
    assert [c.text for c in results_claims(text, FIRM)] == ["Testimonials", "What Our Clients Say"]
    long = "“" + "word " * 400 + "”"  # longer than a quotation is read
    assert results_claims(long, FIRM) == []


def test_phrases_skip_a_negation_just_before() -> None:
    pattern = re.compile(r"(?<!\w)(?:guaranteed\s+results)(?!\w)", re.IGNORECASE)
    text = "No firm can promise guaranteed results. We offer guaranteed results."
    assert [c.start for c in phrase_claims(text, pattern)] == [text.rindex("guaranteed")]
    assert phrase_claims(text, None) == []


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Our attorneys specialize in asylum.", "Our attorneys specialize"),
        (
            "Example Immigration Law specializes in family petitions.",
            "Example Immigration Law specializes",
        ),
        (
            "Example Immigration is a boutique firm specializing in asylum.",
            "Example Immigration is a boutique firm specializing",
        ),
        ("The firm has specialized in removal defense since 2001.", "The firm has specialized"),
        ("We are asylum specialists.", "We are asylum specialists"),
        ("We\u2019re specialists in appeals.", "We\u2019re specialists"),
        ("Talk to our immigration specialists today.", "our immigration specialists"),
        ("Dana is one of the firm's asylum specialists.", "the firm's asylum specialists"),
        (
            "Jane Doe is a specialist at Example Immigration Law.",
            "specialist at Example Immigration Law",
        ),
        ("She specializes in withholding of removal.", "She specializes"),
        ("Both attorneys specialize in detained cases.", "Both attorneys specialize"),
        (
            "Our paralegals, who speak Spanish, Mandarin and Creole, specialize in interviews.",
            "Our paralegals, who speak Spanish, Mandarin and Creole, specialize",
        ),
        ("Nos especializamos en asilo.", "Nos especializamos"),
        ("Somos especialistas en inmigración.", "Somos especialistas"),
        ("Nuestros abogados se especializan en asilo.", "Nuestros abogados se especializan"),
        ("Nuestra firma está especializada en asilo.", "Nuestra firma está especializada"),
    ],
)
def test_specialist_claims(text: str, claim: str) -> None:
    assert [c.text for c in specialist_claims(text, FIRM)] == [claim]


@pytest.mark.parametrize(
    "text",
    [
        "Children need specialized medical care.",
        "New York has specialized courts.",
        "Partnership specialists at the Small Business Administration can help.",
        "The System.Collections.Specialized namespace holds old types.",
        "The clinic specializes in pediatric care.",
        "A nonprofit specializing in housing.",
        "They are specialists.",
        "Los niños necesitan atención especializada.",
        "If we specialize, we grow.",
        "No mention of the word at all.",
    ],
)
def test_not_specialist_claims(text: str) -> None:
    assert specialist_claims(text, FIRM) == []


# -- shapes added after the corpus's held-out misses (issue 8) ---------------------------


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Attorney Lind is a specialist in crimmigration.", "Attorney Lind is a specialist"),
        ("Attorney Dana Reyes specializes in asylum.", "Attorney Dana Reyes specializes"),
        ("Jane Ortiz, Esq., specializes in appeals.", "Jane Ortiz, Esq., specializes"),
        ("Ms. Ortiz is a noted specialist in bond hearings.", "Ms. Ortiz is a noted specialist"),
        (
            "Attorney Kim Park, who specializes in family petitions, reviews every case.",
            "Attorney Kim Park, who specializes",
        ),
        (
            "Example Immigration Law, which specializes in workers' rights, won.",
            "Example Immigration Law, which specializes",
        ),
        (
            "Our team of immigration specialists handles appeals.",
            "Our team of immigration specialists",
        ),
        (
            "The firm's group of asylum specialists meets weekly.",
            "The firm's group of asylum specialists",
        ),
        ("Our detention team specializes in bond hearings.", "Our detention team specializes"),
    ],
)
def test_named_lawyers_and_teams_are_specialist_subjects(text: str, claim: str) -> None:
    assert [c.text for c in specialist_claims(text, FIRM)] == [claim]


@pytest.mark.parametrize(
    "text",
    [
        "Our intake specialist will train you.",
        "Our current intake specialists speak Spanish and Creole.",
        "The paralegal specialist prepares the exhibits.",
        "She worked as a benefits specialist at a health center.",
        "La especialista en admisiones de nuestra oficina le llamará.",
        "A team of specialists from the hospital testified.",
        "The attorney specializes in nothing, said the judge.",  # "the attorney": anyone's
        "A lawyer who specializes in tax law can help you.",
        "Jane Ortiz, who joined us, teaches at a clinic that specializes in housing.",
    ],
)
def test_staff_posts_and_others_are_not_specialist_claims(text: str) -> None:
    assert specialist_claims(text, FIRM) == []


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        (
            "Our attorneys have a 98% success rate in asylum cases.",
            ("result", "Our attorneys have a 98% success rate"),
        ),
        (
            "Our approval rate for U visa petitions is 96 percent.",
            ("result", "Our approval rate"),
        ),
        (
            "We secured a preliminary injunction blocking the transfer.",
            ("result", "We secured a preliminary injunction"),
        ),
        (
            "The firm's lawyers obtained the writ of habeas corpus.",
            ("result", "The firm's lawyers obtained the writ"),
        ),
        ("We won a stay of removal for him.", ("result", "We won a stay")),
        (
            "\u201cFor the first time in years, my children sleep,\u201d said the mother.",
            ("testimonial", "\u201cFor the first time in years, my children sleep,\u201d"),
        ),
        (
            "\u201cNow my family is safe at home with me,\u201d her husband said.",
            ("testimonial", "\u201cNow my family is safe at home with me,\u201d"),
        ),
    ],
)
def test_rates_outcomes_and_family_quotes(text: str, claim: tuple[str, str]) -> None:
    assert _results(text) == [claim]


@pytest.mark.parametrize(
    "text",
    [
        "The national approval rate for asylum fell to 30 percent.",
        "\u201cWe won,\u201d said Rosa D\u00edaz, director of the Queens Tenant Coalition.",
        "\u201cWe won because we stuck together,\u201d said Luis, an organizer with the center.",
        "The building workers' union secured a $2 million settlement with a contractor.",
        "The Bronx Workers Center obtained $310,000 in back wages.",
        "The union has already secured $40,000 for its members.",
        "We obtained a copy of the file.",
        "\u201cThe mother said nothing to the officer about it,\u201d the judge wrote.",
    ],
)
def test_other_organisations_and_statistics_are_not_claims(text: str) -> None:
    assert _results(text) == []


def test_a_quoted_lawyer_of_the_firm_still_claims() -> None:
    text = "\u201cWe won asylum for her,\u201d said Dana Whitfield, a partner at the firm."
    assert _results(text) == [("result", "We won asylum")]
    text = "\u201cWe won it,\u201d said Dana, director of litigation at Example Immigration Law."
    assert _results(text) == [("result", "We won")]
    text = "\u201cWe won it,\u201d said Dana, director of litigation at the coalition."
    assert _results(text) == []


def test_headlines_claim_results_with_any_subject() -> None:
    def headline(text: str) -> list[tuple[str, str]]:
        return [(c.kind, c.text) for c in results_claims(text, FIRM, headline=True)]

    assert headline("Safe at Last: A Mother and Her Children Win Protection") == [
        ("result", "Win Protection")
    ]
    assert headline("Queens Family Secures Release of Detained Father") == [
        ("result", "Secures Release")
    ]
    assert headline("What Happens After You Win Asylum") == []
    assert headline("How to Win Asylum in Immigration Court") == []
    assert headline("Court Grants Asylum to Journalist") == []
    assert headline("Testimonials") == []  # the page's name; its quotations are the claims
    assert _results("Safe at Last: A Mother and Her Children Win Protection") == []


def _front(body: str, extra: str = "") -> str:
    return f"---\ntitle: T\nslug: t\ndate: 2024-01-01\n{extra}---\n{body}"


def _codes(*, style: PhoneStyle = PhoneStyle.DASHES) -> list[tuple[str, int, int]]:
    result = check_paths([Path(".")], config(phone_style=style))
    return [(f.code, f.line, f.column) for f in result.findings]


# -- wording and images: what a reader sees --------------------------------------------------


def test_a_disclaimer_in_an_html_comment_does_not_count(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    body = "We won the case.\n\n<!-- Prior results do not guarantee a similar outcome. -->\n"
    write("articles/a.md", _front(body))
    assert _codes() == [("C002", 6, 1)]


def test_wording_in_urls_and_code_is_not_prose(write: Callable[..., Path], in_tmp: Path) -> None:
    body = "See https://example.com/specialists and [us](/about/specializes).\n`we won` is code.\n"
    write("articles/a.md", _front(body, "summary: https://example.com/specialist\n"))
    assert _codes() == []


def test_img_tags_in_code_or_comments_are_not_rendered(
    write: Callable[..., Path], in_tmp: Path
) -> None:
    body = (
        'Use `<img src="x">` in code.\n\n<!-- <img src="old.png"> -->\n\n'
        '<img src="a>b.png" alt="https://example.com/ok">\n\n<img src="bad.png">\n'
    )
    write("articles/a.md", _front(body))
    assert _codes() == [("A002", 12, 1)]
