"""Answers shaped like IGDB's documented ones (api-docs.igdb.com: games with expanded
release_dates, involved_companies, franchise and collection) and Twitch's token."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

GAME = 1942
CLIENT = "igdb-client-0123"
SECRET = "igdb-s3cr3t-abcdef0123456789"


def stamp(day: str) -> int:
    """A day as IGDB's ``date``: seconds since the epoch, midnight UTC."""
    moment = datetime.fromisoformat(day).replace(tzinfo=timezone.utc)
    return int(moment.timestamp())


def release_date(
    platform: str, *, category: int | None = None, day: str = "2027-03-02", region: int = 8,
    release_region: str | None = None, date_format: str | None = None, name: str | None = None,
) -> dict[str, Any]:  # fmt: skip
    moment = datetime.fromisoformat(day)
    item: dict[str, Any] = {
        "id": abs(hash((platform, category, day, region))) % 10**6,
        "date": stamp(day),
        "y": moment.year,
        "m": moment.month,
        "region": region,
        "platform": {"id": 6, "abbreviation": platform, "name": name or platform},
    }
    if category is not None:
        item["category"] = category
    if release_region is not None:
        item["release_region"] = {"id": 1, "region": release_region}
    if date_format is not None:
        item["date_format"] = {"id": 1, "format": date_format}
    if category == 7 or date_format == "TBD":
        del item["date"]  # IGDB gives no date for TBD
    return item


def game(*dates: dict[str, Any], number: int = GAME, name: str = "Judas") -> dict[str, Any]:
    return {
        "id": number,
        "name": name,
        "slug": "judas",
        "url": "https://www.igdb.com/games/judas",
        "alternative_names": [{"id": 1, "name": "ジューダス"}, {"id": 2, "name": "Judas"}],
        "franchise": {"id": 3, "name": "BioShock"},
        "collections": [{"id": 4, "name": "Ghost Story Games"}],
        "involved_companies": [
            company(10, "Ghost Story Games", developer=True),
            company(11, "Take-Two Interactive", publisher=True),
            company(12, "2K", publisher=True),
        ],
        "release_dates": list(dates),
    }


def company(
    number: int, name: str, *, developer: bool = False, publisher: bool = False
) -> dict[str, Any]:
    return {"id": number, "company": {"id": number, "name": name}, "developer": developer,
            "publisher": publisher}  # fmt: skip


def token(value: str, expires_in: int = 5_011_271) -> dict[str, Any]:
    return {"access_token": value, "expires_in": expires_in, "token_type": "bearer"}
