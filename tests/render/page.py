"""The example page a web developer builds from the library alone (Jinja2, no hand-written
markup besides the page's frame): the firm's JSON-LD, the contact block and the shipped
example article with its call to action and ``BlogPosting`` JSON-LD.

Shared by the consumer tests (html5lib, extruct, mf2py) and the browser test.
"""

from __future__ import annotations

import jinja2
from markupsafe import Markup

from pozo_site import default_firm, example_articles
from pozo_site._firm import FirmProfile
from pozo_site.render import firm_jsonld, jsonld_script, render_article_html, render_contact_block

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} | {{ firm.name }}</title>
<style>
body { font: 16px/1.5 "DejaVu Sans", "Liberation Sans", sans-serif; margin: 0; color: #1a1a1a; }
header, main, footer { max-width: 46rem; margin: 0 auto; padding: 1rem 1.5rem; }
header { border-bottom: 3px solid #123c69; }
.contact-block { background: #f3f6fa; border-radius: 6px; padding: 0.25rem 1rem; }
.contact-block ul { list-style: none; padding: 0; }
a { color: #0b4f9c; }
.call-to-action { font-weight: bold; }
</style>
{{ firm_data }}
</head>
<body>
<header>
{{ contact }}
</header>
<main>
{{ article }}
</main>
</body>
</html>
"""


def example_page(firm: FirmProfile | None = None) -> str:
    """The example page as HTML5 text."""
    firm = firm or default_firm()
    [article] = example_articles()
    environment = jinja2.Environment(autoescape=True, keep_trailing_newline=True)
    return environment.from_string(_PAGE).render(
        title=article.title,
        firm=firm,
        firm_data=Markup(jsonld_script(firm_jsonld(firm))),
        contact=Markup(render_contact_block(firm, "html")),
        article=Markup(render_article_html(article, firm)),
    )
