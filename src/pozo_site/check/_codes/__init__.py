"""The rule records, one module per family: codes, severities and documentation only.

The rule table (:data:`pozo_site.check.RULES`) is built from each module's ``RULES``
tuple. No module here holds checking code or imports a parser, so the table, the
reporters, ``--select`` and ``pozo-site rules`` cost nothing to import; the checks are in
:mod:`pozo_site.check._rules`, imported only when a file has to be checked.
"""

__all__: list[str] = []
