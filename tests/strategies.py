"""Hypothesis strategies shared by the property-based tests (one place, as in attrs)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

# Any text at all, including controls, surrogates excluded by Hypothesis's default.
any_text = st.text(max_size=80)
hostile_text = st.one_of(
    any_text,
    st.sampled_from(
        [
            "",
            " ",
            "\r\n",
            "</script><script>alert(1)</script>",
            "\u202eevil",
            "a\u2028b",
            "BEGIN:VCARD",
            "x" * 5000,
            "1-88-VISA-LAW-1",
            "(212) 555-0123",
            "\x00",
        ]
    ),
)
scalars: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    hostile_text,
    st.dates().map(dt.date.isoformat),
    st.dates(),
)
json_like: st.SearchStrategy[Any] = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(max_size=10), children, max_size=4),
    ),
    max_leaves=12,
)

phone_like = st.one_of(
    hostile_text,
    st.from_regex(r"\+?[0-9A-Za-z ()\-.]{0,20}( x[0-9]{1,4})?", fullmatch=True),
    st.sampled_from(["tel:+1-212-555-0123", "1-800-FLOWERS", "212-555-0123 ext. 9"]),
)


def model_input(fields: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[dict[str, Any]]:
    """A dict with any subset of ``fields`` (each from its strategy or anything), plus junk keys."""
    values = {name: st.one_of(strategy, json_like) for name, strategy in fields.items()}
    return st.fixed_dictionaries({}, optional=values).flatmap(
        lambda chosen: st.dictionaries(st.text(max_size=8), json_like, max_size=2).map(
            lambda junk: {**junk, **chosen}
        )
    )


firm_input = model_input(
    {
        "name": hostile_text,
        "phones": st.lists(
            st.fixed_dictionaries(
                {
                    "role": st.sampled_from(["main", "toll_free", "other", "bogus"]),
                    "number": phone_like,
                }
            ),
            max_size=3,
        ),
        "email": hostile_text,
        "website": hostile_text,
        "languages": st.lists(hostile_text, max_size=3),
        "practice_areas": st.lists(hostile_text, max_size=3),
    }
)

article_input = model_input(
    {
        "title": hostile_text,
        "slug": hostile_text,
        "date": st.one_of(st.dates(), hostile_text),
        "updated": st.one_of(st.dates(), hostile_text),
        "tags": st.lists(hostile_text, max_size=4),
        "image": st.fixed_dictionaries({"src": hostile_text, "alt": hostile_text}),
        "body": hostile_text,
    }
)

consultation_input = model_input(
    {
        "name": hostile_text,
        "phone": phone_like,
        "email": hostile_text,
        "matter_type": st.sampled_from(["asylum", "other", "tax"]),
        "preferred_contact": st.sampled_from(["phone", "email", "text_message", "fax"]),
        "preferred_date": st.one_of(st.dates(), hostile_text),
        "message": hostile_text,
        "consent": st.one_of(st.just(True), json_like),
        "submitted_at": st.datetimes(timezones=st.just(dt.timezone.utc)),
    }
)

_marker_token = st.text(alphabet="bcdfghjklmnpqrstvwxz", min_size=8, max_size=8)

personal_markers = st.fixed_dictionaries(
    {
        "name": _marker_token.map(lambda t: "Mn" + t),
        "email": _marker_token.map(lambda t: "me" + t),
        "message": _marker_token.map(lambda t: "Mm" + t),
        "digits": st.integers(0, 99).map(lambda n: f"{n:02d}"),
    }
)
"""Unique markers to plant in a consultation request's personal fields (privacy tests)."""

firm_names = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=3000)
"""Display names of any length and script (e-mail header folding tests)."""
