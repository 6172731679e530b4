"""Write a realistic content folder for the benchmarks: a firm file and N articles.

Run by hand: ``python benchmarks/generate.py FOLDER N [--pages]``; the suite
(``benchmarks/suite.py``) calls :func:`build_site` itself.

Articles have the seed article's size and shape (about 2.3 KB of prose in three or four
sections under a title, date, summary and tags): phone numbers in prose (the firm's in
house style, in another style, an agency's number), links between articles by file and by
slug, images with alt text, dates, counts and docket-like numbers. Most files are clean; a
steady share has findings (an off-style firm number, an unknown number, a missing alt text,
a broken link), so the rules do real work and the reporters have something to print. Every
article's text differs (numbers, names and order vary with its index), so no cache hits
come for free. ``--pages`` writes reference-sized pages instead (about 12 KB each, with
fenced code blocks and tables), like a large technical site.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from pozo_site import make_slug

FIRM = """\
# A fictional firm for the benchmarks (example.com, 555-01xx numbers).
name: Example Immigration Law
advertising_notice: Attorney Advertising
phones:
  - role: main
    number: (212) 555-0123
  - role: toll_free
    number: 1-800-555-0199
    label: Toll Free
practice_areas:
  - Immigration law
areas_served:
  - New York City
"""

TOPICS = (
    "detainer requests",
    "asylum interviews",
    "green card renewals",
    "work permits",
    "naturalization ceremonies",
    "family petitions",
    "visa bulletins",
    "removal hearings",
)
BOROUGHS = ("Manhattan", "Brooklyn", "Queens", "the Bronx", "Staten Island")

OPENING = (
    "A recent report released by the {office} of the {agency} indicates that the agency "
    "received {count:,} requests about {topic} in {year}, and complied with {complied} of "
    "them. Advocates in {borough} said the figures, published on {month} {day}, {year}, "
    "confirm what families have told them for months. The report runs to {pages} pages "
    "and cites case {docket} as the reason for the change."
)
MIDDLE = (
    "New York City has long been a place where immigrants build their lives. The legal "
    "protections afforded within the city's borders have had a positive impact on economic "
    "growth throughout the state, and community groups in {borough} hold {events} free "
    "information sessions each year. Residents who receive a notice about {topic} should "
    "read it carefully, keep every envelope, and write down the date they received it. "
    "The agency's own guidance, revised in {year}, lists {steps} steps and {forms} forms."
)
CLOSING = (
    "By choosing a New York immigration lawyer from our office, you can enjoy the benefits "
    "of our experience. This can help you and your family resolve your issues quickly and "
    "in the most positive way possible. To set up your free in-office consultation with us, "
    "call {firm_number}. We look forward to meeting with you."
)
AGENCY = "For questions about {topic}, the agency's line is {agency_number} on weekdays."

CODE_BLOCK = (
    '```python\nfrom pozo_site import PhoneNumber\n\nnumber = PhoneNumber.parse("{n}")\n```'
)
TABLE = "| form | fee | days |\n|---|---|---|\n" + "".join(
    f"| I-{130 + i} | ${i * 35 + 100} | {i * 3 + 30} |\n" for i in range(8)
)


def _title(index: int) -> str:
    topic = TOPICS[index % len(TOPICS)]
    borough = BOROUGHS[index % len(BOROUGHS)]
    return f"{topic.capitalize()} in {borough}: what the {2010 + index % 15} figures show, {index}"


def _slug(index: int) -> str:
    return make_slug(_title(index))


def article(index: int, total: int, *, pages: bool = False) -> str:
    """One article's full text; deterministic in ``index``."""
    rng = random.Random(index)
    topic = TOPICS[index % len(TOPICS)]
    borough = BOROUGHS[index % len(BOROUGHS)]
    year = 2010 + index % 15
    values = {
        "office": rng.choice(("legislative affairs director", "press office", "inspector")),
        "agency": rng.choice(("NYPD", "city's Law Department", "state's Labor Department")),
        "count": 1000 + index * 7 % 9000,
        "complied": rng.randrange(0, 40),
        "topic": topic,
        "year": year,
        "borough": borough,
        "month": rng.choice(("January", "March", "June", "October")),
        "day": 1 + index % 28,
        "pages": 10 + index % 90,
        "docket": f"{index % 90 + 10}-cv-{index % 9000 + 1000}",
        "events": 3 + index % 20,
        "steps": 4 + index % 9,
        "forms": 2 + index % 6,
    }
    # One file in eight writes the firm's number off the house style (P002), one in
    # sixteen cites an unknown number (P001); the rest are clean.
    firm_number = "212-555-0123" if index % 8 else "(212) 555-0123"
    agency_number = f"718-555-01{index % 100:02d}" if index % 16 == 3 else "800-555-0199"
    alt = "" if index % 25 == 5 else f"The courthouse in {borough}, {year}"
    target = (index + 1) % total
    link = _slug(target) if index % 40 != 9 else "no-such-article"
    sections = [
        OPENING.format(**values),
        f"## {topic.capitalize()} in {borough}",
        MIDDLE.format(**values),
        f"See [the next article](article-{target:06d}.md) and [by its slug]({link}).",
        f"![{alt}](/images/court-{index}.jpg)",
        AGENCY.format(topic=topic, agency_number=agency_number),
        "## What to do next",
        CLOSING.format(firm_number=firm_number),
    ]
    if pages:  # about 12 KB: the same prose repeated with code blocks and tables between
        extra = []
        for part in range(5):
            extra += [
                f"## Reference {part + 1}",
                MIDDLE.format(**values),
                CODE_BLOCK.format(n=f"212-555-01{(index + part) % 100:02d}"),
                TABLE,
                OPENING.format(**values),
            ]
        sections[3:3] = extra
    body = "\n\n".join(sections)
    title = _title(index)
    return (
        "---\n"
        f"title: {title!r}\n"
        f"slug: {_slug(index)}\n"
        f"date: {year}-{1 + index % 12:02d}-{1 + index % 28:02d}\n"
        f"summary: What families in {borough} should know about {topic} ({year}).\n"
        f"tags: [immigration, {topic.replace(' ', '-')}]\n"
        "---\n"
        f"{body}\n"
    )


def build_site(folder: Path, count: int, *, pages: bool = False) -> Path:
    """Write the firm file and ``count`` articles under ``folder``; return ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "firm.yaml").write_text(FIRM, encoding="utf-8")
    articles = folder / "articles"
    articles.mkdir(exist_ok=True)
    for index in range(count):
        text = article(index, count, pages=pages)
        (articles / f"article-{index:06d}.md").write_text(text, encoding="utf-8")
    return folder


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print("usage: python benchmarks/generate.py FOLDER N [--pages]", file=sys.stderr)
        return 2
    folder = build_site(Path(argv[0]), int(argv[1]), pages="--pages" in argv[2:])
    print(f"wrote {int(argv[1])} articles to {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
