"""Safe, bounded YAML loading for front matter and firm files.

PyYAML's safe loader (the C one where PyYAML was built with libyaml) with two limits that
matter for files written by hand and read in CI: anchors and aliases are refused outright
(a "billion laughs" document is rejected after composing, before anything is expanded),
and so is nesting deeper than :data:`MAX_DEPTH`. :func:`compose_yaml` also returns the
node graph, whose marks give the line and column of every key and value; the content
checks ask it to keep an impossible date as an :class:`InvalidScalar`, so that validation
reports it at its key.

>>> load_yaml("title: Hello\\ntags: [a, b]\\n")
{'title': 'Hello', 'tags': ['a', 'b']}
"""

from __future__ import annotations

from typing import Any, Final

import yaml

__all__ = ["MAX_DEPTH", "InvalidScalar", "YamlError", "compose_yaml", "load_yaml"]

try:  # pragma: no branch - which loader exists depends on how PyYAML was built
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH: Final = 50


class YamlError(ValueError):
    """A YAML text cannot be loaded. ``line`` and ``column`` are 1-based, where known.

    ``code`` is ``yaml_syntax``, ``yaml_alias``, ``yaml_too_deep`` or ``yaml_multiple_documents``.
    """

    def __init__(
        self, message: str, *, code: str, line: int | None = None, column: int | None = None
    ):
        super().__init__(message)
        self.code = code
        self.line = line
        self.column = column


def _check_graph(root: yaml.Node) -> None:
    # Walk iteratively; a node seen twice is an alias (the composer shares the node).
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen or getattr(node, "anchor", None):
            mark = node.start_mark
            raise YamlError(
                "YAML anchors and aliases (& and *) are not allowed here",
                code="yaml_alias",
                line=mark.line + 1,
                column=mark.column + 1,
            )
        seen.add(id(node))
        if depth > MAX_DEPTH:
            mark = node.start_mark
            raise YamlError(
                f"YAML nested deeper than {MAX_DEPTH} levels",
                code="yaml_too_deep",
                line=mark.line + 1,
                column=mark.column + 1,
            )
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)


class InvalidScalar(str):
    """A YAML timestamp that is not a real date or time (``2018-02-31``), kept as its text
    so that validation reports it at its key instead of the YAML parser failing."""

    __slots__ = ()


class _TolerantLoader(_Loader):
    pass


def _timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)  # type: ignore[arg-type]
    except (ValueError, OverflowError, AttributeError):  # AttributeError: !!timestamp x
        return InvalidScalar(node.value)


_TolerantLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def compose_yaml(text: str, *, keep_invalid_dates: bool = False) -> tuple[Any, yaml.Node | None]:
    """Load one YAML document; return ``(data, root node)`` (``(None, None)`` when empty).

    Raises :class:`YamlError` for syntax errors (with the line), aliases, excessive
    nesting, or more than one document. With ``keep_invalid_dates``, a timestamp that is
    no real date (``2018-02-31``) becomes an :class:`InvalidScalar` instead of an error.

    >>> compose_yaml("date: 2018-02-31", keep_invalid_dates=True)[0]
    {'date': '2018-02-31'}
    """
    loader = (_TolerantLoader if keep_invalid_dates else _Loader)(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        _check_graph(node)
        return loader.construct_document(node), node
    except YamlError:
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = " ".join(p for p in (error.context, error.problem) if p) or "invalid YAML"
        code = "yaml_multiple_documents" if "single document" in message else "yaml_syntax"
        raise YamlError(
            message,
            code=code,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
    except AttributeError:
        # The safe constructor on a scalar its explicit tag does not fit: "!!timestamp
        # garbage" fails inside PyYAML with an AttributeError.
        raise YamlError(
            "invalid YAML: a value does not fit its tag (such as !!timestamp)", code="yaml_syntax"
        ) from None
    except (yaml.YAMLError, RecursionError, ValueError, TypeError, OverflowError) as error:
        # ValueError/TypeError/OverflowError: the safe constructor on odd scalars, such as
        # a timestamp with a day 32, an integer of more than 4,300 digits or an
        # unhashable mapping key.
        raise YamlError(f"invalid YAML: {_first_clause(error)}", code="yaml_syntax") from None
    finally:
        loader.dispose()


def _first_clause(error: BaseException) -> str:
    # "Exceeds the limit (4300) for integer string conversion: ...; use
    # sys.set_int_max_str_digits() to increase the limit": the advice is for programmers.
    return str(error).split("; use sys.")[0]


def load_yaml(text: str) -> Any:
    """Load one YAML document safely, refusing aliases and deep nesting."""
    return compose_yaml(text)[0]
