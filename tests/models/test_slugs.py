"""make_slug cuts only at the end, at a word boundary, and never drops an inner word."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from slugify import slugify

from pozo_site._article import SLUG_DERIVED_LENGTH, make_slug

WORDS = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=14),
    min_size=1,
    max_size=30,
)


@given(WORDS)
def test_the_slug_is_the_full_slug_cut_at_a_word_boundary(words: list[str]) -> None:
    title = " ".join(words)
    full = slugify(title)
    slug = make_slug(title)
    assert len(slug) <= SLUG_DERIVED_LENGTH
    assert full.startswith(slug)
    if slug != full and len(full.split("-")[0]) <= SLUG_DERIVED_LENGTH:
        assert full[len(slug)] == "-"  # cut between words, never inside one
        next_word = full[len(slug) + 1 :].split("-")[0]
        assert len(slug) + 1 + len(next_word) > SLUG_DERIVED_LENGTH  # as many words as fit


def test_the_issue_title_keeps_its_inner_words() -> None:
    title = (
        "Tenant Advocates and City Council Members Gather to Examine Police Monitoring of Tenants"
    )
    assert make_slug(title).endswith("-examine-police-monitoring-of")
    assert make_slug("x" * 120) == "x" * SLUG_DERIVED_LENGTH  # no boundary: cut inside
