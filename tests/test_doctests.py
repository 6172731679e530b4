"""The runnable examples in the modules' docstrings stay true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "pozo_site",
    "pozo_site._phone",
    "pozo_site._phone_field",
    "pozo_site._phone_reading",
    "pozo_site._text",
    "pozo_site._yaml",
    "pozo_site._lazy",
    "pozo_site._frontmatter",
    "pozo_site._firm",
    "pozo_site._article",
    "pozo_site._consultation",
    "pozo_site._contact",
    "pozo_site._files",
    "pozo_site._schema",
    "pozo_site.render._summary",
    "pozo_site.render._article",
    "pozo_site.check._finding",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.IGNORE_EXCEPTION_DETAIL)
    assert result.failed == 0
    assert result.attempted > 0
