"""Template limits (issue 13, item 8) and template errors that were tracebacks (item 7).

A caller's template that exhausts time, memory or numbers is a ``RenderError`` whose code
names the limit; one whose filter or macro fails is ``template_failed``: never another
exception. Peak memory of every refused case is measured and held small.
"""

from __future__ import annotations

import time
import tracemalloc

import pytest

from pozo_site._files import default_firm
from pozo_site.render import RenderError, _templating
from pozo_site.render._templating import TemplateKind, render_source
from tests.adversarial import record

LIMITED = [
    ("{{ 9**(9**9) }}", "template_number_too_large"),
    ("{{ (10**3000) * (10**3000) }}", "template_number_too_large"),
    ('{{ "x"*10**9 }}', "template_output_too_large"),
    ("{{ [1]*10**9 }}", "template_output_too_large"),
    ('{{ "%0999999999d" % 1 }}', "template_output_too_large"),
    ('{{ "%*d" % (999999999, 1) }}', "template_output_too_large"),
    ('{{ "%0999999999d"|format(1) }}', "template_output_too_large"),
    ('{{ "{:0999999999}".format(1) }}', "template_output_too_large"),
    ('{{ "{0:{1}}".format(1, 999999999) }}', "template_output_too_large"),
    ('{{ "x".ljust(10**9) }}', "template_output_too_large"),
    ('{{ "x"|center(10**9) }}', "template_output_too_large"),
    ("{{ 'x'|indent(10**9) }}", "template_output_too_large"),
    ("{{ lipsum(10**9) }}", "template_output_too_large"),
    (
        "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}",
        "template_output_too_large",
    ),
    (
        "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}"
        "{% endfor %}",
        "template_output_too_large",
    ),
    ("{{ 'x' * 900000 }}{{ 'x' * 900000 }}", "template_output_too_large"),
    (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "template_too_slow",
    ),
    (
        "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
        "template_too_slow",
    ),
]
FAILING = [
    "{{ 5|wordwrap }}",
    "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    "{{ 1/0 }}",
    "{{ 'a' < 1 }}",
    "{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}",  # RecursionError while compiling
]
ALLOWED = [
    ("{{ 2**100 }}", "1267650600228229401496703205376"),
    ("{{ 'ab' * 3 }}", "ababab"),
    ("{{ '%05d' % 3 }}", "00003"),
    ("{{ '{:>6}'.format('ab') }}", "    ab"),
    ("{{ range(3)|list|join(',') }}", "0,1,2"),
    ("{{ firm.name|center(20) }}", "   Pozo Goldstein   "),
]


@pytest.fixture
def short_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_templating, "MAX_RENDER_SECONDS", 1.5)


def _render(source: str) -> str:
    return render_source(TemplateKind.TEXT, source, {"firm": default_firm()})


@pytest.mark.usefixtures("short_time_limit")
@pytest.mark.parametrize(("source", "code"), LIMITED)
def test_a_limit_is_a_render_error_naming_it(source: str, code: str) -> None:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(RenderError) as caught:
            _render(source)
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert caught.value.code == code
    assert "limit" in caught.value.message
    assert peak < 50_000_000  # refused before the gigabytes, not after
    record("template limits", seconds=elapsed, peak_bytes=peak, case=source[:40])


@pytest.mark.parametrize("source", FAILING)
def test_a_failing_template_is_a_render_error(source: str) -> None:
    with pytest.raises(RenderError) as caught:
        _render(source)
    assert caught.value.code in ("template_failed", "template_syntax")
    record("template limits")


@pytest.mark.parametrize(("source", "expected"), ALLOWED)
def test_ordinary_templates_are_not_limited(source: str, expected: str) -> None:
    assert _render(source) == expected


def test_the_time_limit_is_cancelled_after_a_render(short_time_limit: None) -> None:
    assert _render("{{ firm.name }}") == "Pozo Goldstein"
    time.sleep(2.0)  # past the limit: nothing may be raised into this thread now
    assert _render("{{ 1 + 1 }}") == "2"
