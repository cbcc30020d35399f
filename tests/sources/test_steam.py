"""Games from a local server answering like the Steam store's appdetails: the free-text
release date read only in its known forms (never more precise than written), platforms,
developers and publishers, and ``success: false``."""

from __future__ import annotations

import itertools
import json
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import tomli
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.conftest import invoke

APP = 1245620
DETAILS = "/api/appdetails"


@pytest.fixture
def steam(server: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> HTTPServer:
    monkeypatch.setenv("COUNTDOWN_STEAM_URL", server.url_for("/").rstrip("/"))
    return server


def details(
    when: str, *, coming_soon: bool = True, platforms: dict[str, bool] | None = None
) -> dict[str, Any]:
    """An appdetails answer (the fields read here, as the store's documented example)."""
    return {
        str(APP): {
            "success": True,
            "data": {
                "type": "game",
                "name": "Elden Ring Nightreign",
                "steam_appid": APP,
                "developers": ["FromSoftware, Inc."],
                "publishers": ["Bandai Namco Entertainment", "FromSoftware, Inc."],
                "platforms": platforms or {"windows": True, "mac": False, "linux": False},
                "release_date": {"coming_soon": coming_soon, "date": when},
            },
        }
    }


def imported(registry: Path, ref: str = f"steam:app/{APP}") -> dict[str, Any]:
    result = invoke("import", ref, "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    assert invoke("check", str(registry)).exit_code == 0
    assert invoke("fmt", "--check", str(registry)).exit_code == 0
    found: dict[str, Any] = tomli.loads(registry.read_text())["release"][0]
    return found


@pytest.mark.parametrize(
    ("when", "stored", "note"),
    [("Q1 2027", "2027-Q1", None), ("Coming soon", "TBA", "Coming soon"),
     ("SOON™", "TBA", "SOON™"), ("2027", "2027", None), ("18 Dec, 2026", date(2026, 12, 18), None),
     ("Dec 18, 2026", date(2026, 12, 18), None), ("December 2026", "2026-12", None),
     ("H1 2027", "TBA", "H1 2027"), ("Q1", "TBA", "Q1"), ("", "TBA", None)],
)  # fmt: skip
def test_the_release_date_text_in_its_known_forms_only(
    steam: HTTPServer, registry: Path, when: str, stored: object, note: str | None
) -> None:
    steam.expect_request(
        DETAILS, query_string={"appids": str(APP), "l": "english"}
    ).respond_with_json(details(when))
    found = imported(registry)
    assert found["date"] == stored
    assert found["headline"] == "WW:digital"
    typed = {"region": "WW", "type": "digital", "platform": "PC", "date": stored, "origin": "steam"}
    assert found["dates"] == [typed | ({"note": note} if note else {})]


def test_a_store_address_platforms_and_companies(steam: HTTPServer, registry: Path) -> None:
    flags = {"windows": True, "mac": True, "linux": True}
    steam.expect_request(DETAILS).respond_with_json(details("18 Dec, 2026", platforms=flags))
    found = imported(registry, f"https://store.steampowered.com/app/{APP}/ELDEN_RING_NIGHTREIGN/")
    assert found["title"] == "Elden Ring Nightreign"
    assert found["kind"] == "game"
    assert found["ids"] == {"steam": f"app/{APP}"}
    assert found["sources"] == [f"https://store.steampowered.com/app/{APP}/"]
    assert found["people"] == {
        "developer": ["FromSoftware, Inc."],
        "publisher": ["Bandai Namco Entertainment", "FromSoftware, Inc."],
    }
    assert [d["platform"] for d in found["dates"]] == ["PC", "Mac", "Linux"]


def test_success_false_is_not_found(steam: HTTPServer, registry: Path) -> None:
    steam.expect_request(DETAILS).respond_with_json({"77": {"success": False}})
    result = invoke("import", "steam:app/77", "-r", str(registry))
    assert result.exit_code == 1
    assert "Steam: steam:app/77: not found" in result.stderr
    assert registry.read_text() == "schema = 1\n"


def test_a_known_form_that_is_no_date_is_refused(steam: HTTPServer, registry: Path) -> None:
    steam.expect_request(DETAILS).respond_with_json(details("Feb 30, 2027"))
    result = invoke("import", f"steam:{APP}", "-r", str(registry))
    assert result.exit_code == 4
    assert "'2027-02-30' is not a date" in result.stderr


def test_refresh_dates_a_coming_soon_game(steam: HTTPServer, registry: Path) -> None:
    from tests.sources.aging import recorded_earlier

    steam.expect_request(DETAILS).respond_with_json(details("Coming soon"))
    imported(registry)
    recorded_earlier(registry)
    steam.clear()
    steam.expect_request(DETAILS).respond_with_json(details("Q1 2027"))
    result = invoke("refresh", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    found = tomli.loads(registry.read_text())["release"][0]
    assert found["date"] == "2027-Q1"
    assert found["history"][-1]["date"] == "2027-Q1"
    assert "note" not in found["dates"][0]  # "Coming soon" went with the TBA it explained
    assert invoke("fmt", "--check", str(registry)).exit_code == 0


def test_no_lookup_without_a_documented_search() -> None:
    result = invoke("lookup", "elden ring", "--source", "steam")
    assert result.exit_code == 2
    assert "Steam has no documented search" in result.stderr


@pytest.mark.slow
def test_one_app_each_one_and_a_half_seconds_measured_at_the_server(
    steam: HTTPServer, registry: Path
) -> None:
    """About 200 requests in 5 minutes: the starts are 1.5 s apart, whatever the threads."""
    arrivals: list[float] = []

    def answer(request: Request) -> Response:
        arrivals.append(time.monotonic())
        app = request.args["appids"]
        body = details("2027")
        body[app] = body.pop(str(APP))
        body[app]["data"]["name"] = f"Game {app}"
        return Response(json.dumps(body), content_type="application/json")

    steam.expect_request(DETAILS).respond_with_handler(answer)
    result = invoke("import", "steam:app/1", "steam:app/2", "steam:app/3", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    assert len(arrivals) == 3
    gaps = [b - a for a, b in itertools.pairwise(arrivals)]
    assert min(gaps) >= 1.45, gaps
