"""MusicBrainz (musicbrainz.org, paths under /ws/2/, fmt=json): albums as release groups.

An album's headline date is the release group's ``first-release-date`` at its precision
("2027", "2027-03" or a full day; empty is TBA). Credited artists are the ``artist`` role,
or ``composer`` when the release group is a soundtrack. One request per title: MusicBrainz
allows one a second, so refresh of many albums takes a second each.
"""

from __future__ import annotations

import re
from typing import Any, Final

from release_countdown.core.follow import Credit
from release_countdown.core.record import (
    LABELS,
    Candidate,
    FetchOptions,
    SourceRecord,
    headline_basis,
)
from release_countdown.sources import clean
from release_countdown.sources.http import Service

LABEL: Final = LABELS["musicbrainz"]
PAGE: Final = "https://musicbrainz.org/"
_MBID: Final = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_LUCENE: Final = re.compile(r'([+\-!(){}\[\]^"~*?:\\/]|&&|\|\|)')


def date_form(value: Any, where: str) -> str:
    """``first-release-date`` as a date form: "2009", "2009-05", "2009-05-12"; TBA when
    MusicBrainz gives none (absent or ""); RefusedDate for anything else ("0000-00-00",
    "2027-13", "2027-02-30": the date gate, sources/clean.py)."""
    return clean.date_form(value, f"{where}: first-release-date") or "TBA"


def _role(group: dict[str, Any]) -> str:
    kinds = group.get("secondary-types") or []
    return "composer" if "Soundtrack" in kinds else "artist"


def _artists(group: dict[str, Any]) -> tuple[str, ...]:
    names = [
        name
        for credit in group.get("artist-credit") or []
        # The artist's own name (as people filters know it), not the name as credited here.
        if (name := clean.text((credit.get("artist") or {}).get("name") or credit.get("name")))
    ]
    return clean.names(names)


def lookup(service: Service, query: str, kind: str | None, year: int | None) -> list[Candidate]:
    words = _LUCENE.sub(r"\\\1", query.strip())
    params = {"query": f"releasegroup:({words})", "fmt": "json", "limit": "15"}
    ref = f"search {query!r}"
    data = service.get("/ws/2/release-group", params, ref)
    try:
        found = []
        for group in data["release-groups"]:
            ident, title = group.get("id"), clean.text(group.get("title"))
            if not isinstance(ident, str) or not _MBID.fullmatch(ident) or title is None:
                continue
            try:
                when = date_form(group.get("first-release-date"), LABEL)
            except clean.RefusedDate:
                when = "TBA"  # a search shows no date; an import refuses it
            if year is not None and not when.startswith(str(year)):
                continue
            artists = _artists(group)
            kinds = [group.get("primary-type"), *(group.get("secondary-types") or [])]
            note = " + ".join(k for k in map(clean.text, kinds) if k) or None
            found.append(
                Candidate(
                    f"musicbrainz:release-group/{ident}", title,
                    None if when == "TBA" else when, "album",
                    {_role(group): artists} if artists else {}, note,
                )
            )  # fmt: skip
    except (KeyError, TypeError, AttributeError) as exc:
        raise clean.unexpected(LABEL, ref, exc) from None
    return found


def fetch(service: Service, ident: str, options: FetchOptions) -> SourceRecord:
    """The release group ``ident`` ("release-group/MBID") with its credited artists."""
    ref = f"musicbrainz:{ident}"
    data = service.get(f"/ws/2/{ident}", {"inc": "artist-credits", "fmt": "json"}, ref)
    try:
        title = clean.text(data["title"])
        if title is None or data.get("id") != ident.removeprefix("release-group/"):
            raise ValueError("not this release group")
        artists = _artists(data)
        return SourceRecord(
            source="musicbrainz",
            label=LABEL,
            ref=ref,
            title=title,
            kind="album",
            date=date_form(data.get("first-release-date"), f"{LABEL}: {ref}"),
            people={_role(data): artists} if artists else {},
            page=PAGE + ident,
            ids={"musicbrainz": ident},
            headline=headline_basis("WW", "album"),  # the first release anywhere
        )
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise clean.unexpected(LABEL, ref, exc) from None


# --- follows: an artist's release groups ------------------------------------------------------

PAGE_SIZE: Final = 100  # the most a browse request returns
MAX_GROUPS: Final = 10_000  # an artist's listing stops here (100 pages: 100 s at 1 a second)


def people(service: Service, query: str) -> list[Candidate]:
    """Artists named ``query`` (/ws/2/artist search), for ``follow add NAME``: the note is
    MusicBrainz's disambiguation, else the artist's type ("Person", "Group")."""
    words = _LUCENE.sub(r"\\\1", query.strip())
    ref = f"search {query!r}"
    data = service.get(
        "/ws/2/artist", {"query": f"artist:({words})", "fmt": "json", "limit": "15"}, ref
    )
    try:
        found = []
        for artist in data["artists"]:
            ident, name = artist.get("id"), clean.text(artist.get("name"))
            if isinstance(ident, str) and _MBID.fullmatch(ident) and name is not None:
                note = clean.text(artist.get("disambiguation")) or clean.text(artist.get("type"))
                found.append(
                    Candidate(f"musicbrainz:artist/{ident}", name, None, "person", note=note)
                )
    except (KeyError, TypeError, AttributeError) as exc:
        raise clean.unexpected(LABEL, ref, exc) from None
    return found


def credits(service: Service, ident: str, options: FetchOptions) -> list[Credit]:
    """The release groups of the artist ``ident`` ("artist/MBID"), every page of the browse
    (one request a second, as the service's limits space them), with their primary and
    secondary types in lower case ("album", "soundtrack"); no first-release-date is TBA; a
    date the date gate refuses leaves its release group out. The listing ends at the count
    MusicBrainz gives, at a page with nothing new, or at MAX_GROUPS."""
    kind, _, mbid = ident.partition("/")
    ref = f"musicbrainz:{ident}"
    if kind != "artist" or not _MBID.fullmatch(mbid):
        raise service.fail(ref, "only an artist (artist/MBID) can be followed")
    found: dict[str, Credit] = {}
    seen: set[str] = set()
    offset, count = 0, 1
    try:
        while offset < min(count, MAX_GROUPS):
            params = {"artist": mbid, "limit": str(PAGE_SIZE), "offset": str(offset), "fmt": "json"}
            data = service.get("/ws/2/release-group", params, ref)
            groups, count = data["release-groups"], data["release-group-count"]
            if type(count) is not int or not isinstance(groups, list):
                raise TypeError("release-group-count or release-groups")
            ids = {str(group.get("id")) for group in groups}
            if ids <= seen:  # an empty page, or one seen already: the end
                break
            seen |= ids
            offset += len(groups)
            for group in groups:
                credit = _group_credit(group, ref)
                if credit is not None and credit.ref not in found:
                    found[credit.ref] = credit
    except (KeyError, TypeError, AttributeError) as exc:
        raise clean.unexpected(LABEL, ref, exc) from None
    return list(found.values())


def _group_credit(group: dict[str, Any], ref: str) -> Credit | None:
    ident, title = group.get("id"), clean.text(group.get("title"))
    if not isinstance(ident, str) or not _MBID.fullmatch(ident) or title is None:
        return None
    key = f"musicbrainz:release-group/{ident}"
    try:
        when = date_form(group.get("first-release-date"), f"{LABEL}: {ref}: {key}")
    except clean.RefusedDate:
        return None
    kinds = [group.get("primary-type"), *(group.get("secondary-types") or [])]
    types = tuple(dict.fromkeys(k.lower() for k in map(clean.text, kinds) if k))
    return Credit(key, title, "album", when, types=types)
