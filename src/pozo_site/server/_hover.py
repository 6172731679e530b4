"""What hovering over a phone number shows: its forms, and whether it is the firm's.

>>> from pozo_site._phone import PhoneNumber
>>> print(describe_number("212 555 0100", PhoneNumber.parse("212 555 0100"), None))
**212 555 0100**: Whether it is the firm's cannot be told: the firm profile is invalid.
<BLANKLINE>
- E.164: `+12125550100`
- National: `(212) 555-0100`
- Link: `tel:+1-212-555-0100`
"""

from __future__ import annotations

from pozo_site._firm import FirmProfile
from pozo_site._phone import PhoneNumber

__all__ = ["describe_number"]


def describe_number(raw: str, number: PhoneNumber | None, firm: FirmProfile | None) -> str:
    """Markdown about ``raw`` as written: the number it dials (``None``: none) in E.164,
    national and ``tel:`` forms, and whether ``firm`` lists it (with its label)."""
    if number is None:
        return (
            f"**{raw}** looks like a phone number, but no line has these digits "
            "(check them against the firm profile)."
        )
    if firm is None:
        whose = "Whether it is the firm's cannot be told: the firm profile is invalid."
    else:
        labels = {phone.number: phone.display_label for phone in firm.phones}
        label = labels.get(number)
        if label is None and number.extension:
            label = labels.get(PhoneNumber.parse(number.e164))
        whose = (
            f"One of the firm's numbers ({label})."
            if label is not None
            else "Not one of the firm's numbers."
        )
    lines = [
        f"**{raw}**: {whose}",
        "",
        f"- E.164: `{number.e164}`",
        f"- National: `{number.national}`",
        f"- Link: `{number.tel_uri}`",
    ]
    if number.vanity:
        lines.append(f"- Vanity: `{number.vanity}`")
    return "\n".join(lines)
