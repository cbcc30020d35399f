"""What the HTML pages show, worked out before the templates see it: cards, the timeline
strip and the slip chart as numbers for inline SVG. Templates escape every text (autoescape)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from release_countdown.core.rows import Row

STRIP_BEFORE, STRIP_AFTER, STRIP_WIDTH = 30, 365, 1000


def safe_url(url: str) -> str | None:
    """A source worth a link: http(s) only, so ``javascript:`` and the like stay text."""
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


@dataclass(frozen=True)
class Card:
    row: Row
    people: tuple[tuple[str, str], ...]  # (role, "Name, Name")
    target: str | None  # for the ticking clock: a day (local midnight) or an instant
    target_kind: str  # "day", "time" or "" (nothing to tick)
    search_text: str  # what the filter bar's live search matches, lower case

    @property
    def dimmed(self) -> bool:
        return self.row.status == "released"


def card(row: Row) -> Card:
    people = tuple((role, ", ".join(names)) for role, names in row.people.items())
    if row.precision == "time":
        target, kind = row.date, "time"
    elif row.precision == "day" and row.earliest is not None:
        target, kind = row.earliest.isoformat(), "day"
    else:
        target, kind = None, ""
    words = [row.title, *row.aliases, *(name for _, names in people for name in [names])]
    return Card(row, people, target, kind, " ".join(words).lower())


def cards(rows: Sequence[Row]) -> list[Card]:
    """One card per row; TBA titles last, the rest in the query's order."""
    made = [card(row) for row in rows]
    return [c for c in made if c.row.status != "tba"] + [c for c in made if c.row.status == "tba"]


@dataclass(frozen=True)
class Mark:
    id: str
    title: str
    x: float
    label: str
    released: bool


@dataclass(frozen=True)
class Strip:
    marks: tuple[Mark, ...]
    today_x: float
    ticks: tuple[tuple[float, str], ...]  # month starts: x and "Jan 2027"


def _x(day: date, first: date) -> float:
    span = STRIP_BEFORE + STRIP_AFTER
    return round((day - first).days / span * STRIP_WIDTH, 1)


def strip(rows: Sequence[Row], today: date) -> Strip:
    """The timeline strip: dated titles from 30 days ago to a year ahead."""
    first = date.fromordinal(today.toordinal() - STRIP_BEFORE)
    last = date.fromordinal(today.toordinal() + STRIP_AFTER)
    marks = tuple(
        Mark(row.id, row.title, _x(row.earliest, first), row.date, row.status == "released")
        for row in rows
        if row.earliest is not None and first <= row.earliest <= last
    )
    ticks = []
    month = date(first.year, first.month, 1)
    while month <= last:
        if month >= first:
            ticks.append((_x(month, first), month.strftime("%b %Y")))
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return Strip(marks, _x(today, first), tuple(ticks))


@dataclass(frozen=True)
class Chart:
    """The slip chart: each announced date against its announcement; an exact date is a dot,
    a fuzzy one a band over its window (the line passes through its middle), TBA a gap."""

    points: str  # the polyline's "x,y x,y"
    dots: tuple[tuple[float, float, str], ...]
    width: int
    height: int
    bands: tuple[tuple[float, float, float, str], ...] = ()  # x, top y, height, label


def slip_chart(row: Row) -> Chart | None:
    days = [(h.date, h.earliest, h.latest) for h in row.history]
    if not days or days[-1][0] != row.date:
        days.append((row.date, row.earliest, row.latest))
    known = [(first, last) for _, first, last in days if first is not None and last is not None]
    if len(days) < 2 or not known:
        return None
    width, height, pad = 600, 200, 30
    low = min(first.toordinal() for first, _ in known)
    high = max(last.toordinal() for _, last in known)
    span = max(high - low, 1)

    def y_of(day: date) -> float:
        return round(height - pad - (day.toordinal() - low) / span * (height - 2 * pad), 1)

    line, dots, bands = [], [], []
    for n, (label, first, last) in enumerate(days):
        if first is None or last is None:
            continue  # TBA: a gap
        x = round(pad + n * (width - 2 * pad) / (len(days) - 1), 1)
        top, bottom = y_of(last), y_of(first)
        if first == last:
            dots.append((x, bottom, label))
            line.append((x, bottom))
        else:
            bands.append((x, top, round(bottom - top, 1), label))
            line.append((x, round((top + bottom) / 2, 1)))
    points = " ".join(f"{x},{y}" for x, y in line)
    return Chart(points, tuple(dots), width, height, tuple(bands))


def inbox_words(count: int) -> str | None:
    """``2 titles in the inbox`` (what follows proposed), or nothing when it is empty."""
    if count <= 0:
        return None
    return f"{count} title{'s' if count != 1 else ''} in the inbox (countdown inbox)"
