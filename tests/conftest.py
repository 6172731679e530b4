"""Test-run hooks shared by every test folder."""

from __future__ import annotations

import pytest

from tests import adversarial


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the adversarial suite's counts (cases per category, worst time and memory)."""
    lines = adversarial.summary()
    if lines:
        terminalreporter.section("adversarial suite (issue 13)")
        for line in lines:
            terminalreporter.write_line(line)
