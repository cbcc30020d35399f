"""Edits of a registry document (tomlkit, so comments and formatting survive).

Each function changes the document in place and returns what it did, in words. The caller
(writing/change.py, change_registry) validates the result and writes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from release_countdown.core.dates import (
    DateFormError,
    Precision,
    canonical_date_text,
    parse_date_text,
)
from release_countdown.core.errors import NotFoundError, UsageError
from release_countdown.core.matching import fold, free_id, one, slugify
from release_countdown.core.model import Release
from release_countdown.core.standing import id_and_year, year_of
from release_countdown.writing.fields import append_entry as _append_entry
from release_countdown.writing.fields import (
    edit_tags,
    record_retitle,
    remove_alias,
    remove_id,
    set_id,
    set_typed_date,
)
from release_countdown.writing.fields import new_table as _new_table

if TYPE_CHECKING:
    from tomlkit import TOMLDocument
    from tomlkit.items import Table


def date_value(text: str, option: str = "--date") -> Any:
    """A date form as the TOML value to store: a TOML date for exact days, else the string in
    the registry's form ("Q4 2027" is stored as "2027-Q4")."""
    try:
        text = canonical_date_text(text)
        spec = parse_date_text(text)
    except DateFormError as exc:
        raise UsageError(f"{option}: {exc}") from None
    if spec.precision is Precision.DAY and spec.earliest is not None:
        return spec.earliest
    if spec.precision is Precision.TIME and spec.instant is not None:
        return spec.instant
    return " ".join(text.split())


def find_release(releases: Sequence[Release], name: str) -> int:
    """The index of the release named ``name`` (id, title or alias; exact, else a part)."""
    return one(
        range(len(releases)),
        name,
        lambda i: (releases[i].id, releases[i].title, *releases[i].aliases),
        shown=lambda i: f"{releases[i].id}  {releases[i].title}",
        missing=lambda name: f"no title matches {name!r} in this registry",
        ident=lambda i: releases[i].id,
        dated=lambda i: id_and_year(releases[i]),
    )


def release_table(document: TOMLDocument, index: int) -> Table:
    table: Table = document["release"][index]
    return table


def _add_to_list(table: Table, key: str, value: str) -> bool:
    """Append ``value`` to the array ``key`` unless it is there already (case-insensitively)."""
    if key not in table:
        table.add(key, [value])
        return True
    if any(fold(str(v)) == fold(value) for v in table[key]):
        return False
    table[key].append(value)
    return True


def parse_credit(text: str) -> tuple[str, str]:
    """``"composer=Lorne Balfe"`` -> ``("composer", "Lorne Balfe")``."""
    role, sep, name = text.partition("=")
    if not sep or not role.strip() or not name.strip():
        raise UsageError(f"{text!r} is not ROLE=NAME (e.g. composer=Lorne Balfe)")
    return role.strip().lower(), name.strip()


@dataclass
class NewRelease:
    title: str
    date: str
    id: str | None = None
    kind: str | None = None
    franchise: str | None = None
    aliases: list[str] = field(default_factory=list)
    credits: list[tuple[str, str]] = field(default_factory=list)
    region: str | None = None
    type: str | None = None
    announced: str | None = None
    checked: dt.date | None = None
    note: str | None = None
    tags: list[str] = field(default_factory=list)  # as core/params.tag leaves them
    season: int | None = None  # a series entry's season


def add_words(new: NewRelease) -> list[str]:
    """The words of the `countdown add` that asks for ``new`` (after ``countdown``)."""
    words = ["add", new.title]
    named = {"id": new.id, "date": new.date, "kind": new.kind, "franchise": new.franchise,
             "region": new.region, "type": new.type, "announced": new.announced, "note": new.note,
             "checked": new.checked.isoformat() if new.checked else None}  # fmt: skip
    words += [w for option, v in named.items() if v is not None for w in (f"--{option}", v)]
    words += [w for alias in new.aliases for w in ("--alias", alias)]
    words += [w for tag in new.tags for w in ("--tag", tag)]
    words += ["--season", str(new.season)] if new.season is not None else []
    for role, name in new.credits:
        plain = role in ("composer", "director")
        words += [f"--{role}", name] if plain else ["--person", f"{role}={name}"]
    return words


def _other_id(releases: Sequence[Release], new: NewRelease, also: Sequence[str]) -> str:
    """The whole command that adds ``new`` under a free id (the title's slug and year)."""
    from release_countdown.core.commandline import command_line

    try:
        year = year_of(parse_date_text(canonical_date_text(new.date)))
    except DateFormError:
        year = ""
    free = free_id(new.title, year, (r.id for r in releases))
    again = command_line([*add_words(replace(new, id=free)), *also])
    return f"add it under another id: {again}"


def add_release(
    document: TOMLDocument,
    releases: Sequence[Release],
    new: NewRelease,
    also: Sequence[str] = (),
) -> str:
    """Append ``new``; an id taken is refused with the command that adds it under a free id
    (``new``'s own options, then ``also``: the command's other options, --registry PATH)."""
    import tomlkit

    if not new.title.strip():
        raise UsageError("TITLE is empty: give the title of the release")
    wanted = new.id or slugify(new.title)
    for release in releases:  # two releases may share a title or alias, never an id
        if release.id == wanted:
            raise UsageError(
                f'id "{wanted}" is already used by "{release.title}" '
                f"({year_of(release.date) or 'TBA'}); {_other_id(releases, new, also)}"
            )
    table = _new_table()
    table.add("id", wanted)  # pinned: fixing the title later keeps the id and calendar UID
    table.add("title", new.title)
    if new.aliases:
        table.add("aliases", list(new.aliases))
    if new.kind:
        table.add("kind", new.kind)
    if new.season is not None:
        table.add("season", new.season)
    if new.franchise:
        table.add("franchise", new.franchise)
    if new.tags:
        table.add("tags", list(dict.fromkeys(new.tags)))
    table.add("date", date_value(new.date))
    if new.announced:
        table.add("announced", date_value(new.announced, "--announced"))
    if new.checked:
        table.add("checked", new.checked)
    if new.note:
        table.add("note", new.note)
    if new.credits:
        people = _new_table()
        for role, name in new.credits:
            _add_to_list(people, role, name)
        table.add("people", people)
    if new.region or new.type:
        if not (new.region and new.type):
            raise UsageError("--region and --type go together (e.g. --region US --type theatrical)")
        typed = _new_table()
        typed.add("region", new.region)
        typed.add("type", new.type)
        typed.add("date", date_value(new.date))
        _append_entry(table, "dates", typed)
    if "release" in document:
        document["release"].append(table)
    else:
        entries = tomlkit.aot()
        entries.append(table)
        document.append("release", entries)
    return f'added "{new.title}" (id {wanted})'


@dataclass
class Edits:
    title: str | None = None
    date: str | None = None
    kind: str | None = None
    add_people: list[tuple[str, str]] = field(default_factory=list)
    remove_people: list[tuple[str, str]] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    note: str | None = None
    checked: dt.date | None = None
    announced: dt.date | None = None  # of the retitle (default: the day of the edit)
    sources: list[str] = field(default_factory=list)
    franchise: str | None = None
    remove_aliases: list[str] = field(default_factory=list)
    date_for: list[tuple[str, str, str]] = field(default_factory=list)  # region, type, date
    today: dt.date | None = None  # the day of the edit: a retitle is recorded as of it
    ids: list[tuple[str, str]] = field(default_factory=list)  # source, id (fields.parse_id)
    remove_ids: list[str] = field(default_factory=list)  # sources
    lead: tuple[int, ...] | None = None  # the title's own leads; (): the default again
    tags: list[str] = field(default_factory=list)  # to add, as core/params.tag leaves them
    season: int | None = None  # a series entry's season
    untags: list[str] = field(default_factory=list)  # to remove


def _one_date_each(typed: Sequence[tuple[str, str, str]]) -> None:
    """Each REGION:TYPE once in one edit: two dates for one slot would keep only the last."""
    seen: dict[tuple[str, str], str] = {}
    for region, kind, when in typed:
        if (region, kind) in seen:
            raise UsageError(
                f"--date-for {region}:{kind} is given twice ({seen[region, kind]} and {when}); "
                "give each REGION:TYPE once"
            )
        seen[region, kind] = when


def edit_release(
    document: TOMLDocument, releases: Sequence[Release], name: str, edits: Edits
) -> str:
    index = find_release(releases, name)
    release, table = releases[index], release_table(document, index)
    if edits.title is not None and not edits.title.strip():
        raise UsageError("--title is empty")
    _one_date_each(edits.date_for)
    done: list[str] = []
    already: list[str] = []  # what was asked and is already so

    def put(key: str, value: Any, said: str, held: str) -> None:
        if key in table and table[key] == value:
            already.append(held)
        else:
            table[key] = value
            done.append(said)

    if edits.title is not None and edits.title == release.title:
        already.append(f'the title "{edits.title}"')
    if edits.title is not None and edits.title != release.title:
        if "id" not in table:  # keep the id: it is derived from the old title
            table.add("id", release.id)
        table["title"] = edits.title
        _add_to_list(table, "aliases", release.title)
        day = edits.announced or edits.today  # the caller reads the clock
        spec = parse_date_text(edits.date or release.date.iso())
        if day is None or (spec.latest is not None and day > spec.latest):
            # An announcement comes before its date: a title fixed after the release is a
            # correction, not news for the history.
            done.append(
                f'retitled "{release.title}" to "{edits.title}" (old title kept as alias; not '
                f"in the history: released before {day}, pass --announced DATE to record it)"
            )
        else:
            in_force = date_value(spec.iso() if edits.date is None else edits.date)
            record_retitle(table, release, edits.title, day=day, date=in_force, value=date_value)
            done.append(
                f'retitled "{release.title}" to "{edits.title}" on {day} '
                "(recorded in the history; old title kept as alias)"
            )
    if edits.date is not None:
        from release_countdown.core.changes import change_of, gap_words

        moved = change_of(release.date, parse_date_text(edits.date))
        put(
            "date", date_value(edits.date),
            f"date set to {edits.date} ({moved.kind.value} from {release.date.iso()}"
            f"{gap_words(moved, ', ')})",
            f"date {edits.date}",
        )  # fmt: skip
    if edits.season is not None:
        put("season", edits.season, f"season set to {edits.season}", f"season {edits.season}")
    if edits.franchise is not None:
        franchise = edits.franchise
        put("franchise", franchise, f"franchise set to {franchise}", f"franchise {franchise}")
    for source in edits.sources:
        if _add_to_list(table, "sources", source):
            done.append(f"source {source} added")
        else:
            already.append(f"source {source}")
    for alias in edits.remove_aliases:
        done.append(remove_alias(table, release, alias))
    for region, kind, when in edits.date_for:
        done.append(set_typed_date(table, region, kind, when, date_value(when, "--date-for")))
    for key in edits.remove_ids:
        done.append(remove_id(table, release, key))
    for key, value in edits.ids:
        if release.ids.get(key) == value:
            already.append(f"{key} id {value}")
        else:
            done.append(set_id(table, releases, release, key, value))
    edit_tags(table, release, edits.tags, edits.untags, done=done, already=already)
    if edits.kind is not None:
        put("kind", edits.kind, f"kind set to {edits.kind}", f"kind {edits.kind}")
    for alias in edits.aliases:
        if _add_to_list(table, "aliases", alias):
            done.append(f'alias "{alias}" added')
        else:
            already.append(f'alias "{alias}"')
    for role, person in edits.add_people:
        if "people" not in table:
            table.add("people", _new_table())
        if _add_to_list(table["people"], role, person):
            done.append(f"{role} {person} added")
        else:
            already.append(f"{role} {person}")
    for role, person in edits.remove_people:
        people = table.get("people")
        names = people.get(role) if people is not None else None
        match = [i for i, n in enumerate(names or []) if fold(str(n)) == fold(person)]
        if people is None or names is None or not match:
            raise NotFoundError(f'"{release.title}" has no {role} named {person!r}')
        del names[match[0]]
        if not names:
            del people[role]
        if not people:
            del table["people"]
        done.append(f"{role} {person} removed")
    if edits.note is not None:
        put("note", edits.note, "note set", "that note")
    if edits.lead:
        said = ", ".join(leads := [f"{n}d" for n in edits.lead])
        put("lead", leads, f"leads set to {said}", f"leads {said}")
    elif edits.lead is not None and table.pop("lead", None) is not None:
        done.append("leads back to the default")
    elif edits.lead is not None:
        already.append("the default leads")
    if edits.checked is not None:
        checked = edits.checked.isoformat()
        put("checked", edits.checked, f"checked on {checked}", f"checked {checked}")
    if not done:
        if already:
            return f'nothing to change: "{release.title}" already has {", ".join(already)}'
        if replace(edits, today=None) != Edits():
            return f"{release.id}: nothing to change, it is already so"
        raise UsageError("nothing to change: give at least one option (see countdown edit -h)")
    return f"{release.id}: " + "; ".join(done)
