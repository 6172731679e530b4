"""Phone parsing and import figures, each measured side by side with its yardstick.

``suite.py`` runs this file in a child process and reads the JSON object it prints;
``bench_phone.py`` prints the same figures as a table. Functions, for either:

- :func:`phone_figures`: median seconds per call, the variants interleaved round by round
  (the order alternating, so that a busy machine slows each alike), measured in CPU time
  of this process (``time.process_time``: the work a call does, not the time it waited for
  a core on a shared machine):

  - ``ours_seen`` / ``pet_seen``: one number seen before, parsed again and again by
    ``PhoneNumber.parse`` and by pydantic-extra-types' ``PhoneNumber`` (through a
    ``TypeAdapter``, as a pydantic field validates it);
  - ``ours_new`` / ``raw_new``: numbers never seen before, by ``PhoneNumber.parse`` and by
    ``phonenumbers.parse`` + ``is_valid_number`` + ``format_number`` called directly;
  - ``ours_other`` / ``raw_other``: the same with London numbers (``+44 20 7...``), which
    ``PhoneNumber.parse`` reads through ``phonenumbers.parse`` (the fast path is for
    North American numbers), for information.

- :func:`import_figures`: median seconds of ``import pozo_site`` and of
  ``import pydantic, phonenumbers``, each in a fresh interpreter (timed inside it, so that
  interpreter start-up is not counted), interleaved; and, for information, what a tool that
  only needs ``PhoneNumber`` or ``FirmProfile`` pays to import it.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from typing import Final

import phonenumbers
from pydantic import TypeAdapter
from pydantic_extra_types.phone_numbers import PhoneNumber as PetPhoneNumber

from pozo_site import PhoneNumber

SEEN = "+1 212-555-0123"
ROUNDS = 9
CALLS = 2_000

IMPORTS = {
    "import_ours": "import pozo_site",
    "import_base": "import pydantic, phonenumbers",
    "import_phone": "from pozo_site import PhoneNumber",
    "import_phone_firm": "from pozo_site import PhoneNumber, FirmProfile",
}
"""The statements :func:`import_figures` times; the first two are the target's pair."""


def per_call(function: Callable[[str], object], texts: Sequence[str]) -> float:
    started = time.process_time()
    for text in texts:
        function(text)
    return (time.process_time() - started) / len(texts)


def raw(text: str) -> str:
    number = phonenumbers.parse(text, "US")
    phonenumbers.is_valid_number(number)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


NEW_YORK: Final = "+1 212-{exchange}-{line:04d}"
LONDON: Final = "+44 20 7{exchange} {line:04d}"  # 020 7201 0000 to 020 7999 9999, all valid


def fresh(start: int, form: str = NEW_YORK) -> list[str]:
    """Valid numbers no earlier round used (exchanges 201-999, lines 0000-9999), written
    in ``form``."""
    numbers = []
    for i in range(start, start + CALLS):
        numbers.append(form.format(exchange=201 + i // 10_000 % 799, line=i % 10_000))
    return numbers


def phone_figures(rounds: int = ROUNDS) -> dict[str, float]:
    """Median seconds per call of the six phone variants (see the module docstring)."""
    pet = TypeAdapter(PetPhoneNumber)
    PhoneNumber.parse(SEEN)  # seen before: in the cache from here on
    samples: dict[str, list[float]] = {
        k: [] for k in ("ours_seen", "pet_seen", "ours_new", "raw_new", "ours_other", "raw_other")
    }
    for index in range(rounds):
        cases: list[tuple[str, Callable[[str], object], list[str]]] = [
            ("ours_seen", PhoneNumber.parse, [SEEN] * CALLS),
            ("pet_seen", pet.validate_python, [SEEN] * CALLS),
            ("ours_new", PhoneNumber.parse, fresh(2 * index * CALLS)),
            ("raw_new", raw, fresh((2 * index + 1) * CALLS)),
            ("ours_other", PhoneNumber.parse, fresh(2 * index * CALLS, LONDON)),
            ("raw_other", raw, fresh((2 * index + 1) * CALLS, LONDON)),
        ]
        for name, function, texts in cases if index % 2 else reversed(cases):
            samples[name].append(per_call(function, texts))
    return {name: statistics.median(values) for name, values in samples.items()}


def _timed_import(statement: str, python: str) -> float:
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    out = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout)


def import_figures(repeat: int = 11, python: str = sys.executable) -> dict[str, float]:
    """Median seconds of each statement in :data:`IMPORTS`, each run in a new interpreter."""
    samples: dict[str, list[float]] = {name: [] for name in IMPORTS}
    for index in range(repeat):
        order = list(IMPORTS.items())
        for name, statement in order if index % 2 else reversed(order):
            samples[name].append(_timed_import(statement, python))
    return {name: statistics.median(values) for name, values in samples.items()}


def main() -> None:
    print(json.dumps(phone_figures()))


if __name__ == "__main__":
    main()
