"""The shape docs/architecture.md describes, checked: imports point one way, a pure core, no
cycles, small modules, the clock read only by the command line, and accel/ removable."""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "release_countdown"
PACKAGE = "release_countdown"
# What each part may import from the project (besides itself and the package's __init__).
ALLOWED = {
    "core": {"core"},
    "registry": {"core"},
    "formats": {"core"},
    "writing": {"core", "registry"},
    "views": {"core", "writing"},
    "settings": {"core", "registry", "writing"},
    "accel": {"core", "registry", "writing"},
    "delivery": {"core", "formats", "views"},
    "serve": {"core", "registry", "formats"},
    "sources": {"core", "registry"},
    "workflows": {
        "core",
        "registry",
        "writing",
        "sources",
        "formats",
        "delivery",
        "settings",
    },
    "cli": {
        "core",
        "registry",
        "formats",
        "writing",
        "views",
        "settings",
        "accel",
        "delivery",
        "serve",
        "sources",
        "workflows",
    },
}
WEB = {"starlette", "uvicorn", "jinja2"}
FORBIDDEN_IN_DOMAIN = {"typer", "click", "rich", "sqlite3", "httpx", "requests", "urllib3"}


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        name = ".".join((PACKAGE, *parts)).removesuffix(".__init__")
        found[name] = path
    return found


def imports_of(path: Path) -> set[str]:
    """Every module imported anywhere in the file, function-level imports included."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def part(module: str) -> str:
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else ""


def project_imports(known: dict[str, Path], path: Path) -> set[str]:
    return {m for m in imports_of(path) if m in known and m != PACKAGE}


def test_imports_point_one_way() -> None:
    known = modules()
    wrong = []
    for name, path in known.items():
        here = part(name)
        if here not in ALLOWED:
            continue
        for target in project_imports(known, path):
            there = part(target)
            if there != here and there not in ALLOWED[here]:
                wrong.append(f"{name} imports {target}")
    assert not wrong, "\n".join(wrong)


def test_no_import_cycles() -> None:
    known = modules()
    graph = {name: project_imports(known, path) - {name} for name, path in known.items()}
    # A package's __init__ imported by its own modules is not a cycle of design.
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph[node]):
            if node.startswith(target + "."):
                continue  # a module importing its own package
            if state.get(target) == 1:
                cycles.append([*trail[trail.index(target) :], target])
            elif target not in state:
                visit(target, [*trail, target])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)


def test_no_module_over_400_lines() -> None:
    long = {
        str(path.relative_to(SRC)): n
        for path in SRC.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert not long


def test_domain_imports_no_framework_and_prints_nothing() -> None:
    known = modules()
    domain = [n for n in known if part(n) in ("core", "registry")]
    for name in domain:
        text = known[name].read_text(encoding="utf-8")
        assert "print(" not in text, name
        assert not {m.split(".")[0] for m in imports_of(known[name])} & FORBIDDEN_IN_DOMAIN, name
    probe = "\n".join(f"import {n}" for n in domain)
    loaded = loaded_after(probe)
    assert not {m.split(".")[0] for m in loaded} & FORBIDDEN_IN_DOMAIN


def test_only_serve_imports_the_web_stack() -> None:
    """Starlette, uvicorn and Jinja2 are the serve extra's: only serve/ and its command import
    them, and only cli/commands/serve.py imports serve/."""
    known = modules()
    web, serving = [], []
    for name, path in known.items():
        found = imports_of(path)
        mine = part(name) == "serve" or name == "release_countdown.cli.commands.serve"
        if {m.split(".")[0] for m in found} & WEB and not mine:
            web.append(name)
        if any(m.startswith("release_countdown.serve") for m in found) and not mine:
            serving.append(name)
    assert web == []
    assert serving == []
    loaded = loaded_after(run_command(["list", "--all", "--json"]))
    assert not {m.split(".")[0] for m in loaded} & WEB


def test_only_the_command_line_reads_the_clock() -> None:
    readers = []
    for name, path in modules().items():
        text = path.read_text(encoding="utf-8")
        if part(name) != "cli" and ("date.today()" in text or "datetime.now(" in text):
            readers.append(name)
    assert readers == []


def loaded_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    return set(result.stdout.splitlines()[-1].split())


def run_command(argv: list[str]) -> str:
    return (
        "import sys\n"
        f"sys.argv = ['countdown', *{argv!r}]\n"
        "from release_countdown.cli.app import app\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
    )


def test_json_and_csv_paths_do_not_import_rich() -> None:
    for fmt in ("json", "csv"):
        modules_loaded = loaded_after(run_command(["list", "--all", "--format", fmt]))
        assert "release_countdown.core.query" in modules_loaded
        assert not {m for m in modules_loaded if m.split(".")[0] == "rich"}, fmt


def test_commands_are_loaded_lazily() -> None:
    modules_loaded = loaded_after(run_command(["list", "--all", "--json"]))
    commands = {m for m in modules_loaded if m.startswith("release_countdown.cli.commands.")}
    assert commands == {"release_countdown.cli.commands.list_"}
    assert not {"release_countdown.writing.change", "tomlkit", "filelock"} & modules_loaded


def test_read_paths_never_import_the_http_client() -> None:
    for argv in (["list", "--all", "--json"], ["show", "argylle"], ["next"]):
        modules_loaded = loaded_after(run_command(argv))
        assert not {m for m in modules_loaded if m.split(".")[0] in ("httpx", "httpcore")}, argv
        assert not {m for m in modules_loaded if m.startswith("release_countdown.sources")}, argv


def test_only_lookup_import_and_refresh_import_sources() -> None:
    known = modules()
    users = {
        name
        for name, path in known.items()
        if any(m.startswith(f"{PACKAGE}.sources") for m in project_imports(known, path))
        and part(name) != "sources"
    }
    assert users <= {
        f"{PACKAGE}.cli.sourcing",
        f"{PACKAGE}.cli.commands.lookup",
        f"{PACKAGE}.cli.commands.import_",
        f"{PACKAGE}.cli.commands.refresh",
        f"{PACKAGE}.workflows.fetching",
        f"{PACKAGE}.workflows.lookup",
        f"{PACKAGE}.workflows.import_",
        f"{PACKAGE}.workflows.refresh",
    }
    for name, path in known.items():
        if part(name) != "sources" or name.endswith((".http", ".transport")):
            continue
        top = {m.split(".")[0] for m in imports_of(path)}
        assert not top & {"httpx", "httpcore"}, f"{name}: only the HTTP layer imports httpx"


def test_piped_table_does_not_import_rich_but_show_does() -> None:
    modules_loaded = loaded_after(run_command(["list", "--all"]))
    assert "release_countdown.views.listing" in modules_loaded
    assert not {"rich.console", "rich.table", "rich.text"} & modules_loaded
    assert "rich.panel" in loaded_after(run_command(["show", "argylle"]))


def test_module_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "release_countdown", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("release-countdown ")


@pytest.mark.slow
def test_deleting_accel_changes_no_output(tmp_path: Path) -> None:
    """accel/ is optional speed: a copy of the package without it answers the same."""
    generate = SRC.parents[1] / "benchmarks" / "generate.py"
    registry = tmp_path / "registry.toml"
    with registry.open("w") as out:
        subprocess.run([sys.executable, str(generate), "400"], stdout=out, check=True)
    assert registry.stat().st_size > 64 * 1024  # large enough for the cache to be used
    bare = tmp_path / "bare"
    shutil.copytree(SRC, bare / PACKAGE, ignore=shutil.ignore_patterns("accel", "__pycache__"))
    shutil.copy(SRC.parents[1] / "data" / "releases.toml", tmp_path / "releases.toml")
    env = {"PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": str(tmp_path / "cache"), "COLUMNS": "100"}
    outputs = []
    for pythonpath in (str(SRC.parent), str(bare)):
        runs = []
        for argv in (
            ["list", "--json", "--as-of", "2026-01-01"],  # twice: the second run is cached
            ["list", "--json", "--as-of", "2026-01-01"],
            ["list", "--all", "--as-of", "2025-06-01", "--director", "vaughn"],
            ["check", str(registry), "--stale", "30d", "--as-of", "2026-01-01"],
        ):
            args = argv if argv[0] == "check" else [*argv, "-r", str(registry)]
            done = subprocess.run(
                [sys.executable, "-m", PACKAGE, *args],
                capture_output=True,
                text=True,
                env={**env, "PYTHONPATH": pythonpath},
                check=False,
            )
            runs.append((done.returncode, done.stdout, done.stderr))
        outputs.append(runs)
    with_accel, without = outputs
    assert with_accel == without
    assert json.loads(with_accel[0][1])  # a real answer, not two empty ones
    assert list((tmp_path / "cache").rglob("*.json"))  # and the cache was used
