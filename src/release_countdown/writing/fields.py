"""The field edits of `countdown edit` beyond the basics: a retitle recorded in the history,
sources, franchise, tags, aliases removed, typed regional dates added or changed, source ids.

Each function changes one release table (tomlkit) in place and returns what it did, in words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from release_countdown.core.errors import NotFoundError, UsageError
from release_countdown.core.matching import fold
from release_countdown.core.model import Release
from release_countdown.core.record import label

if TYPE_CHECKING:
    from tomlkit.items import Table


def new_table() -> Table:
    import tomlkit

    return tomlkit.table()


def append_entry(release: Table, key: str, entry: Table) -> None:
    import tomlkit

    if key in release:
        release[key].append(entry)
    else:
        entries = tomlkit.aot()
        entries.append(entry)
        release.add(key, entries)


def days_entry(table: Table, release: Release, day: dt.date) -> Any:
    """The release's last history entry when it was announced on ``day``, else None.

    One change, one entry: a second change announced the same day (a postpone, then a
    retitle; a date corrected twice) amends that day's entry instead of adding another."""
    last = release.history[-1] if release.history else None
    if last is None or last.announced is None or last.announced.iso() != day.isoformat():
        return None
    return table["history"][-1]


def _iso(value: Any) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def record_retitle(
    table: Table,
    release: Release,
    new_title: str,
    *,
    day: dt.date,
    date: Any,
    value: Callable[[str], Any],
) -> None:
    """A history entry saying that ``new_title`` was adopted on ``day`` (``date``, the TOML
    value of the date then in force); when no entry names a title yet, one first records the
    old title, so that views of earlier days keep showing it. ``value``: a date's TOML value.
    An entry announced on ``day`` takes the new title, and ``date`` when the same run set a
    new one (see ``days_entry``: one change a day, one entry)."""
    todays = days_entry(table, release, day)
    if todays is not None:
        if len(release.history) > 1 and not any(h.title for h in release.history):
            before = table["history"][-2]
            if "title" not in before:
                before["title"] = release.title  # so views of earlier days keep showing it
        if release.history[-1].date.iso() != _iso(date):
            todays["date"] = date
        todays["title"] = new_title
        return
    if not any(h.title for h in release.history):
        first = new_table()
        latest = [h.announced for h in release.history if h.announced is not None]
        before = latest[-1] if latest else release.announced
        if before is not None:
            first.add("announced", value(before.iso()))
        first.add("date", value(release.date.iso()))
        first.add("title", release.title)
        append_entry(table, "history", first)
    entry = new_table()
    entry.add("announced", day)
    entry.add("date", date)
    entry.add("title", new_title)
    append_entry(table, "history", entry)


def edit_tags(
    table: Table, release: Release, tags: Sequence[str], untags: Sequence[str], *,
    done: list[str], already: list[str],
) -> None:  # fmt: skip
    """Remove ``untags`` (each must be there), then add ``tags`` (each once), in words."""
    for tag in untags:
        held = table.get("tags")
        if held is None or tag not in held:
            raise NotFoundError(f'"{release.title}" has no tag {tag!r}')
        del held[list(held).index(tag)]
        if not held:
            del table["tags"]
        done.append(f"tag {tag} removed")
    for tag in tags:
        if tag in table.get("tags", ()):
            already.append(f"tag {tag}")
            continue
        if "tags" not in table:
            table.add("tags", [])
        table["tags"].append(tag)
        done.append(f"tag {tag} added")


def remove_alias(table: Table, release: Release, alias: str) -> str:
    aliases = table.get("aliases")
    match = [i for i, a in enumerate(aliases or []) if fold(str(a)) == fold(alias)]
    if aliases is None or not match:
        raise NotFoundError(f'"{release.title}" has no alias {alias!r}')
    removed = str(aliases[match[0]])
    del aliases[match[0]]
    if not aliases:
        del table["aliases"]
    return f'alias "{removed}" removed'


def set_typed_date(table: Table, region: str, kind: str, date: str, value: Any) -> str:
    """Add the typed date of ``region`` and ``kind`` on no platform, or change it when there
    is one (``value``: the TOML value of the date form ``date``). A game's date on a platform
    is another slot (refresh's: region, type, platform), never changed for it."""
    from release_countdown.core.platforms import same_platform

    for entry in table.get("dates", []):
        platform = entry.get("platform")
        if (
            str(entry.get("region", "")).upper() == region
            and entry.get("type") == kind
            and same_platform(None if platform is None else str(platform), None)
        ):
            entry["date"] = value
            return f"{region} {kind} date set to {date}"
    typed = new_table()
    typed.add("region", region)
    typed.add("type", kind)
    typed.add("date", value)
    append_entry(table, "dates", typed)
    return f"{region} {kind} date {date} added"


def parse_id(text: str) -> tuple[str, str]:
    """``"tmdb=movie/575264"`` -> ``("tmdb", "movie/575264")``, checked against its form."""
    from release_countdown.registry.format import ID_FORMS

    key, sep, value = (part.strip() for part in text.partition("="))
    key = key.lower()
    if not sep or key not in ID_FORMS:
        raise UsageError(f"{text!r} is not SOURCE=ID (SOURCE one of {', '.join(ID_FORMS)})")
    pattern, example = ID_FORMS[key]
    if not pattern.fullmatch(value):
        raise UsageError(f"{text!r}: a {label(key)} id looks like {example}")
    return key, value


def set_id(
    table: Table, releases: Sequence[Release], release: Release, key: str, value: str
) -> str:
    """Attach the id ``key`` = ``value`` (ids stay unique: another entry's is refused; a
    show's seasons share its ids, told apart by ``season``: core/seasons.keyed_ids). A show's
    id needs the entry's season (without, it names the whole show, which nothing refreshes)."""
    from release_countdown.core.seasons import is_show, keyed_ids

    if is_show(key, value) and release.season is None:
        raise UsageError(
            f"{key}={value} names a show, and {release.title!r} (id {release.id}) no season: "
            f"`countdown link {release.id} {key}:{value}/season/N` attaches one season"
        )
    wanted = (key, value, release.season)
    owner = next(
        (r for r in releases if r.id != release.id and wanted in keyed_ids(r.ids, r.season)),
        None,
    )
    if owner is not None:
        raise UsageError(
            f'{label(key)} id {value} already belongs to "{owner.title}" (id {owner.id}); '
            f"`countdown edit {owner.id} --remove-id {key}` first"
        )
    if "ids" not in table:
        table.add("ids", new_table())
    table["ids"][key] = value
    return f"{label(key)} id {value} attached"


def remove_id(table: Table, release: Release, key: str) -> str:
    ids = table.get("ids")
    if ids is None or key.lower() not in ids:
        raise NotFoundError(f'"{release.title}" has no {label(key.lower())} id')
    value = str(ids[key.lower()])
    del ids[key.lower()]
    if not ids:
        del table["ids"]
    return f"{label(key.lower())} id {value} removed"
