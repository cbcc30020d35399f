"""Matching names: the folded form of text, ids from titles, and the one lookup policy.

Titles, aliases, ids and people are all looked up the same way: an exact name first (case-,
accent- and dash-insensitive), else a part of one, compared as written or word by word
(punctuation ignored: "dune part three" finds "Dune: Part Three"); several matches are
listed, none gets "did you mean" suggestions, and a single suggestion that has every word
asked for is taken. No I/O here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Final, TypeVar

from release_countdown.core.errors import NotFoundError, UsageError

T = TypeVar("T")

# Dashes people type as "-" when searching for titles written with an en dash.
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case-, accent- and dash-insensitive form of ``text`` for matching."""
    if text.isascii():  # the common case, ten times faster
        folded = text.lower()
        return (
            folded
            if folded.strip() == folded and "  " not in folded and folded.isprintable()
            else " ".join(folded.split())
        )
    decomposed = unicodedata.normalize("NFKD", text.translate(_DASHES))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


# Apostrophes join (O'Hara, Marvel's); every other run of punctuation separates words.
_APOSTROPHES = re.compile("['\u2019\u02bc`]")
_PUNCTUATION = re.compile(r"[\W_]+")


@lru_cache(maxsize=1 << 16)
def fold_words(text: str) -> str:
    """``fold`` with punctuation ignored: the words of ``text``, one space apart."""
    return " ".join(_PUNCTUATION.sub(" ", _APOSTROPHES.sub("", fold(text))).split())


def part_of(needle: str, name: str) -> bool:
    """Whether ``needle`` is a part of ``name``, as written or word by word (both folded)."""
    if needle in name:
        return True
    words = fold_words(needle)
    return bool(words) and words in fold_words(name)


def slugify(text: str) -> str:
    """The id derived from a title: ``"Mission: Impossible – X"`` -> ``"mission-impossible-x"``.

    Letters of any script are kept (a Japanese title keeps its characters); accents are not.
    """
    return re.sub(r"[\W_]+", "-", fold(text)).strip("-")


def names_match(names: Iterable[str], needles: Sequence[str]) -> bool:
    """Whether a part of any of ``names`` is any of ``needles`` (folded)."""
    return names_hit(names, [fold(needle) for needle in needles])


def names_hit(names: Iterable[str], folded_needles: Sequence[str]) -> bool:
    """``names_match`` with the needles folded already (a filter folds them once, not once a
    title)."""
    for name in names:  # loops, not generators: this runs for every title of a registry
        folded = fold(name)
        for needle in folded_needles:
            if part_of(needle, folded):
                return True
    return False


def find(items: Iterable[T], name: str, names: Callable[[T], Iterable[str]]) -> list[T]:
    """The items named ``name``: those with an exact (folded) name first, then those with a
    name equal to it once punctuation is ignored ("dune part three" names "Dune: Part Three",
    not also its soundtrack album), else a part of one."""
    needle = fold(name)
    every = [(item, [fold(n) for n in names(item)]) for item in items]
    exact = [item for item, folded in every if needle in folded]
    if exact:
        return exact
    words = fold_words(needle)
    if words:
        exact = [item for item, folded in every if any(fold_words(n) == words for n in folded)]
        if exact:
            return exact
    return [item for item, folded in every if any(part_of(needle, n) for n in folded)]


def suggestions(candidates: Iterable[str], name: str, n: int = 3, cutoff: float = 0.5) -> list[str]:
    """The closest names to ``name``, for "did you mean" hints."""
    import difflib

    by_fold: dict[str, str] = {}
    for candidate in candidates:
        by_fold.setdefault(fold(candidate), candidate)
    close = difflib.get_close_matches(fold(name), list(by_fold), n=n, cutoff=cutoff)
    return [by_fold[c] for c in close]


def close_names(candidates: Iterable[str], name: str, n: int = 3) -> list[str]:
    """The closest names to ``name``: those with a word close to it ("zimer" is close to
    "Hans Zimmer"), else those close as a whole."""
    names = list(candidates)
    by_word: dict[str, str] = {}
    for each in names:
        for word in fold_words(each).split():
            by_word.setdefault(word, each)
    words = suggestions(by_word, fold_words(name), n, cutoff=0.75)
    close = list(dict.fromkeys(by_word[w] for w in words))
    return close or suggestions(names, name, n)


# Words people type for a value the tool spells otherwise (`--kind movie` means film).
SYNONYMS: Final = {
    "movie": "film", "movies": "film", "films": "film", "albums": "album",
    "record": "album", "soundtrack": "album", "ost": "album", "score": "album",
    "show": "series", "tv": "series", "videogame": "game", "games": "game", "novel": "book",
}  # fmt: skip


def did_you_mean(candidates: Iterable[str], name: str, *, quoted: bool = True) -> str:
    """``"; did you mean 'A' or 'B'?"`` (``quoted=False``: ``"; did you mean film?"``, for
    words such as kinds, roles and settings), or nothing when no name is close. A synonym
    among ``candidates`` is the one suggestion ("movie": film)."""
    names = list(candidates)
    meant = SYNONYMS.get(fold(name))
    close = [meant] if meant in names else suggestions(names, name)
    shown = [repr(c) if quoted else c for c in close]
    return f"; did you mean {' or '.join(shown)}?" if close else ""


def _only_suggestion(items: Sequence[T], name: str, names: Callable[[T], Iterable[str]]) -> list[T]:
    """The one item the "did you mean" suggestions name (its title and id count as one), when a
    suggested name has every word of ``name``, in any order."""
    by_name: dict[str, list[int]] = {}
    for number, item in enumerate(items):
        for each in names(item):
            by_name.setdefault(each, []).append(number)
    close = suggestions(by_name, name)
    chosen = {number for each in close for number in by_name[each]}
    wanted = set(fold_words(name).split())
    if len(chosen) != 1 or not wanted:
        return []
    if any(wanted <= set(fold_words(each).split()) for each in close):
        return [items[chosen.pop()]]
    return []


def one(
    items: Sequence[T],
    name: str,
    names: Callable[[T], Iterable[str]],
    *,
    shown: Callable[[T], str],
    noun: str = "titles",
    missing: Callable[[str], str] | None = None,
    ident: Callable[[T], str] | None = None,
    dated: Callable[[T], str] | None = None,
) -> T:
    """The one item named ``name``; NotFoundError listing the matches when there are several,
    or saying what was missed (``missing``, else "no title matches ...") when there is none.

    Two items may share a name (Blade of 1998 and of 2027) but never an id: the id written
    exactly (``ident``; "blade" is an id, "Blade" the shared title) settles a tie, and items
    that all bear ``name`` exactly are listed on one line as ``dated`` shows them
    (``blade (1998)``), asking for the id."""
    if not fold(name):  # "" or blanks: a part of every name
        raise UsageError("an empty title would match every title; give a title, id or alias")
    found = find(items, name, names)
    if not found:
        found = _only_suggestion(items, name, names)
    if len(found) > 1 and ident is not None:  # the id as written: "blade", not "Blade"
        found = [item for item in found if ident(item) == name.strip()] or found
    if len(found) == 1:
        return found[0]
    if found and dated is not None and _all_named(found, name, names):
        listed = ", ".join(dated(item) for item in found)
        raise NotFoundError(f'"{name}" matches {len(found)} {noun}: {listed}; give the id')
    if found:
        listed = "\n".join(f"  {shown(item)}" for item in found)
        raise NotFoundError(f"{name!r} matches {len(found)} {noun}; name one of:\n{listed}")
    raise NotFoundError(missing(name) if missing else f"no title matches {name!r}")


def _all_named(found: Sequence[T], name: str, names: Callable[[T], Iterable[str]]) -> bool:
    """Whether each of ``found`` bears ``name`` exactly (folded), not as a part of a name."""
    needle = fold(name)
    return all(any(fold(n) == needle for n in names(item)) for item in found)


def free_id(title: str, year: str, taken: Iterable[str]) -> str:
    """An id for ``title`` that no release has: its slug, else the slug and ``year``
    (``blade-2027``), else the slug numbered (``blade-2``)."""
    used = set(taken)
    base = slugify(title) or "title"
    for candidate in (base, f"{base}-{year}" if year else base):
        if candidate not in used:
            return candidate
    n = 2
    while f"{base}-{n}" in used:
        n += 1
    return f"{base}-{n}"
