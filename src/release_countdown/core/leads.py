"""Lead times ("30d,7d,1d,0d"): when before a release a reminder is due. The one parser, for
`--lead`, `[notify] lead`, a release's own `lead` and `edit --lead`."""

from __future__ import annotations

import re
from collections.abc import Sequence

_LEAD = re.compile(r"\s*(\d{1,4})\s*([dw])\s*", re.IGNORECASE)


def parse_leads(text: str | Sequence[str], what: str = "a lead time") -> tuple[int, ...]:
    """``"30d,7d,1d,0d"`` (or a list of such) -> ``(30, 7, 1, 0)``: days, largest first.

    ValueError says what would be right."""
    parts = text.split(",") if isinstance(text, str) else [p for t in text for p in t.split(",")]
    leads: set[int] = set()
    for part in parts:
        found = _LEAD.fullmatch(part)
        if found is None:
            raise ValueError(
                f"{part.strip()!r} is not {what} (expected days or weeks before the "
                "release, comma-separated: 30d,7d,1d,0d or 2w)"
            )
        amount = int(found[1])
        leads.add(amount * 7 if found[2].lower() == "w" else amount)
    if not leads:
        raise ValueError("no lead time given (expected e.g. 30d,7d,1d,0d)")
    return tuple(sorted(leads, reverse=True))


def lead_text(lead: int | None) -> str | None:
    return None if lead is None else f"{lead}d"
