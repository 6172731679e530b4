"""The checks, one module per family (the rule records are in :mod:`pozo_site.check._codes`).

:data:`pozo_site.check._rules._checkers.CHECKERS` lists the check functions in a fixed
order; the runner imports it, and with it every family's parsers, only when a file has
to be checked (a run whose every file is a cache hit never does). File-family findings
come from the loader instead.
"""

__all__: list[str] = []
