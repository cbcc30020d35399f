"""`undo` after `refresh` (a write made by a workflow, not a command's edit) restores the bytes."""

from __future__ import annotations

from pathlib import Path

from pytest_httpserver import HTTPServer

from release_countdown.writing import journal
from tests.conftest import invoke
from tests.workflows.test_refresh import HAND_WRITTEN, answer, run


def test_undo_after_refresh_restores_the_bytes(server: HTTPServer, registry: Path) -> None:
    registry.write_text(HAND_WRITTEN, encoding="utf-8")
    before = registry.read_bytes()
    answer(server, "2027-09-03")
    done = run(server, registry)
    assert done.change is not None
    assert registry.read_bytes() != before
    (entry,) = journal.entries(registry)
    assert entry.message == "refreshed 1 title, 1 changed"
    undone = invoke("undo", "--registry", str(registry))
    assert undone.exit_code == 0, undone.stderr
    assert registry.read_bytes() == before
    assert journal.entries(registry) == []


def test_a_dry_run_refresh_keeps_nothing(server: HTTPServer, registry: Path) -> None:
    registry.write_text(HAND_WRITTEN, encoding="utf-8")
    answer(server, "2027-09-03")
    run(server, registry, dry_run=True)
    assert journal.entries(registry) == []
