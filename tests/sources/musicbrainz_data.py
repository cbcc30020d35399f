"""MusicBrainz answers shaped like the web service's documented JSON (release-group lookup
with inc=artist-credits, release-group search): partial dates, soundtracks, XW areas."""

from __future__ import annotations

from typing import Any

MBID = "6f2f1b8e-1c4a-4f6e-9a39-2f0d5c3e7b11"


def mbid(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


def group(
    ident: str = MBID,
    *,
    title: str = "Dune: Part Three (Original Motion Picture Soundtrack)",
    first: str = "2026-12",
    secondary: tuple[str, ...] = ("Soundtrack",),
) -> dict[str, Any]:
    return {
        "id": ident,
        "title": title,
        "first-release-date": first,
        "primary-type": "Album",
        "primary-type-id": "f529b476-6e62-324f-b0aa-1f3e33d313fc",
        "secondary-types": list(secondary),
        "disambiguation": "",
        "artist-credit": [
            {"name": "Hans Zimmer", "joinphrase": " & ",
             "artist": {"id": "e6de1f3b-6484-491c-88dd-6d619f142abc", "name": "Hans Zimmer",
                        "sort-name": "Zimmer, Hans"}},
            {"name": "Loren Balfe", "joinphrase": "",
             "artist": {"id": "e6de1f3b-6484-491c-88dd-6d619f142abd", "name": "Lorne Balfe",
                        "sort-name": "Balfe, Lorne"}},
        ],
        "releases": [
            {"id": "b3f1", "title": title, "status": "Official", "date": "2026-12",
             "country": "XW",
             "release-events": [{"date": "2026-12", "area": {
                 "name": "[Worldwide]", "iso-3166-1-codes": ["XW"]}}]},
        ],
    }  # fmt: skip


def search(*groups: dict[str, Any]) -> dict[str, Any]:
    return {"created": "2026-11-25T10:00:00.000Z", "count": len(groups), "offset": 0,
            "release-groups": [{**g, "score": 100} for g in groups]}  # fmt: skip
