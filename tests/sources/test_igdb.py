"""Games from a local server answering like IGDB (POST /v4/games, an Apicalypse body) and
Twitch (POST oauth2/token): each date format one to one, platforms and regions, companies,
franchise, and the token: cached 0600, reused across runs, renewed when it expires and once
when IGDB answers 401 mid-run."""

from __future__ import annotations

import json
import os
import stat
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import tomli
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.conftest import invoke
from tests.sources import igdb_data as igdb
from tests.sources.aging import recorded_earlier

GAMES = "/v4/games"
TOKEN = "/oauth2/token"


@pytest.fixture
def igdb_server(server: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> HTTPServer:
    monkeypatch.setenv("COUNTDOWN_IGDB_URL", server.url_for("/").rstrip("/"))
    monkeypatch.setenv("COUNTDOWN_TWITCH_TOKEN_URL", server.url_for(TOKEN))
    monkeypatch.setenv("IGDB_CLIENT_ID", igdb.CLIENT)
    monkeypatch.setenv("IGDB_CLIENT_SECRET", igdb.SECRET)
    return server


def token_file() -> Path:
    return Path(os.environ["XDG_STATE_HOME"]) / "release-countdown" / "igdb-token.json"


def entry(path: Path) -> dict[str, Any]:
    found: dict[str, Any] = tomli.loads(path.read_text())["release"][0]
    return found


def answer_token(server: HTTPServer, value: str = "tok-1", expires_in: int = 5_011_271) -> None:
    server.expect_request(TOKEN, method="POST").respond_with_json(igdb.token(value, expires_in))


def answer_game(server: HTTPServer, game: dict[str, Any], token: str = "tok-1") -> None:
    server.expect_request(
        GAMES, method="POST", headers={"Authorization": f"Bearer {token}"}
    ).respond_with_json([game])


def imports_clean(registry: Path, *args: str) -> dict[str, Any]:
    result = invoke("import", f"igdb:game/{igdb.GAME}", "-r", str(registry), *args)
    assert result.exit_code == 0, result.stderr
    assert invoke("check", str(registry)).exit_code == 0
    assert invoke("fmt", "--check", str(registry)).exit_code == 0
    return entry(registry)


FORMS = ("YYYYMMMMDD", "YYYYMMMM", "YYYY", "YYYYQ1", "YYYYQ2", "YYYYQ3", "YYYYQ4", "TBD")


@pytest.mark.parametrize(
    ("category", "stored"),
    [(0, date(2027, 3, 2)), (1, "2027-03"), (2, "2027"), (3, "2027-Q1"), (4, "2027-Q2"),
     (5, "2027-Q3"), (6, "2027-Q4"), (7, "TBA")],
)  # fmt: skip
@pytest.mark.parametrize("by", ["category", "date_format"])
def test_each_date_format_maps_one_to_one(
    igdb_server: HTTPServer, registry: Path, category: int, stored: object, by: str
) -> None:
    """The older category enum and the newer date_format (its format string) alike."""
    given = {"category": category} if by == "category" else {"date_format": FORMS[category]}
    answer_token(igdb_server)
    answer_game(igdb_server, igdb.game(igdb.release_date("PC", **given)))  # type: ignore[arg-type]
    found = imports_clean(registry)
    assert found["date"] == stored
    assert found["kind"] == "game"
    assert found["headline"] == "WW:digital"
    assert found["dates"] == [
        {"region": "WW", "type": "digital", "platform": "PC", "date": stored, "origin": "igdb"}
    ]


def test_platforms_regions_companies_and_franchise(igdb_server: HTTPServer, registry: Path) -> None:
    dates = (
        igdb.release_date("PS5", category=0, day="2027-03-02", region=2),  # north_america
        igdb.release_date("PC", date_format="YYYYQ3", day="2027-08-01", release_region="worldwide"),
        igdb.release_date("XSX", category=1, day="2027-05-01", region=5),  # japan: not asked
        igdb.release_date("PS5", category=0, day="2027-02-26", region=1),  # europe: no country
        igdb.release_date("Switch", category=7),
    )
    answer_token(igdb_server)
    answer_game(igdb_server, igdb.game(*dates))
    found = imports_clean(registry)
    assert found["title"] == "Judas"
    assert found["aliases"] == ["ジューダス"]
    assert found["date"] == date(2027, 2, 26)  # the first release anywhere: Europe's
    assert found["franchise"] == "BioShock"
    assert found["people"] == {
        "developer": ["Ghost Story Games"], "publisher": ["Take-Two Interactive", "2K"],
    }  # fmt: skip
    assert found["ids"] == {"igdb": "game/1942"}
    assert found["sources"] == ["https://www.igdb.com/games/judas"]
    assert [(d["region"], d.get("platform"), d["date"]) for d in found["dates"]] == [
        ("US", "PS5", date(2027, 3, 2)), ("WW", "PC", "2027-Q3"), ("WW", "Switch", "TBA"),
    ]  # fmt: skip
    request, _ = igdb_server.log[-1]
    assert request.headers["Client-ID"] == igdb.CLIENT
    body = request.get_data(as_text=True)
    assert body.startswith("fields ")
    assert body.endswith("where id = 1942;")


def test_the_preferred_platform_dates_the_headline(
    igdb_server: HTTPServer, registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dates = (
        igdb.release_date("PS5", category=0, day="2027-02-26", release_region="worldwide"),
        igdb.release_date("PC", date_format="YYYYQ3", day="2027-08-01", release_region="worldwide"),
    )
    answer_token(igdb_server)
    answer_game(igdb_server, igdb.game(*dates))
    monkeypatch.setenv("COUNTDOWN_PLATFORM", "windows")  # IGDB's "PC", by core/platforms
    found = imports_clean(registry)
    assert found["date"] == "2027-Q3"  # PC's, though PS5's comes first
    assert found["headline"] == "WW:digital"


def test_every_region_with_all_dates(igdb_server: HTTPServer, registry: Path) -> None:
    dates = (igdb.release_date("XSX", category=1, day="2027-05-01", region=5),)
    answer_token(igdb_server)
    answer_game(igdb_server, igdb.game(*dates))
    found = imports_clean(registry, "--all-dates")
    assert [(d["region"], d["date"]) for d in found["dates"]] == [("JP", "2027-05")]


def test_the_token_is_cached_0600_and_reused_across_runs(
    igdb_server: HTTPServer, registry: Path
) -> None:
    answer_token(igdb_server)
    answer_game(igdb_server, igdb.game(igdb.release_date("PC", category=2)))
    assert invoke("lookup", "judas", "--source", "igdb").exit_code == 0
    assert stat.S_IMODE(token_file().stat().st_mode) == 0o600
    cached = json.loads(token_file().read_text())
    assert cached["access_token"] == "tok-1"
    assert igdb.SECRET not in token_file().read_text()  # the client secret stays in the settings
    imports_clean(registry)
    asked = [request.path for request, _ in igdb_server.log]
    assert asked == [TOKEN, GAMES, GAMES]  # one token for both runs
    request, _ = igdb_server.log[0]
    assert request.args["client_id"] == igdb.CLIENT
    assert request.args["grant_type"] == "client_credentials"


def test_an_expired_token_is_renewed(igdb_server: HTTPServer, registry: Path) -> None:
    answer_token(igdb_server, "tok-old", expires_in=30)  # within the renewal margin
    answer_game(igdb_server, igdb.game(igdb.release_date("PC", category=2)), token="tok-old")
    assert invoke("lookup", "judas", "--source", "igdb").exit_code == 0
    igdb_server.clear()
    answer_token(igdb_server, "tok-1")
    answer_game(igdb_server, igdb.game(igdb.release_date("PC", category=2)))
    imports_clean(registry)
    assert [request.path for request, _ in igdb_server.log] == [TOKEN, GAMES]
    assert json.loads(token_file().read_text())["access_token"] == "tok-1"


def test_a_token_refused_mid_run_is_renewed_once(igdb_server: HTTPServer, registry: Path) -> None:
    """The cached token is valid by its time but Twitch revoked it: IGDB answers 401, one new
    token is asked for, the request is sent again with it."""
    tokens = iter(["tok-1", "tok-2"])

    def token(_: Request) -> Response:
        return Response(json.dumps(igdb.token(next(tokens))), content_type="application/json")

    igdb_server.expect_request(TOKEN, method="POST").respond_with_handler(token)
    igdb_server.expect_request(
        GAMES, method="POST", headers={"Authorization": "Bearer tok-1"}
    ).respond_with_json({"message": "Authorization Failure. Have you tried:"}, status=401)
    answer_game(igdb_server, igdb.game(igdb.release_date("PC", category=5)), token="tok-2")
    found = imports_clean(registry)
    assert found["date"] == "2027-Q3"
    assert [request.path for request, _ in igdb_server.log] == [TOKEN, GAMES, TOKEN, GAMES]
    assert json.loads(token_file().read_text())["access_token"] == "tok-2"


def test_a_second_refusal_is_a_clear_error(igdb_server: HTTPServer, registry: Path) -> None:
    tokens = iter(["tok-1", "tok-2", "tok-3"])

    def token(_: Request) -> Response:
        return Response(json.dumps(igdb.token(next(tokens))), content_type="application/json")

    igdb_server.expect_request(TOKEN, method="POST").respond_with_handler(token)
    igdb_server.expect_request(GAMES, method="POST").respond_with_json({}, status=401)
    result = invoke("import", f"igdb:game/{igdb.GAME}", "-r", str(registry))
    assert result.exit_code == 4
    assert "refused again with a new token (HTTP 401)" in result.stderr
    assert "IGDB_CLIENT_ID / IGDB_CLIENT_SECRET" in result.stderr
    assert "tok-" not in result.stderr
    assert igdb.SECRET not in result.stderr
    assert [request.path for request, _ in igdb_server.log] == [TOKEN, GAMES, TOKEN, GAMES]
    assert registry.read_text() == "schema = 1\n"


def test_credentials_twitch_refuses(igdb_server: HTTPServer, registry: Path) -> None:
    igdb_server.expect_request(TOKEN, method="POST").respond_with_json(
        {"status": 403, "message": "invalid client secret"}, status=403
    )
    result = invoke("import", f"igdb:game/{igdb.GAME}", "-r", str(registry))
    assert result.exit_code == 4
    assert "invalid client secret" in result.stderr
    assert "IGDB_CLIENT_SECRET" in result.stderr
    assert igdb.SECRET not in result.stderr
    assert not token_file().exists()


def test_no_credentials_say_how_to_get_them(
    registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("IGDB_CLIENT_ID", raising=False)
    result = invoke("import", "igdb:game/1942", "-r", str(registry))
    assert result.exit_code == 2
    assert "IGDB_CLIENT_ID and IGDB_CLIENT_SECRET" in result.stderr
    assert "[sources.igdb]" in result.stderr


def test_a_game_igdb_does_not_have(igdb_server: HTTPServer, registry: Path) -> None:
    answer_token(igdb_server)
    igdb_server.expect_request(GAMES, method="POST").respond_with_json([])
    result = invoke("import", "igdb:game/77", "-r", str(registry))
    assert result.exit_code == 1
    assert "IGDB: igdb:game/77: not found" in result.stderr


def test_lookup_shows_the_date_import_writes(igdb_server: HTTPServer) -> None:
    dates = (
        igdb.release_date("PS5", category=5, day="2027-07-01"),
        igdb.release_date("PC", category=0, day="2027-08-15"),
    )
    answer_token(igdb_server)
    answer_game(igdb_server, igdb.game(*dates))
    result = invoke("lookup", 'judas "2"', "--source", "igdb", "--year", "2027", "--json")
    assert result.exit_code == 0, result.stderr
    [found] = json.loads(result.stdout)
    assert found["ref"] == "igdb:game/1942"
    assert (found["date"], found["kind"], found["note"]) == ("2027-Q3", "game", "PS5, PC")
    assert found["people"]["developer"] == ["Ghost Story Games"]
    body = igdb_server.log[-1][0].get_data(as_text=True)
    assert body.startswith('search "judas 2"; fields ')
    assert "where release_dates.y = 2027;" in body


def test_refresh_records_a_platform_narrowed(igdb_server: HTTPServer, registry: Path) -> None:
    answer_token(igdb_server)
    answer_game(igdb_server, igdb.game(
        igdb.release_date("PS5", category=5, day="2027-07-01"),
        igdb.release_date("PC", category=5, day="2027-07-01"),
    ))  # fmt: skip
    imports_clean(registry)
    recorded_earlier(registry)
    igdb_server.clear()
    answer_game(igdb_server, igdb.game(
        igdb.release_date("PS5", category=5, day="2027-07-01"),
        igdb.release_date("PC", category=0, day="2027-08-12"),
    ))  # fmt: skip
    result = invoke("refresh", "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    found = entry(registry)
    assert [(d["platform"], d["date"]) for d in found["dates"]] == [
        ("PC", date(2027, 8, 12)), ("PS5", "2027-Q3"),
    ]  # fmt: skip
    assert found["date"] == "2027-Q3"  # the earliest possible: PS5's quarter
    assert "dates.WW.digital.PC: 2027-Q3 → 2027-08-12, narrowed" in result.stderr
    assert invoke("check", str(registry)).exit_code == 0
    assert invoke("fmt", "--check", str(registry)).exit_code == 0


def test_a_corrupt_token_file_is_named_and_left_alone(
    igdb_server: HTTPServer, registry: Path
) -> None:
    token_file().parent.mkdir(parents=True, exist_ok=True)
    token_file().write_text("{not json", encoding="utf-8")
    result = invoke("import", f"igdb:game/{igdb.GAME}", "-r", str(registry))
    assert result.exit_code == 3
    assert str(token_file()) in result.stderr
    assert "move it away" in result.stderr
    assert token_file().read_text(encoding="utf-8") == "{not json"
    assert igdb_server.log == []


def test_config_never_shows_the_client_secret() -> None:
    result = invoke(
        "config", env={"IGDB_CLIENT_ID": igdb.CLIENT, "IGDB_CLIENT_SECRET": igdb.SECRET}
    )
    assert result.exit_code == 0, result.stderr
    assert igdb.SECRET not in result.stdout
    assert "sources.igdb.client_secret" in result.stdout
    # A client id is a secret too (Trakt's is its API key): shown as set, never its value.
    assert igdb.CLIENT not in result.stdout
    assert "sources.igdb.client_id" in result.stdout


@pytest.mark.slow
def test_four_requests_a_second_measured_at_the_server(
    igdb_server: HTTPServer, registry: Path
) -> None:
    arrivals: list[float] = []

    def answer(request: Request) -> Response:
        arrivals.append(time.monotonic())
        number = int(request.get_data(as_text=True).rsplit("= ", 1)[-1].rstrip(";"))
        body = [igdb.game(igdb.release_date("PC", category=2), number=number, name=f"G{number}")]
        return Response(json.dumps(body), content_type="application/json")

    answer_token(igdb_server)
    igdb_server.expect_request(GAMES, method="POST").respond_with_handler(answer)
    refs = [f"igdb:game/{n}" for n in range(1, 7)]
    result = invoke("import", *refs, "-r", str(registry))
    assert result.exit_code == 0, result.stderr
    assert len(arrivals) == 6
    arrivals.sort()
    windows = [arrivals[i + 4] - arrivals[i] for i in range(len(arrivals) - 4)]
    assert min(windows) >= 1.0, windows  # never five in a second


def test_lookup_shows_a_game_whose_date_the_gate_refuses(igdb_server: HTTPServer) -> None:
    bad = igdb.release_date("PC", category=1)
    bad["m"] = 13
    answer_token(igdb_server)
    igdb_server.expect_request(GAMES, method="POST").respond_with_json([
        igdb.game(bad, number=1, name="Judas"),
        igdb.game(igdb.release_date("PC", category=2), number=2, name="Judas Priest"),
    ])  # fmt: skip
    result = invoke("lookup", "judas", "--source", "igdb", "--json")
    assert result.exit_code == 0, result.stderr
    first, second = json.loads(result.stdout)
    assert first["date"] is None
    assert "'2027-13' is not a date" in first["date_note"]
    assert (second["date"], second["date_note"]) == ("2027", None)
