"""Phone parsing figures for the suite (``suite.py`` runs this in a child process).

Prints one JSON object of median seconds per call, interleaved over seven rounds:

- ``ours_seen`` / ``pet_seen``: one number seen before, parsed again and again by
  ``PhoneNumber.parse`` and by pydantic-extra-types' ``PhoneNumber`` (through a
  ``TypeAdapter``, as a pydantic field validates it);
- ``ours_new`` / ``raw_new``: numbers never seen before, by ``PhoneNumber.parse`` and by
  ``phonenumbers.parse`` + ``is_valid_number`` + ``format_number`` called directly.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable, Sequence

import phonenumbers
from pydantic import TypeAdapter
from pydantic_extra_types.phone_numbers import PhoneNumber as PetPhoneNumber

from pozo_site import PhoneNumber

SEEN = "+1 212-555-0123"
ROUNDS = 7
CALLS = 2_000


def per_call(function: Callable[[str], object], texts: Sequence[str]) -> float:
    started = time.perf_counter()
    for text in texts:
        function(text)
    return (time.perf_counter() - started) / len(texts)


def raw(text: str) -> str:
    number = phonenumbers.parse(text, "US")
    phonenumbers.is_valid_number(number)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def fresh(start: int) -> list[str]:
    """Valid New York numbers no earlier round used (exchanges 201-999, lines 0000-9999)."""
    numbers = []
    for i in range(start, start + CALLS):
        exchange, line = 201 + i // 10_000 % 799, i % 10_000
        numbers.append(f"+1 212-{exchange}-{line:04d}")
    return numbers


def main() -> None:
    pet = TypeAdapter(PetPhoneNumber)
    samples: dict[str, list[float]] = {
        k: [] for k in ("ours_seen", "pet_seen", "ours_new", "raw_new")
    }
    for index in range(ROUNDS):
        samples["ours_seen"].append(per_call(PhoneNumber.parse, [SEEN] * CALLS))
        samples["pet_seen"].append(per_call(pet.validate_python, [SEEN] * CALLS))
        samples["ours_new"].append(per_call(PhoneNumber.parse, fresh(2 * index * CALLS)))
        samples["raw_new"].append(per_call(raw, fresh((2 * index + 1) * CALLS)))
    print(json.dumps({name: statistics.median(values) for name, values in samples.items()}))


if __name__ == "__main__":
    main()
