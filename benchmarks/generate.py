"""Seeded synthetic registries for benchmarks, in three shapes (``--shape``):

- ``long`` (the default): realistic mixes of kinds, fuzzy and exact dates, regional dates,
  announcement history on 40 % of titles and 3-8 people per title;
- ``short``: a title, a date and one or two people (no id, kind, dates or history);
- ``history``: the long entries, each with 5-8 history entries.

    python benchmarks/generate.py 10000 > /tmp/registry-10k.toml
    python benchmarks/generate.py 10000 --shape short > /tmp/registry-10k-short.toml
    python benchmarks/generate.py 10000 --taskwarrior > /tmp/tasks-10k.json

``--taskwarrior`` writes the same titles (of the same shape and seed) as taskwarrior import JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import date, timedelta

KINDS = ["film"] * 5 + ["album"] * 2 + ["game"] * 2 + ["series"] * 2 + ["book", "other"]
REGIONS = ["US", "GB", "FR", "DE", "JP", "IN", "BR", "WW"]
TYPES = {
    "film": ["premiere", "theatrical", "streaming", "digital"],
    "album": ["digital", "physical"],
    "game": ["digital", "physical"],
    "series": ["streaming", "tv", "premiere"],
    "book": ["physical", "digital"],
    "other": ["digital", "physical", "limited"],
}
ROLES = ["director", "composer", "writer", "cast", "cast", "cast", "producer"]
FIRST = ["Ada", "Ben", "Chloé", "Dev", "Émile", "Fatima", "Gus", "Hana", "Ivan", "Jóhann", "Kai",
         "Lorne", "Max", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tomás", "Uma", "Vik"]  # fmt: skip
LAST = ["Balfe", "Nakamura", "Okafor", "Larsen", "Dubois", "Kowalski", "Silva", "Haddad", "Park",
        "Jóhannsson", "McQuarrie", "Villeneuve", "Zimmer", "Blomkamp", "Vaughn", "Rossi"]  # fmt: skip
WORDS = ["Night", "Echo", "Last", "Winter", "Signal", "Crown", "Paper", "Orbit", "Silent", "Iron",
         "Glass", "River", "Atlas", "Hollow", "Ember", "Static", "North", "Wild", "Zero", "Vault"]  # fmt: skip


def fuzzy(rng: random.Random, day: date) -> str:
    form = rng.choice(["q", "h", "part", "season", "month", "year"])
    if form == "q":
        return f'"{day.year}-Q{(day.month - 1) // 3 + 1}"'
    if form == "h":
        return f'"{day.year}-H{1 if day.month <= 6 else 2}"'
    if form == "part":
        return f'"{["early", "mid", "late"][(day.month - 1) // 4]} {day.year}"'
    if form == "season":
        return f'"{rng.choice(["spring", "summer", "autumn", "winter"])} {day.year}"'
    if form == "month":
        return f'"{day.year}-{day.month:02d}"'
    return f'"{day.year}"'


def date_text(rng: random.Random, day: date) -> str:
    roll = rng.random()
    if roll < 0.03:
        return '"TBA"'
    if roll < 0.25:
        return fuzzy(rng, day)
    return day.isoformat()


SHAPES = ("long", "short", "history")


def short_release(rng: random.Random, n: int) -> tuple[list[str], dict[str, list[str]], date, str]:
    title = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {n}"
    base = date(2020, 1, 1) + timedelta(days=rng.randrange(0, 3650))
    names = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.randint(1, 2))]
    people = {"director": list(dict.fromkeys(names))}
    lines = [
        "[[release]]",
        f'title = "{title}"',
        f"date = {date_text(rng, base)}",
        f"people.director = {json.dumps(people['director'], ensure_ascii=False)}",
    ]
    return lines, people, base, title


def release(rng: random.Random, n: int, shape: str = "long") -> tuple[str, dict[str, object]]:
    if shape == "short":
        lines, people, base, title = short_release(rng, n)
        return "\n".join(lines) + "\n", task_of(title, "other", people, base, n)
    kind = rng.choice(KINDS)
    title = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {n}"
    base = date(2020, 1, 1) + timedelta(days=rng.randrange(0, 3650))
    text = date_text(rng, base)
    people: dict[str, list[str]] = {}
    for _ in range(rng.randint(3, 8)):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        names = people.setdefault(rng.choice(ROLES), [])
        if name not in names:
            names.append(name)
    lines = [
        "[[release]]",
        f'id = "title-{n}"',
        f'title = "{title}"',
        f'aliases = ["{title} (working title)"]' if rng.random() < 0.3 else "",
        f'kind = "{kind}"',
        f"date = {text}",
        f"announced = {(base - timedelta(days=rng.randrange(200, 900))).isoformat()}",
        f"checked = {date(2026, 1, 1) + timedelta(days=rng.randrange(0, 300))}",
        "",
        "[release.people]",
        *(f"{role} = {json.dumps(names, ensure_ascii=False)}" for role, names in people.items()),
    ]
    for _ in range(rng.randint(0, 3)):
        day = base + timedelta(days=rng.randrange(-20, 20))
        lines += ["", "[[release.dates]]", f'region = "{rng.choice(REGIONS)}"',
                  f'type = "{rng.choice(TYPES[kind])}"', f"date = {day.isoformat()}"]  # fmt: skip
    if shape == "history" or rng.random() < 0.4:
        announced = base - timedelta(days=rng.randrange(400, 900))
        for _ in range(rng.randint(5, 8) if shape == "history" else rng.randint(1, 3)):
            announced_date = announced + timedelta(days=rng.randrange(120, 500))
            lines += ["", "[[release.history]]", f"announced = {announced.isoformat()}",
                      f"date = {announced_date.isoformat()}"]  # fmt: skip
            announced += timedelta(days=rng.randrange(30, 120))
    return "\n".join(lines) + "\n", task_of(title, kind, people, base, n)


def task_of(
    title: str, kind: str, people: dict[str, list[str]], base: date, n: int
) -> dict[str, object]:
    return {
        "description": title,
        "project": kind,
        "director": ", ".join(people.get("director", [])),
        "status": "pending",
        "entry": "20260101T000000Z",
        "due": base.strftime("%Y%m%dT000000Z"),
        "uuid": f"00000000-0000-4000-8000-{n:012d}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument(
        "--taskwarrior", action="store_true", help="taskwarrior import JSON instead"
    )
    parser.add_argument("--shape", choices=SHAPES, default="long", help="entries' shape")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    made = [release(rng, n, args.shape) for n in range(args.count)]
    out = sys.stdout
    if args.taskwarrior:
        out.write("\n".join(json.dumps(task) for _, task in made) + "\n")
    else:
        out.write(
            "# Synthetic registry for benchmarks (seeded; see benchmarks/generate.py)\nschema = 1\n\n"
        )
        out.write("\n".join(body for body, _ in made))


if __name__ == "__main__":
    main()
