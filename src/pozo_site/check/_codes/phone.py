"""The rule records of the phone family: codes, severities and documentation.

No checking code, so that the rule table (:data:`pozo_site.check.RULES`), the reporters
and ``--select`` cost nothing to import; the checks are in
:mod:`pozo_site.check._rules.phone`.
"""

from __future__ import annotations

from pozo_site.check._finding import Severity
from pozo_site.check._rule import Family, Rule

__all__ = ["INVALID", "NOT_FIRM_NUMBER", "NOT_HOUSE_STYLE", "RULES"]

NOT_FIRM_NUMBER = Rule(
    code="P001",
    name="phone-not-firm-number",
    family=Family.PHONE,
    severity=Severity.ERROR,
    summary="A phone number in an article is not one of the firm's numbers.",
    explanation=(
        "Every number an article prints must be one the firm profile lists: a typo in the "
        "firm's own number sends prospective clients to a stranger, the most expensive "
        "mistake an advertisement can make. Correct the digits, or add the number to the "
        "firm profile if it is a new line of the firm's. A number an article cites on "
        "purpose (an agency's hotline, a court's information line) goes in other-numbers "
        "in [tool.pozo-site], which the contact blocks never print. When the number "
        "differs from a firm number by one digit or two swapped digits, the message names "
        "that number. The phone rules read what a visitor reads: prose and front matter "
        "values, and tel: links; not code, HTML comments, URLs, link targets, the slug or "
        "image.src. They read a number as people write one: text glued to letters, dots "
        "or hyphens (versions such as 7.3-rc.1, dockets such as 1:18-cv-0912-XYZ, "
        "2019-October, 9.30am-9.45am, 360-degrees), digit groups no phone number has "
        "(sections 12.101 - 12.109, ZIP+4 codes, dates), receipt and A-numbers, and bare "
        "digit runs longer than phone-max-bare-digits (default 9) without a word such as "
        "'call' or 'phone' before them are not numbers. Keypad letters count only in a "
        "full vanity shape (1-800-FLOWERS: a country code, a bracketed or toll-free area "
        "code, then whole groups of letters or digits) or in the firm's own vanity text. "
        "A firm number with an extension (212-201-9031 ext. 12) is the firm's."
    ),
    example="Call us at 212-201-9013.",
)
NOT_HOUSE_STYLE = Rule(
    code="P002",
    name="phone-not-house-style",
    family=Family.PHONE,
    severity=Severity.WARNING,
    summary="A firm number is written in a form other than the house style.",
    explanation=(
        "The firm's numbers should look the same everywhere; the house style is set by "
        "phone-style in [tool.pozo-site] (default 'dashes': 212-201-9031). A number "
        "written as the firm's own vanity text (1-88-VISA-LAW-1) is accepted as well. "
        "With other-numbers-style = true, the numbers listed in other-numbers are held to "
        "the house style too. `pozo-site check --fix` rewrites the number in the house "
        "style."
    ),
    example="Call us at (212) 201-9031.",
    fixable=True,
)
INVALID = Rule(
    code="P003",
    name="phone-invalid",
    family=Family.PHONE,
    severity=Severity.ERROR,
    summary="Text shaped like a phone number is not a valid number.",
    explanation=(
        "Text written like a North American number, such as (212) 101-9031, whose digits "
        "no line can have (an area code or exchange starting with 0 or 1, an unassigned "
        "area code): almost always a typo. Text written like a firm number (or a number "
        "in other-numbers) with one digit too few or too many, such as 212-201-903, is "
        "reported too, naming the number it nearly is; a valid number one digit off a "
        "firm number is P001, whose message names the firm number. Check the digits "
        "against the firm profile."
    ),
    example="Call us at (212) 101-9031.",
)
RULES: tuple[Rule, ...] = (NOT_FIRM_NUMBER, NOT_HOUSE_STYLE, INVALID)
"""This family's rules, in code order; the rule table is built from them."""
