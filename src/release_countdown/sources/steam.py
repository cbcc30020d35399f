"""The Steam store (store.steampowered.com, no key): ``/api/appdetails?appids=ID`` answers
``{ID: {success, data}}``, one app a request (about 200 requests in 5 minutes).

``release_date.date`` is free text in the language asked for (English): only the forms the
registry's own phrasing rule reads (core/dates.canonical_date_text: "18 Dec, 2026", "Dec 18,
2026", "December 2026", "Q1 2027", and "2027") become dates, at the precision written; any
other text ("Coming soon", "SOON™") is TBA with the text kept as the typed date's note.
The store's date is one for every system the app runs on: a typed date (type digital,
worldwide) for each of PC (Windows), Mac and Linux the app's ``platforms`` flags, so a
filter by platform finds it. Developers and publishers are those roles.

Steam documents no keyless search (the store's storesearch is not a published API):
lookup is not offered; import takes the ref or the store page's address.
"""

from __future__ import annotations

from typing import Any, Final

from release_countdown.core.errors import SourceNotFound, UsageError
from release_countdown.core.record import (
    LABELS,
    Candidate,
    FetchOptions,
    SourceDate,
    SourceRecord,
    headline_basis,
)
from release_countdown.sources import clean
from release_countdown.sources.http import Service

LABEL: Final = LABELS["steam"]
PAGE: Final = "https://store.steampowered.com/app/"
TYPE: Final = "digital"
# The app's platforms flags, and the platform each names (IGDB's abbreviations).
PLATFORMS: Final = {"windows": "PC", "mac": "Mac", "linux": "Linux"}


def lookup(service: Service, query: str, kind: str | None, year: int | None) -> list[Candidate]:
    raise UsageError(
        f"{LABEL} has no documented search: find the game on {PAGE.removesuffix('app/')}, "
        "then `countdown import https://store.steampowered.com/app/ID/` (or steam:app/ID); "
        "or search IGDB (--source igdb)"
    )


def date_form(value: Any, where: str) -> tuple[str, str | None]:
    """``release_date.date`` as (a date form, the note): a form the registry reads at its
    own precision, else ("TBA", the text as written); ("TBA", None) when there is none. A
    date of a known form that is no date ("Feb 30, 2027") is the gate's RefusedDate."""
    from release_countdown.core.dates import DateFormError, canonical_date_text

    text = clean.text(value)
    if text is None:
        return "TBA", None
    try:
        form = canonical_date_text(text)
    except DateFormError:  # a month or quarter without a year: "Q1"
        return "TBA", text
    if not clean.fits(form, quarters=True):
        return "TBA", text
    return clean.date_form(form, f"{where}: release_date", quarters=True) or "TBA", None


def fetch(service: Service, ident: str, options: FetchOptions) -> SourceRecord:
    """The app ``ident`` ("app/1245620") with its store date, developers and publishers."""
    ref = f"steam:{ident}"
    number = ident.removeprefix("app/")
    answer = service.get("/api/appdetails", {"appids": number, "l": "english"}, ref)
    try:
        found = answer[number]
        if found.get("success") is not True:
            raise SourceNotFound(
                f"{LABEL}: {ref}: not found (the store has no app {number} to show: "
                "removed, not released in every country, or not an app)"
            )
        return _record(found["data"], ident, f"{LABEL}: {ref}")
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise clean.unexpected(LABEL, ref, exc) from None


def _record(data: dict[str, Any], ident: str, where: str) -> SourceRecord:
    title = clean.text(data["name"])
    if title is None:
        raise ValueError("no name")
    released = data.get("release_date") or {}
    form, note = date_form(released.get("date"), where)
    flags = data.get("platforms") or {}
    platforms = [name for flag, name in PLATFORMS.items() if flags.get(flag) is True] or ["PC"]
    roles = {"developer": data.get("developers"), "publisher": data.get("publishers")}
    people = {
        role: names
        for role, given in roles.items()
        if (names := clean.names([n for v in given or [] if (n := clean.text(v))]))
    }
    return SourceRecord(
        source="steam",
        label=LABEL,
        ref=f"steam:{ident}",
        title=title,
        kind="game",
        date=form,
        people=people,
        dates=tuple(SourceDate("WW", TYPE, form, note=note, platform=p) for p in platforms),
        page=PAGE + ident.removeprefix("app/") + "/",
        ids={"steam": ident},
        headline=headline_basis("WW", "game"),  # the store's one date, worldwide
        covers=None,  # the store's date is the same everywhere: every region answered
    )
