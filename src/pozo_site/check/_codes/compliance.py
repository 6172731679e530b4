"""The rule records of the compliance family: codes, severities and documentation.

No checking code, so that the rule table (:data:`pozo_site.check.RULES`), the reporters
and ``--select`` cost nothing to import; the checks are in
:mod:`pozo_site.check._rules.compliance`.
"""

from __future__ import annotations

from typing import Final

from pozo_site.check._finding import Severity
from pozo_site.check._rule import Family, Rule

__all__ = ["ADVERTISING_NOTICE", "DISCLAIMER", "RESULTS_DISCLAIMER", "RULES", "SPECIALIST_WORDING"]

DISCLAIMER: Final = "Prior results do not guarantee a similar outcome"
"""The exact words NY Rule 7.1(e)(3) requires."""

_AID = (
    " This rule is an aid, not legal advice: have a lawyer review the content, and turn "
    'the rule off (ignore = ["{code}"]) if it does not apply to you.'
)

ADVERTISING_NOTICE = Rule(
    code="C001",
    name="advertising-notice-missing",
    family=Family.COMPLIANCE,
    severity=Severity.ERROR,
    summary="The firm profile has no 'Attorney Advertising' notice.",
    explanation=(
        "A New York law firm's website is an advertisement and its home page must show "
        'the words "Attorney Advertising" (Rule 7.1(f); NYSBA Op. 848). The site prints '
        "the notice from the firm profile's advertising_notice, which must therefore be "
        "set and contain those words." + _AID.format(code="C001")
    ),
    example="name: Example Law\nphones:\n  - role: main\n    number: (212) 555-0123",
    reference="NY Rule 7.1(f)",
)
RESULTS_DISCLAIMER = Rule(
    code="C002",
    name="results-disclaimer-missing",
    family=Family.COMPLIANCE,
    severity=Severity.ERROR,
    summary=(
        "An article speaks of results, testimonials or service quality without the "
        "prior-results disclaimer."
    ),
    explanation=(
        "Content likely to create expectations about results, testimonials and "
        "descriptions of the quality of the firm's service must carry the exact words "
        '"Prior results do not guarantee a similar outcome" (Rule 7.1(e)(3); NYSBA '
        "Op. 834 and 848). The rule reads claims, not words: results told in the first "
        "person ('we won asylum', 'we helped a family obtain a green card'), in the third "
        "person with the firm's name or 'the firm' ('Example Law Obtains $1.2 Million "
        "Judgment', 'we secured a preliminary injunction') and in headlines ('$17.5K "
        "Back-Wage Win for Delivery Workers'; in the title any subject counts: 'A Mother "
        "and Her Children Win Protection'); success or approval rates ('our attorneys "
        "have a 98% success rate'); testimonials (a quoted client, also one named by "
        "family role, 'said the mother'; a 'Testimonials' heading); and comparisons or "
        "quality claims ('the best immigration lawyers', 'the #1 immigration firm', "
        "'unsurpassed'). Negations and conditions are not claims ('we won't', 'if we "
        "win', 'after you win asylum'), nor are other organisations' results (a quote "
        "from 'the director of the tenant coalition' saying 'we won', 'the union "
        "secured a $2 million settlement') or other uses of the words ('the #1 train', "
        "'Community Board #1', 'testimonial evidence', 'a track record' asked of a job "
        "applicant, 'the national approval rate'). Fixed "
        "phrases can be added (extend-results-phrases) or replaced (results-phrases). "
        "Every claim is reported, quoted, when the article lacks the disclaimer "
        "(compared ignoring case and line breaks): add the sentence to the article. A "
        "disclaimer cannot cure a misleading claim (Op. 1005)." + _AID.format(code="C002")
    ),
    example="We won asylum for a client from Honduras last year.",
    reference="NY Rule 7.1(e)(3)",
)
SPECIALIST_WORDING = Rule(
    code="C003",
    name="specialist-wording",
    family=Family.COMPLIANCE,
    severity=Severity.WARNING,
    summary="The article says the firm is a 'specialist' or 'specializes'.",
    explanation=(
        "A New York lawyer may not say they are a specialist or specialize in a field "
        "unless certified as Rule 7.4(c) allows, with the disclaimer it requires; "
        "'practice limited to immigration law' or 'concentrates in' are allowed. The "
        "rule flags claims about the firm or its lawyers: 'we specialize in', 'our "
        "attorneys specialize in', '<firm name> specializes in', '<firm name>, which "
        "specializes in', a named lawyer ('Attorney Lind is a specialist in', 'Jane "
        "Ortiz, Esq., specializes in'), 'our asylum specialists', 'our team of "
        "immigration specialists', 'we are specialists', and in Spanish 'nos "
        "especializamos', 'somos especialistas en'. The adjective is not a claim "
        "('specialized medical care', 'specialized courts'), nor is another "
        "organisation's staff ('partnership specialists at the agency') or a staff post "
        "('our intake specialist', 'the paralegal specialist'). Nothing is reported when "
        "the firm profile records a certification. It is a warning because the reading "
        "of a sentence may be wrong." + _AID.format(code="C003")
    ),
    example="Our attorneys specialize in asylum cases.",
    reference="NY Rule 7.4",
)
RULES: tuple[Rule, ...] = (ADVERTISING_NOTICE, RESULTS_DISCLAIMER, SPECIALIST_WORDING)
"""This family's rules, in code order; the rule table is built from them."""
