"""`follow add`: what to follow (a ref, a web address or a person's name looked up), with the
defaults the issue sets (name, jobs, types, since), written as one ``[[follow]]`` table."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from release_countdown.core.errors import NotFoundError, UsageError
from release_countdown.core.follow import REF_FORMS, Follow, FollowMode, follow_ref

if TYPE_CHECKING:
    from release_countdown.core.model import Release
    from release_countdown.core.record import Candidate
    from release_countdown.sources.config import SourceSettings
    from release_countdown.writing.change import Change

# An artist's release types when none is given (the issue: albums, EPs and soundtracks).
ARTIST_TYPES: Final = ("album", "ep", "soundtrack")


class Ambiguous(NotFoundError):
    """Several people answer to a name: each is listed (``candidates``), none is chosen."""

    def __init__(self, message: str, candidates: Sequence[Candidate]) -> None:
        super().__init__(message)
        self.candidates = tuple(candidates)


@dataclass(frozen=True)
class Wanted:
    """What `follow add` was asked, as typed values (the options' own parsers made them)."""

    what: str  # a ref, a web address or a name
    jobs: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    since: datetime.date | None = None
    tba: bool = True
    mode: FollowMode = "inbox"
    name: str | None = None


@dataclass(frozen=True)
class Added:
    follow: Follow
    change: Change
    notes: tuple[str, ...]  # for stderr: how a default was chosen


def _looks_like_ref(text: str) -> bool:
    from release_countdown.core.follow import FOLLOW_KINDS

    return "://" in text or text.split(":", 1)[0].lower() in FOLLOW_KINDS


def person(where: SourceSettings, query: str) -> Candidate:
    """The one person a source knows by ``query`` (TMDB with a key, else MusicBrainz's
    artists); NotFoundError for none, Ambiguous listing them for several."""
    from release_countdown.workflows.fetching import module

    source = "tmdb" if where.tmdb_configured() else "musicbrainz"
    found: list[Candidate] = module(source).people(where.service(source), query)
    if not found:
        raise NotFoundError(f"no one named {query!r} at {source}; give a ref ({REF_FORMS[0]})")
    if len(found) == 1:
        return found[0]
    raise Ambiguous(
        f"{len(found)} people answer to {query!r}: run follow add again with one ref above",
        found,
    )


def follow_of(
    wanted: Wanted, where: SourceSettings, today: datetime.date
) -> tuple[Follow, list[str]]:
    """The Follow to add and the notes on its defaults."""
    from release_countdown.core.matching import slugify

    notes: list[str] = []
    ref = follow_ref(wanted.what)
    known_name = None
    if ref is None:
        if _looks_like_ref(wanted.what):
            raise UsageError(f"{wanted.what!r} is not a ref to follow; the forms are: "
                             + ", ".join(REF_FORMS))  # fmt: skip
        chosen = person(where, wanted.what)
        ref, known_name = chosen.ref, chosen.title
        notes.append(f"found {chosen.title} ({chosen.ref})")
    if ref.startswith("tvmaze:"):  # a show: named by its title, told if it has ended
        known_name, said = _show(where, ref.partition(":")[2])
        notes.append(said)
    name = wanted.name or slugify(known_name or ref)
    jobs, types = wanted.jobs, wanted.types
    ident = ref.partition(":")[2]
    if not jobs and ident.startswith("person/"):
        if where.tmdb_configured():
            from release_countdown.workflows.fetching import module

            jobs = tuple(module("tmdb").default_jobs(where.service("tmdb"), ident))
            notes.append(f"jobs: {', '.join(jobs)} (the known-for department's; --job for others)")
        else:
            notes.append("no TMDB key is set: following every job (give --job to choose)")
    if not types and ident.startswith("artist/"):
        types = ARTIST_TYPES
    follow = Follow(
        name=name, ref=ref, jobs=jobs, types=types, kinds=wanted.kinds,
        since=wanted.since or today, tba=wanted.tba, mode=wanted.mode,
    )  # fmt: skip
    return follow, notes


def _show(where: SourceSettings, ident: str) -> tuple[str, str]:
    """A followed show's title, and the note on it: its seasons to come, or its end."""
    from release_countdown.workflows.fetching import module

    show = module("tvmaze").show_of(where.service("tvmaze"), ident)
    said = f"found {show.title} (tvmaze:{ident}, {len(show.seasons)} seasons listed)"
    if show.ended:
        said += f"; it has ended (status {show.status}): `follow check` will keep nothing"
    return str(show.title), said


def add(
    wanted: Wanted,
    where: SourceSettings,
    today: datetime.date,
    change: Callable[..., Change],
) -> Added:
    """Look up what ``wanted`` names, then add it through ``change`` (cli/reading.change:
    the path, the edit, and dry_run bound)."""
    from release_countdown.writing.follows import add_follow, on_follows

    follow, notes = follow_of(wanted, where, today)
    done = change(on_follows(lambda document: add_follow(document, follow)))
    return Added(follow, done, tuple(notes))


def listed(follows: Sequence[Follow], releases: Sequence[Release]) -> list[dict[str, Any]]:
    """`follow list --json`: each follow's keys (``since`` an ISO day) and how many titles
    of the registry it brought (their ``origin``)."""
    from collections import Counter

    titles = Counter(release.origin for release in releases if release.origin)
    rows = []
    for follow in follows:
        row: dict[str, Any] = follow._asdict()
        del row["line"]
        row["since"] = follow.since and follow.since.isoformat()
        row["titles"] = titles[follow.origin]
        rows.append(row)
    return rows


def listed_line(row: dict[str, Any]) -> str:
    """One row of ``listed`` as `follow list` prints it."""
    from release_countdown.core.seasons import is_show

    source, _, ident = str(row["ref"]).partition(":")
    every = "every season" if is_show(source, ident) else "every credit"  # a show's seasons
    which = ", ".join(row["jobs"] or row["types"] or [every])
    undated = "" if row["tba"] else ", dated only"
    titles = "title " if row["titles"] == 1 else "titles"
    return (f"{row['name']:<20} {row['ref']:<24} {row['mode']:<5} {row['titles']:>3} {titles}  "
            f"{which}; since {row['since'] or 'any day'}{undated}")  # fmt: skip
