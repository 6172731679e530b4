"""``python -m pozo_site``: the same as the ``pozo-site`` command."""

from pozo_site.cli import run

run()
