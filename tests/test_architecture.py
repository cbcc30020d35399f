"""The shape docs/architecture.md describes, checked on the syntax tree of every module: imports
point one way (relative and dynamic imports included), a pure core, no cycles, small modules,
the clock read only by the command line, thin commands, one exit boundary, accel/ removable."""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "release_countdown"
PACKAGE = "release_countdown"

# Violations of the rules below that today's main still has: fixed by issue 19's other parts;
# the lead empties this set at merge. Each entry is (rule, module): anything not listed fails.
KNOWN_VIOLATIONS: set[tuple[str, str]] = set()

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
    "workflows": {"core", "registry", "writing", "sources", "formats", "delivery", "settings"},
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
    "__main__": {"cli"},
}
# Imports under `if TYPE_CHECKING:` are no run-time dependency; these are allowed there too.
ALLOWED_FOR_TYPES_ONLY = {"serve": {"cli"}}
WEB = {"starlette", "uvicorn", "jinja2"}
FORBIDDEN_IN_DOMAIN = {"typer", "click", "rich", "sqlite3", "httpx", "requests", "urllib3"}
# Reading the clock: as a call or as a value handed on (`today=date.today`).
CLOCKS = {
    "datetime.date.today",
    "datetime.datetime.today",
    "datetime.datetime.now",
    "datetime.datetime.utcnow",
    "time.time",
    "time.time_ns",
}
# Clock reads outside cli/ that are not "today": each with its reason.
CLOCK_READS_ALLOWED = {
    # the age of temporary files left by runs that died writing: housekeeping, never a day
    ("release_countdown.accel.cache", "time.time"),
    # a Retry-After given as an HTTP date is an instant: the wait is that instant less now
    ("release_countdown.sources.http", "time.time"),
}
# Leaving the process: only the one error boundary, cli/app.py, does it.
EXITS = {"typer.Exit", "click.exceptions.Exit", "SystemExit", "builtins.SystemExit"}
EXIT_CALLS = {"sys.exit", "os._exit", "builtins.exit", "builtins.quit", "exit", "quit"}
BOUNDARY = f"{PACKAGE}.cli.app"
COMMAND_LINES = 120


@dataclass(frozen=True)
class Import:
    target: str  # the absolute module name (relative imports resolved)
    line: int
    types_only: bool  # under `if TYPE_CHECKING:`
    dynamic: bool = False  # importlib.import_module / __import__; a prefix if an f-string


@dataclass(frozen=True)
class Found:
    """What one module's syntax tree holds that the rules look at."""

    imports: tuple[Import, ...]
    clock_reads: tuple[tuple[str, int], ...]
    exits: tuple[tuple[str, int], ...]
    unresolved_dynamic: tuple[int, ...]


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        name = ".".join((PACKAGE, *parts)).removesuffix(".__init__")
        found[name] = path
    return found


def package_of(name: str, path: Path) -> str:
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def resolve_from(node: ast.ImportFrom, package: str) -> str:
    """The absolute module of `from ... import`, `from . import x`, `from ..core import y`."""
    if node.level == 0:
        return node.module or ""
    base = package.split(".")
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


class Reader(ast.NodeVisitor):
    """Walks one module: imports (with their names, for aliases), dynamic imports, clock
    reads and exits. Names are bound flow-insensitively: a module is small and names here
    (`datetime`, `time`, `date`) are not rebound to something else."""

    def __init__(self, package: str, names: dict[str, str]) -> None:
        self.package = package
        self.names = names
        self.types_only = False
        self.imports: list[Import] = []
        self.clock_reads: list[tuple[str, int]] = []
        self.exits: list[tuple[str, int]] = []
        self.unresolved_dynamic: list[int] = []

    def qualify(self, node: ast.expr) -> str | None:
        if isinstance(node, ast.Name):
            return self.names.get(node.id, node.id)
        if isinstance(node, ast.Attribute):
            base = self.qualify(node.value)
            return None if base is None else f"{base}.{node.attr}"
        return None

    def visit_If(self, node: ast.If) -> None:
        if self.qualify(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
            outer, self.types_only = self.types_only, True
            for child in node.body:
                self.visit(child)
            self.types_only = outer
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.imports.append(Import(alias.name, node.lineno, self.types_only))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = resolve_from(node, self.package)
        self.imports.append(Import(module, node.lineno, self.types_only))
        for alias in node.names:
            self.imports.append(Import(f"{module}.{alias.name}", node.lineno, self.types_only))

    def visit_Raise(self, node: ast.Raise) -> None:
        raised = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
        if raised is not None and (name := self.qualify(raised)) in EXITS:
            self.exits.append((f"raise {name}", node.lineno))
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        called = self.qualify(node.func)
        if called in EXIT_CALLS:
            self.exits.append((f"{called}()", node.lineno))
        if called in ("importlib.import_module", "__import__", "builtins.__import__"):
            target = literal_prefix(node.args[0]) if node.args else None
            if target is None or target.startswith("."):
                self.unresolved_dynamic.append(node.lineno)
            else:
                self.imports.append(Import(target, node.lineno, self.types_only, dynamic=True))
        self.generic_visit(node)

    def visit_Name(self, node: ast.Name) -> None:
        self._clock(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if not self._clock(node):
            self.generic_visit(node)

    def _clock(self, node: ast.expr) -> bool:
        name = self.qualify(node)
        if name in CLOCKS:
            self.clock_reads.append((name, node.lineno))
            return True
        return False


def literal_prefix(node: ast.expr) -> str | None:
    """A string literal; for an f-string, its text before the first `{...}` (then the import
    is of any module whose name starts with it)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        prefix = ""
        for piece in node.values:
            if not (isinstance(piece, ast.Constant) and isinstance(piece.value, str)):
                return f"{prefix}*" if prefix else None
            prefix += piece.value
        return prefix
    return None


def bound_names(tree: ast.Module, package: str) -> dict[str, str]:
    """Local name -> what it stands for, from every import in the module."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    names[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    names[top] = top
        elif isinstance(node, ast.ImportFrom):
            module = resolve_from(node, package)
            for alias in node.names:
                names[alias.asname or alias.name] = f"{module}.{alias.name}"
    return names


@cache
def read(name: str) -> Found:
    path = modules()[name]
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = package_of(name, path)
    reader = Reader(package, bound_names(tree, package))
    reader.visit(tree)
    return Found(
        tuple(reader.imports),
        tuple(reader.clock_reads),
        tuple(reader.exits),
        tuple(reader.unresolved_dynamic),
    )


def imports_of(path: Path) -> set[str]:
    """Every module imported anywhere in the file (function-level, relative, dynamic)."""
    name = next(n for n, p in modules().items() if p == path)
    return {i.target for i in read(name).imports}


def part(module: str) -> str:
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else ""


def targets(known: dict[str, Path], found: Import) -> set[str]:
    """The project modules an import reaches (a dynamic f-string import: all it can reach)."""
    if found.dynamic and found.target.endswith("*"):
        prefix = found.target[:-1]
        return {m for m in known if m.startswith(prefix) and m != PACKAGE}
    return {found.target} if found.target in known and found.target != PACKAGE else set()


def project_imports(
    known: dict[str, Path], name: str, *, types: bool = True, dynamic: bool = True
) -> set[str]:
    reached: set[str] = set()
    for found in read(name).imports:
        if (types or not found.types_only) and (dynamic or not found.dynamic):
            reached |= targets(known, found)
    return reached


def violations(rule: str, wrong: dict[str, list[str]]) -> list[str]:
    """`wrong` (module -> what breaks the rule) less the known violations; stale ones warned."""
    for module in sorted(m for r, m in KNOWN_VIOLATIONS if r == rule and m not in wrong):
        warnings.warn(f"KNOWN_VIOLATIONS: {rule!r} {module} is fixed: remove it", stacklevel=2)
    return [
        f"{module}: {what}"
        for module, whats in sorted(wrong.items())
        if (rule, module) not in KNOWN_VIOLATIONS
        for what in whats
    ]


def test_the_reader_sees_every_form() -> None:
    """The reader itself, on a sample holding each form the rules look for."""
    sample = (
        "import datetime as dt\nimport time\nfrom datetime import date\n"
        "from time import time as clock\nfrom . import sibling\nfrom ..core import model\n"
        "from typing import TYPE_CHECKING\nimport importlib, sys, typer\n"
        "if TYPE_CHECKING:\n    from release_countdown.cli import app\n"
        "def f(today=date.today):\n    from .. import writing\n"
        "    importlib.import_module(f'release_countdown.sources.{x}')\n"
        "    importlib.import_module(name)\n"
        "    return dt.datetime.now(), time.time(), clock, dt.datetime.utcnow\n"
        "def g():\n    sys.exit(1)\n    raise typer.Exit(2)\n    raise SystemExit\n"
    )
    package = "release_countdown.serve"
    reader = Reader(package, bound_names(ast.parse(sample), package))
    reader.visit(ast.parse(sample))
    imports = {(i.target, i.types_only, i.dynamic) for i in reader.imports}
    assert ("release_countdown.serve.sibling", False, False) in imports
    assert ("release_countdown.core.model", False, False) in imports
    assert ("release_countdown.writing", False, False) in imports
    assert ("release_countdown.cli.app", True, False) in imports
    assert ("release_countdown.sources.*", False, True) in imports
    assert reader.unresolved_dynamic == [14]
    assert sorted(name for name, _ in reader.clock_reads) == [
        "datetime.date.today",
        "datetime.datetime.now",
        "datetime.datetime.utcnow",
        "time.time",
        "time.time",
    ]
    assert [what for what, _ in reader.exits] == [
        "sys.exit()",
        "raise typer.Exit",
        "raise SystemExit",
    ]


def test_every_part_is_in_the_table() -> None:
    parts = {part(name) for name in modules()} - {""}
    assert parts <= set(ALLOWED), f"add to ALLOWED: {sorted(parts - set(ALLOWED))}"


def test_imports_point_one_way() -> None:
    known = modules()
    wrong = []
    for name in known:
        here = part(name)
        for found in read(name).imports:
            for target in targets(known, found):
                there = part(target)
                allowed = ALLOWED.get(here, set())
                if found.types_only:
                    allowed = allowed | ALLOWED_FOR_TYPES_ONLY.get(here, set())
                if there != here and there not in allowed:
                    how = "dynamically " if found.dynamic else ""
                    wrong.append(f"{name}:{found.line} {how}imports {target}")
    assert not wrong, "\n".join(wrong)


def test_dynamic_imports_are_literal_and_reach_modules() -> None:
    """importlib.import_module's argument is a literal or an f-string with a literal
    package prefix (so the table above can check it), and it reaches at least one module."""
    known = modules()
    wrong = []
    for name in known:
        wrong += [f"{name}:{line} not a literal" for line in read(name).unresolved_dynamic]
        for found in read(name).imports:
            if found.dynamic and found.target.startswith(PACKAGE) and not targets(known, found):
                wrong.append(f"{name}:{found.line} reaches no module: {found.target}")
    assert not wrong, "\n".join(wrong)


def test_the_lazy_command_table_names_every_command_module() -> None:
    from release_countdown.cli.app import COMMANDS

    known = modules()
    commands = {m for m in known if m.startswith(f"{PACKAGE}.cli.commands.")}
    table = {f"{PACKAGE}.cli.commands.{module}" for module, _ in COMMANDS.values()}
    assert table == commands


def test_serve_imports_nothing_from_the_command_line_at_run_time() -> None:
    known = modules()
    wrong = [
        f"{name} imports {target}"
        for name in known
        if part(name) == "serve"
        for target in project_imports(known, name, types=False)
        if part(target) == "cli"
    ]
    assert not wrong, "\n".join(wrong)


def test_no_import_cycles() -> None:
    known = modules()
    graph = {
        name: project_imports(known, name, types=False, dynamic=False) - {name} for name in known
    }
    # A package's __init__ imported by its own modules is not a cycle of design; a dynamic
    # import (the lazy command table) is made after both modules are loaded.
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


def test_command_modules_are_thin() -> None:
    """A command module is wiring: options in, one call, printing."""
    wrong = {
        name: [f"{n} lines > {COMMAND_LINES}"]
        for name, path in modules().items()
        if name.startswith(f"{PACKAGE}.cli.commands.")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > COMMAND_LINES
    }
    assert not (found := violations("command over 120 lines", wrong)), "\n".join(found)


def test_only_the_boundary_exits() -> None:
    """typer.Exit, SystemExit, sys.exit: only cli/app.py, the one error boundary."""
    wrong = {
        name: [f"line {line}: {what}" for what, line in read(name).exits]
        for name in modules()
        if name != BOUNDARY and read(name).exits
    }
    assert not (found := violations("exit outside the boundary", wrong)), "\n".join(found)


def test_only_the_command_line_reads_the_clock() -> None:
    """`today` is a parameter below cli/: no date.today, datetime.now/today/utcnow or
    time.time there, called or handed on as a value, under whatever alias."""
    wrong = {
        name: [f"line {line}: {clock}" for clock, line in reads]
        for name in modules()
        if part(name) != "cli"
        if (reads := [r for r in read(name).clock_reads if (name, r[0]) not in CLOCK_READS_ALLOWED])
    }
    assert not (found := violations("clock read outside cli", wrong)), "\n".join(found)


class ImportTimeReader(Reader):
    """A Reader that skips what runs later: function and lambda bodies (decorators such as
    parametrize lists, and default values, run at import)."""

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        for later in (*node.decorator_list, *node.args.defaults, *node.args.kw_defaults):
            if later is not None:
                self.visit(later)

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_Lambda(self, node: ast.Lambda) -> None:
        for default in (*node.args.defaults, *node.args.kw_defaults):
            if default is not None:
                self.visit(default)


def import_time_clock_reads(source: str) -> list[tuple[str, int]]:
    tree = ast.parse(source)
    reader = ImportTimeReader("tests", bound_names(tree, "tests"))
    reader.visit(tree)
    return reader.clock_reads


def test_no_test_reads_the_clock_at_import_time() -> None:
    """A module-level `TODAY = date.today()` (or one in a parametrize list) is yesterday's
    day for a run that crosses midnight: tests read the clock when they run."""
    assert import_time_clock_reads(
        "import datetime as dt\nfrom time import time\nTODAY = dt.date.today()\n"
        "@mark([dt.datetime.now()])\ndef f(a=time()):\n    return dt.date.today()\n"
        "g = lambda: dt.date.today()\nclass C:\n    NOW = time()\n"
    ) == [("datetime.date.today", 3), ("datetime.datetime.now", 4), ("time.time", 5),
          ("time.time", 9)]  # fmt: skip
    tests = Path(__file__).resolve().parent
    wrong = [
        f"{path.relative_to(tests)}:{line}: {clock}"
        for path in sorted(tests.rglob("*.py"))
        for clock, line in import_time_clock_reads(path.read_text(encoding="utf-8"))
    ]
    assert not wrong, "\n".join(wrong)


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
    """Starlette, uvicorn and Jinja2 are the serve extra's: only serve/ and its commands
    (serve, and publish, which writes serve's documents as files) import them, and only those
    commands import serve/."""
    known = modules()
    web, serving = [], []
    commands = {f"release_countdown.cli.commands.{name}" for name in ("serve", "publish")}
    for name, path in known.items():
        found = imports_of(path)
        mine = part(name) == "serve" or name in commands
        if {m.split(".")[0] for m in found} & WEB and not mine:
            web.append(name)
        if any(m.startswith("release_countdown.serve") for m in found) and not mine:
            serving.append(name)
    assert web == []
    assert serving == []
    loaded = loaded_after(run_command(["list", "--all", "--json"]))
    assert not {m.split(".")[0] for m in loaded} & WEB


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


def test_root_help_imports_no_command_module() -> None:
    """`countdown --help` lists the commands from cli/app.py's table, their summaries' one
    place: it imports none of them, nor the rows and formats the commands print."""
    modules_loaded = loaded_after(run_command(["--help"]))
    assert not {m for m in modules_loaded if m.startswith(f"{PACKAGE}.cli.commands.")}
    heavy = ("core.rows", "core.query", "views.safe", "cli.options", "settings")
    assert not {f"{PACKAGE}.{m}" for m in heavy} & modules_loaded


def test_named_tuples_every_read_makes_have_evaluated_annotations() -> None:
    """typing.NamedTuple compiles each field's annotation that is a string (a ForwardRef, as
    ``from __future__ import annotations`` makes them) when the class is made: about 9 µs a
    field, 2 ms for the model's, the rows', the query's, the record's and the settings' fields at
    every start. The modules every read imports write them as types."""
    import importlib
    from typing import ForwardRef

    strings = []
    for name in (
        "core.model",
        "core.rows",
        "core.query",
        "core.record",
        "core.standing",
        "settings",
    ):
        module = importlib.import_module(f"{PACKAGE}.{name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and hasattr(value, "_fields")
                and value.__module__ == module.__name__
            ):
                annotations = getattr(value, "__annotations__", {})
                strings += [f"{name}.{value.__name__}.{field}" for field, annotation in
                            annotations.items() if isinstance(annotation, (str, ForwardRef))]  # fmt: skip
    assert not strings


def test_read_paths_never_import_the_http_client() -> None:
    for argv in (["list", "--all", "--json"], ["show", "argylle"], ["next"]):
        modules_loaded = loaded_after(run_command(argv))
        assert not {m for m in modules_loaded if m.split(".")[0] in ("httpx", "httpcore")}, argv
        assert not {m for m in modules_loaded if m.startswith("release_countdown.sources")}, argv


def test_only_lookup_import_and_refresh_import_sources() -> None:
    known = modules()
    users = {
        name
        for name in known
        if any(m.startswith(f"{PACKAGE}.sources") for m in project_imports(known, name))
        and part(name) not in ("sources", "workflows")
    }
    assert users <= {
        f"{PACKAGE}.cli.sourcing",
        f"{PACKAGE}.cli.commands.lookup",
        f"{PACKAGE}.cli.commands.import_",
        f"{PACKAGE}.cli.import_options",  # import REF...: parses the refs
        f"{PACKAGE}.cli.commands.link",  # fetches a ref as import does
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
    assert list((tmp_path / "cache").rglob("*.msgpack"))  # and the cache was used


# The words of a change of date: one module (core/changes.py) decides the kind and owns them.
CHANGE_WORDS = re.compile(
    r"\b(moved up|postponed|narrowed|widened|undated|shifted (later|earlier))\b"
)


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def test_only_the_change_module_words_a_change_of_date() -> None:
    """A module that writes "postponed" or "moved up" itself has decided a direction: only
    core/changes.py may (text in docstrings and comments aside)."""
    found = []
    for name, path in modules().items():
        if name == f"{PACKAGE}.core.changes":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
                continue
            if id(node) in docs:
                continue
            if CHANGE_WORDS.search(node.value) or node.value.strip() == "dated":
                found.append(f"{name}:{node.lineno}: {node.value!r}")
    assert not found, "\n".join(found)
