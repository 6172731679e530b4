"""Public names imported on first use: the module ``__getattr__`` (PEP 562) that
``pozo_site`` and ``pozo_site.render`` share, so that a tool needing only ``PhoneNumber``
pays for no Markdown parser, template engine or e-mail validator.

>>> namespace: dict[str, object] = {}
>>> getattr_, dir_ = lazy_attributes("demo", {"math": ("pi",)}, namespace, ["pi"])
>>> round(getattr_("pi"), 2), "pi" in namespace
(3.14, True)
>>> getattr_("tau")
Traceback (most recent call last):
...
AttributeError: module 'demo' has no attribute 'tau'
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, MutableMapping, Sequence

__all__ = ["lazy_attributes", "module_of"]


def module_of(exports: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """``{name: module}`` for ``exports`` given as ``{module: names}``."""
    return {name: module for module, names in exports.items() for name in names}


def lazy_attributes(
    package: str,
    exports: Mapping[str, Sequence[str]],
    namespace: MutableMapping[str, object],
    public: Sequence[str],
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """A package's ``__getattr__`` and ``__dir__``: a name of ``exports`` (``{module:
    names}``) is imported from its module on first use and then kept in ``namespace`` (the
    package's ``globals()``); ``dir()`` lists the loaded and the ``public`` names."""
    where = module_of(exports)

    def __getattr__(name: str) -> object:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *public})

    return __getattr__, __dir__
