"""Record the golden outputs of every read command, to prove a refactor byte-identical.

Run it ONCE, before the refactor, from the repository root, with the code as it is now:

    PYTHONPATH=src python tests/golden/make.py

It runs each case below as ``python -m release_countdown ARGS`` in a subprocess (stdout a pipe,
``COLUMNS=100``, ``NO_COLOR=1``, ``TZ=UTC``, ``PYTHONIOENCODING=utf-8``, no ``TERM``, no
``COUNTDOWN_*`` variables, fresh ``XDG_DATA_HOME``, ``XDG_CACHE_HOME``, ``XDG_CONFIG_HOME``, ``XDG_STATE_HOME``
per case, the repository root as working directory; every other synthetic case with
``COUNTDOWN_NO_CACHE=1``, the others with the parse cache on as usual) and writes ``tests/golden/expected/{bundled,1k,10k}.json``. After the refactor,
``tests/test_golden.py`` must pass unchanged against these files: do not run this script again
to make it pass; a difference is either a bug in the refactor or a change to review and
record on purpose.

Three registries: the bundled one (``-r data/releases.toml``), and the seeded synthetic
registries of ``benchmarks/generate.py 1000`` and ``10000``, generated into a temporary folder.
Their path is replaced with ``<REGISTRY>`` in the arguments and in the output, and the
``DTSTAMP:`` lines of iCalendar output (the time of the export) with ``DTSTAMP:<NOW>``.
Bundled cases store the whole stdout and stderr; synthetic ones store the SHA-256 of stdout,
its line count, its first five lines and the whole stderr, to keep the repository small.

The test imports this module for ``run``, ``generate`` and ``load_expected``, and reads the
cases back from the expected files: the files alone say what is checked.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = Path(__file__).resolve().parent / "expected"
GENERATE = ROOT / "benchmarks" / "generate.py"
BUNDLED = "data/releases.toml"  # relative to ROOT, the working directory of every case
TOKEN = "<REGISTRY>"
SIZES = {"1k": 1000, "10k": 10000}
REGISTRIES = ("bundled", *SIZES)
HEAD_LINES = 5
NO_CACHE = {"COUNTDOWN_NO_CACHE": "1"}

# What the environment could change: width, colour, terminal, clock zone, registry, cache.
DROPPED = {
    "TERM", "COLORTERM", "NO_COLOR", "FORCE_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "COLUMNS",
    "LINES", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "JUPYTER_COLUMNS", "JUPYTER_LINES", "TZ",
    "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "PYTHONIOENCODING",
}  # fmt: skip
DTSTAMP = re.compile(r"^DTSTAMP:[^\r\n]*", re.MULTILINE)


@dataclass(frozen=True)
class Case:
    registry: str  # "bundled", "1k" or "10k"
    name: str
    args: tuple[str, ...]  # TOKEN where the registry path goes
    env: Mapping[str, str] = field(default_factory=dict)  # on top of the pinned environment

    @property
    def id(self) -> str:
        return f"{self.registry}:{self.name}"


# --- the cases ---------------------------------------------------------------------------------

TEMPLATE = "{days:>5} {title} [{kind}] {countdown}"
LIST_FORMATS = {
    "table": (),
    "json": ("--json",),
    "csv": ("--format", "csv"),
    "template": ("--format", TEMPLATE),
}


def list_filters(people: Mapping[str, str], search: str, other_day: str) -> dict[str, list[str]]:
    """The dozen filter combinations of `list`, by name."""
    return {
        "default": [],
        "all": ["--all"],
        "composer": ["--composer", people["composer"]],
        "director-all": ["--director", people["director"], "--all"],
        "person": ["--person", people["person"]],
        "kind-film-album": ["--kind", "film", "--kind", "album"],
        "status-upcoming-tba": ["--status", "upcoming,tba"],
        "within-90d": ["--within", "90d"],
        "search": ["--search", search],
        "sort-title-reverse": ["--sort", "title", "--reverse"],
        "sort-date-limit-5": ["--sort", "date", "--limit", "5"],
        "region-gb-all": ["--region", "GB", "--all"],
        "other-day": ["--as-of", other_day],
    }


# Which filters each format gets: all in JSON, about half in the table and CSV, a few templated.
LIST_PLAN = {
    "json": None,  # all of them
    "table": ["default", "all", "composer", "kind-film-album", "within-90d",
              "sort-title-reverse", "region-gb-all", "other-day"],
    "csv": ["default", "all", "director-all", "status-upcoming-tba", "search",
            "sort-date-limit-5", "other-day"],
    "template": ["default", "all", "person", "other-day"],
}  # fmt: skip


def with_day(args: Sequence[str], day: str) -> list[str]:
    """``--as-of DAY`` unless the arguments already pin a day."""
    return list(args) if "--as-of" in args else [*args, "--as-of", day]


def list_cases(
    registry: str, day: str, filters: Mapping[str, list[str]], plan: Mapping[str, Any]
) -> list[Case]:
    cases = []
    for fmt, names in plan.items():
        for name in names if names is not None else filters:
            args = ["list", *LIST_FORMATS[fmt], *filters[name], "-r", TOKEN]
            cases.append(Case(registry, f"list-{fmt}-{name}", tuple(with_day(args, day))))
    return cases


def read_cases(registry: str, day: str, commands: Mapping[str, list[str]]) -> list[Case]:
    """Commands reading the registry: ``-r TOKEN`` and ``--as-of day`` are added."""
    return [
        Case(registry, name, tuple(with_day([*args, "-r", TOKEN], day)))
        for name, args in commands.items()
    ]


def bundled_cases() -> list[Case]:
    day, other = "2023-07-08", "2024-03-01"
    people = {"composer": "balfe", "director": "mcquarrie", "person": "vaughn"}
    cases = list_cases("bundled", day, list_filters(people, "dead", other), LIST_PLAN)
    cases += read_cases(
        "bundled",
        day,
        {
            "list-json-all-late": ["list", "--json", "--all", "--as-of", "2025-06-01"],
            "show-argylle": ["show", "argylle"],
            "show-part-two": ["show", "part two"],
            "show-gran-turismo-json": ["show", "gran-turismo", "--json"],
            "show-argylle-region-gb": ["show", "argylle", "--region", "GB"],
            "show-part-one-other-day": ["show", "mi-dead-reckoning-part-one", "--as-of", other],
            "show-ambiguous": ["show", "dead reckoning"],
            "show-unknown": ["show", "no such title"],
            "next": ["next"],
            "next-json": ["next", "--json"],
            "next-format": ["next", "--format", "{title} {in_days}"],
            "next-composer": ["next", "--composer", "aruj"],
            "next-nothing": ["next", "--as-of", "2025-07-01"],
            "people": ["people"],
            "people-role-composer": ["people", "--role", "composer"],
            "people-json": ["people", "--json"],
            "people-name": ["people", "Lorne Balfe"],
            "people-search-json": ["people", "--search", "mcq", "--json"],
            "people-unknown": ["people", "nobody"],
            "timeline": ["timeline"],
            "timeline-all": ["timeline", "--all"],
            "timeline-within-1y": ["timeline", "--within", "1y"],
            "timeline-ascii": ["timeline", "--ascii"],
            "timeline-from-to": ["timeline", "--from", "2023-01-01", "--to", "2024-12-31"],
            "timeline-other-day-film": ["timeline", "--kind", "film", "--as-of", other],
            "export-ics": ["export", "--format", "ics"],
            "export-csv": ["export", "--format", "csv"],
            "export-json": ["export", "--format", "json"],
            "export-ics-all-dates-spans": ["export", "--all", "--all-dates", "--fuzzy", "as-span"],
            "export-ics-region-gb": ["export", "--region", "GB"],
        },
    )
    cases += [
        # `check` on the synthetic registries is left out: they hold announcements after
        # today, which `check` warns about by the real date, so their output changes with it.
        Case("bundled", "check", ("check", TOKEN)),
        Case("bundled", "check-strict", ("check", TOKEN, "--strict")),
        Case("bundled", "check-stale", ("check", TOKEN, "--stale", "30d", "--as-of", day)),
        Case("bundled", "check-stale-later", ("check", TOKEN, "--stale", "30d", "--as-of", "2027-01-01")),
        Case("bundled", "schema", ("schema",)),
        Case("bundled", "schema-registry-format", ("schema", "--registry-format")),
    ]  # fmt: skip
    return cases


# The generated dates run from 2020 to 2029, announced 200-900 days before; people are drawn from
# generate.py's FIRST and LAST lists; ids are title-0 ... title-(N-1).
SYNTHETIC_DAY, SYNTHETIC_OTHER = "2026-01-01", "2024-06-15"
SYNTHETIC_PEOPLE = {"composer": "balfe", "director": "vaughn", "person": "okafor"}


def alternate_cache(cases: list[Case]) -> list[Case]:
    """Every other case parses afresh (COUNTDOWN_NO_CACHE=1); the others use the cache as usual."""
    return [Case(c.registry, c.name, c.args, NO_CACHE) if i % 2 else c for i, c in enumerate(cases)]


def synthetic_1k_cases() -> list[Case]:
    day = SYNTHETIC_DAY
    span = ["--from", "2025-10-01", "--to", "2026-03-31"]
    filters = list_filters(SYNTHETIC_PEOPLE, "echo", SYNTHETIC_OTHER)
    plan = {
        "json": None,
        "table": ["default", "all", "composer", "within-90d", "sort-title-reverse", "other-day"],
        "csv": ["default", "director-all", "status-upcoming-tba", "region-gb-all", "other-day"],
        "template": ["default", "search"],
    }
    cases = list_cases("1k", day, filters, plan)
    cases += read_cases(
        "1k",
        day,
        {
            "show-title-0": ["show", "title-0"],
            "show-title-999-json": ["show", "title-999", "--json"],
            "show-title-999-region-gb": ["show", "title-999", "--region", "GB"],
            "show-id-prefix-ambiguous": ["show", "title-1"],
            "next": ["next"],
            "next-json": ["next", "--json"],
            "next-format": ["next", "--format", "{title} {in_days}"],
            "next-director": ["next", "--director", "vaughn"],
            "people": ["people"],
            "people-role-composer": ["people", "--role", "composer"],
            "people-json": ["people", "--json"],
            "people-name": ["people", "Uma Vaughn"],
            "timeline": ["timeline"],
            "timeline-all": ["timeline", "--all"],
            "timeline-within-1y": ["timeline", "--within", "1y"],
            "timeline-ascii-from-to": ["timeline", "--ascii", *span],
            "export-ics": ["export", "--format", "ics"],
            "export-csv": ["export", "--format", "csv"],
            "export-json": ["export", "--format", "json"],
            "export-ics-all-dates-spans": ["export", "--all", "--all-dates", "--fuzzy", "as-span"],
        },
    )
    cases += []
    return alternate_cache(cases)


def synthetic_10k_cases() -> list[Case]:
    """A dozen cases: each run of a 10,000-title registry costs most of a second."""
    filters = list_filters(SYNTHETIC_PEOPLE, "echo", SYNTHETIC_OTHER)
    plan = {
        "table": ["default", "director-all"],
        "json": ["default", "composer", "within-90d"],
        "csv": ["default", "other-day"],
    }
    cases = list_cases("10k", SYNTHETIC_DAY, filters, plan)
    cases += read_cases(
        "10k",
        SYNTHETIC_DAY,
        {
            "timeline-within-1y": ["timeline", "--within", "1y"],
            "export-csv": ["export", "--format", "csv"],
            "next": ["next"],
            "people-role-composer": ["people", "--role", "composer"],
        },
    )
    cases += []
    return alternate_cache(cases)


def all_cases() -> dict[str, list[Case]]:
    cases = {"bundled": bundled_cases(), "1k": synthetic_1k_cases(), "10k": synthetic_10k_cases()}
    for registry, listed in cases.items():
        names = [c.name for c in listed]
        assert len(names) == len(set(names)), f"duplicate case names in {registry}"
    return cases


# --- running and recording ---------------------------------------------------------------------


def generate(size: int, folder: Path, python: str = sys.executable) -> Path:
    """The seeded synthetic registry of ``size`` titles, written into ``folder``."""
    path = folder / f"registry-{size}.toml"
    with path.open("wb") as out:
        subprocess.run([python, str(GENERATE), str(size)], stdout=out, check=True, cwd=ROOT)
    return path


def environment(scratch: Path, extra: Mapping[str, str]) -> dict[str, str]:
    """The inherited environment (PATH, PYTHONPATH...) with everything that could change the
    output pinned; fresh data and cache folders under ``scratch``."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in DROPPED
        and not name.startswith("COUNTDOWN_")
        and not name.endswith("_COMPLETE")
    }
    folders = {
        "XDG_DATA_HOME": scratch / "xdg-data",
        "XDG_CACHE_HOME": scratch / "xdg-cache",
        "XDG_CONFIG_HOME": scratch / "xdg-config",
        "XDG_STATE_HOME": scratch / "xdg-state",  # no one's marks (countdown mark)
    }
    for name, folder in folders.items():
        folder.mkdir(parents=True, exist_ok=True)
        env[name] = str(folder)
    env.update(COLUMNS="100", NO_COLOR="1", TZ="UTC", PYTHONIOENCODING="utf-8")
    env.update(extra)
    return env


def normalize(text: str, registry_path: str) -> str:
    return DTSTAMP.sub("DTSTAMP:<NOW>", text.replace(registry_path, TOKEN))


@dataclass(frozen=True)
class Outcome:
    exit: int
    stdout: str
    stderr: str


def run(
    args: Sequence[str],
    registry_path: str,
    scratch: Path,
    extra_env: Mapping[str, str] | None = None,
    python: str = sys.executable,
) -> Outcome:
    """Run ``python -m release_countdown ARGS`` (TOKEN replaced by ``registry_path``) from the
    repository root, with the pinned environment, and normalize what it printed."""
    argv = [registry_path if arg == TOKEN else arg for arg in args]
    result = subprocess.run(
        [python, "-m", "release_countdown", *argv],
        cwd=ROOT,
        env=environment(scratch, extra_env or {}),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=300,
        check=False,
    )
    return Outcome(
        result.returncode,
        normalize(result.stdout.decode("utf-8"), registry_path),
        normalize(result.stderr.decode("utf-8"), registry_path),
    )


def digest(stdout: str) -> dict[str, Any]:
    lines = stdout.splitlines(keepends=True)
    return {
        "stdout_sha256": hashlib.sha256(stdout.encode("utf-8")).hexdigest(),
        "stdout_lines": len(lines),
        "stdout_head": lines[:HEAD_LINES],
    }


def record(registry: str, case: Case, outcome: Outcome) -> dict[str, Any]:
    entry: dict[str, Any] = {"args": list(case.args)}
    if case.env:
        entry["env"] = dict(case.env)
    entry["exit"] = outcome.exit
    if registry == "bundled":
        entry["stdout"] = outcome.stdout
    else:
        entry.update(digest(outcome.stdout))
    entry["stderr"] = outcome.stderr
    return entry


def load_expected(registry: str) -> dict[str, dict[str, Any]]:
    loaded: dict[str, dict[str, Any]] = json.loads(
        (EXPECTED / f"{registry}.json").read_text(encoding="utf-8")
    )
    return loaded


def main() -> None:
    cases = all_cases()
    EXPECTED.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="golden-", ignore_cleanup_errors=True) as tmp:
        folder = Path(tmp)
        paths = {"bundled": BUNDLED}
        paths.update({name: str(generate(size, folder)) for name, size in SIZES.items()})
        for registry, listed in cases.items():
            recorded = {}
            for number, case in enumerate(listed):
                outcome = run(case.args, paths[registry], folder / registry / str(number), case.env)
                recorded[case.name] = record(registry, case, outcome)
            text = json.dumps(recorded, ensure_ascii=False, indent=1) + "\n"
            target = EXPECTED / f"{registry}.json"
            target.write_text(text, encoding="utf-8", newline="\n")
            print(f"{target.relative_to(ROOT)}: {len(recorded)} cases, {len(text.encode())} bytes")


if __name__ == "__main__":
    main()
