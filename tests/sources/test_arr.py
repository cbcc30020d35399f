"""Radarr, Sonarr and Lidarr libraries as list rows (sources/lists/arr.py), read from fakes
that check X-Api-Key: typed dates, ids in [release.ids]'s forms, follows of artists, and the
key from the environment or the config file, never shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from release_countdown.cli.sourcing import source_settings
from release_countdown.core.errors import NotFoundError, SourceError, UsageError
from release_countdown.core.listrow import ListRow
from release_countdown.core.record import SourceDate
from release_countdown.sources.lists.arr import read_lidarr, read_radarr, read_sonarr
from tests.conftest import invoke
from tests.sources import arr_data
from tests.sources.conftest import KEY

RADARR = "from Radarr"  # the note of a date Radarr gave
OTHER_KEY = "0ther-k3y-9876543210"


def base(server: HTTPServer) -> str:
    return server.url_for("/").rstrip("/")


def keyed(monkeypatch: pytest.MonkeyPatch, name: str = "RADARR_API_KEY") -> None:
    monkeypatch.setenv(name, KEY)


def test_radarr_films_with_their_typed_dates(
    server: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    keyed(monkeypatch)
    server.expect_oneshot_request("/api/v3/movie", headers={"X-Api-Key": KEY}).respond_with_json(
        arr_data.movies()
    )
    rows = read_radarr(base(server), source_settings())
    server.check_assertions()
    assert rows[0] == ListRow(
        line="Radarr movie 1",
        title="The Matrix Resurrections",
        year=2021,
        kind="film",
        ids={"tmdb": "movie/624860", "imdb": "tt10838180"},
        dates=(
            SourceDate("US", "theatrical", "2021-12-22", note=RADARR, listed=False),
            SourceDate("US", "digital", "2021-12-22", note=RADARR, listed=False),
            SourceDate("US", "physical", "2022-03-08", note=RADARR, listed=False),
        ),
    )
    assert rows[1].dates == (
        SourceDate("US", "theatrical", "2026-12-18", note=RADARR, listed=False),
    )
    assert (rows[1].ids["tmdb"], rows[1].year) == ("movie/1170608", 2026)
    # Year 0, no IMDb id, no dates: what Radarr knows of an announced film.
    assert rows[2] == ListRow(
        line="Radarr movie 3", title="Untitled Nolan Event Film", year=None, kind="film",
        ids={"tmdb": "movie/1242898"},
    )  # fmt: skip


def test_a_wrong_key_is_refused_naming_where_to_set_it(
    server: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RADARR_API_KEY", OTHER_KEY)

    def answer(request: Request) -> Response:
        if request.headers.get("X-Api-Key") != KEY:
            return Response('{"error": "Unauthorized"}', status=401)
        return Response("[]", content_type="application/json")

    server.expect_request("/api/v3/movie").respond_with_handler(answer)
    with pytest.raises(SourceError) as caught:
        read_radarr(base(server), source_settings())
    message = str(caught.value)
    assert message.startswith("Radarr: GET /api/v3/movie: refused: HTTP 401 (Unauthorized)")
    assert message.endswith("; check RADARR_API_KEY or [sources.radarr] api_key")
    assert OTHER_KEY[:8] not in message


def test_a_refusal_behind_the_url_base_radarr_names_the_config_table(
    server: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A Radarr behind the URL base /radarr (a common reverse-proxy setup): the hint is
    # countdown's own words, so the address's masking leaves it whole.
    keyed(monkeypatch)
    server.expect_request("/radarr/api/v3/movie").respond_with_data("{}", status=401)
    with pytest.raises(SourceError) as caught:
        read_radarr(base(server) + "/radarr", source_settings())
    assert str(caught.value).endswith("; check RADARR_API_KEY or [sources.radarr] api_key")


def test_no_key_says_where_to_set_it(server: HTTPServer) -> None:
    with pytest.raises(UsageError) as caught:
        read_sonarr(base(server), source_settings())
    message = str(caught.value)
    assert "Sonarr needs its API key (in Sonarr: Settings > General > Security)" in message
    assert "set SONARR_API_KEY in the environment" in message
    assert '[sources.sonarr]\n  api_key = "..."' in message
    assert len(server.log) == 0  # nothing asked without a key


def test_the_key_from_the_config_file(
    server: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[sources.lidarr]\napi_key = "{KEY}"\n', encoding="utf-8")
    monkeypatch.setenv("COUNTDOWN_CONFIG", str(config))
    server.expect_oneshot_request("/api/v1/artist", headers={"X-Api-Key": KEY}).respond_with_json(
        [arr_data.artist()]
    )
    (row,) = read_lidarr(base(server), source_settings())
    server.check_assertions()
    assert row == ListRow(
        line="Lidarr artist 3", title="Linkin Park", kind="album",
        follow=f"musicbrainz:artist/{arr_data.MBID}",
    )  # fmt: skip


def test_an_address_with_a_url_base(server: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    keyed(monkeypatch)
    server.expect_oneshot_request("/radarr/api/v3/movie").respond_with_json([])
    assert read_radarr(base(server) + "/radarr/", source_settings()) == []
    server.check_assertions()


def test_sonarr_series_by_their_ids(server: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    keyed(monkeypatch, "SONARR_API_KEY")
    server.expect_oneshot_request("/api/v3/series", headers={"X-Api-Key": KEY}).respond_with_json(
        arr_data.all_series()
    )
    severance, andor = read_sonarr(base(server), source_settings())
    server.check_assertions()
    assert severance == ListRow(
        line="Sonarr series 7", title="Severance", year=2022, kind="series",
        ids={"tvdb": "371980", "tmdb": "tv/95396", "imdb": "tt11280740"},
        note="Sonarr: seasons 1–2, continuing",
    )  # fmt: skip
    assert andor.ids == {"tvdb": "393189", "imdb": "tt9253284"}  # no tmdbId before Sonarr v4
    assert andor.note == "Sonarr: season 1, upcoming"


@pytest.mark.parametrize(
    ("fields", "ids"),
    [
        ({"tmdbId": 0, "imdbId": ""}, {}),
        ({"tmdbId": "624860", "imdbId": "10838180"}, {}),  # text for a number; no tt
        ({"tmdbId": True, "imdbId": None}, {}),
        ({"tmdbId": -5, "imdbId": "tt10838180"}, {"imdb": "tt10838180"}),
    ],
)
def test_ids_of_another_form_are_left_out(
    server: HTTPServer, monkeypatch: pytest.MonkeyPatch, fields: dict[str, object], ids: object
) -> None:
    keyed(monkeypatch)
    server.expect_request("/api/v3/movie").respond_with_json([arr_data.movie(**fields)])
    (row,) = read_radarr(base(server), source_settings())
    assert row.ids == ids


def test_a_date_the_registry_refuses_is_left_out_and_said(
    server: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    keyed(monkeypatch)
    movie = arr_data.movie(physicalRelease="0001-01-01T00:00:00Z", digitalRelease="2022-13-01")
    server.expect_request("/api/v3/movie").respond_with_json([movie])
    (row,) = read_radarr(base(server), source_settings())
    assert row.dates == (SourceDate("US", "theatrical", "2021-12-22", note=RADARR, listed=False),)
    assert row.note == (
        "left out: Radarr movie 1: digitalRelease: '2022-13-01' is not a date (is not a calendar "
        "date: month must be in 1..12); "
        "left out: Radarr movie 1: physicalRelease: '0001-01-01T00:00:00Z' is not a date "
        "(years before 1000 are not release dates)"
    )


def test_an_artist_without_a_musicbrainz_id_is_said(
    server: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    keyed(monkeypatch, "LIDARR_API_KEY")
    server.expect_request("/api/v1/artist").respond_with_json(
        [
            arr_data.artist(foreignArtistId="not-an-mbid"),
            arr_data.artist(id=4, foreignArtistId=None),
        ]
    )
    odd, missing = read_lidarr(base(server), source_settings())
    assert (odd.follow, odd.note) == (None, "Lidarr gives no MusicBrainz artist id (not-an-mbid)")
    assert (missing.follow, missing.note) == (None, "Lidarr gives no MusicBrainz artist id (none)")


def test_an_address_without_its_url_base_says_so(
    server: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Radarr behind /radarr, given without it: a 404, which is no title not found (exit 1)
    # but an address to correct (exit 4), said as an answer that is not a library is.
    keyed(monkeypatch)
    server.expect_request("/api/v3/movie").respond_with_data("Not Found", status=404)
    with pytest.raises(SourceError) as caught:
        read_radarr(base(server), source_settings())
    assert not isinstance(caught.value, NotFoundError)
    assert str(caught.value) == (
        "Radarr: GET /api/v3/movie: not found (404) (is this the address of a Radarr, its URL "
        "base included?)"
    )


@pytest.mark.parametrize("answer", [{"page": 1, "records": []}, [1, 2], "movies"])
def test_an_answer_that_is_not_a_library(
    server: HTTPServer, monkeypatch: pytest.MonkeyPatch, answer: object
) -> None:
    keyed(monkeypatch)
    server.expect_request("/api/v3/movie").respond_with_json(answer)
    with pytest.raises(SourceError) as caught:
        read_radarr(base(server), source_settings())
    assert str(caught.value) == (
        "Radarr: GET /api/v3/movie: the answer is not a list of objects (is this the address "
        "of a Radarr, its URL base included?)"
    )


def test_not_an_address_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    keyed(monkeypatch)
    with pytest.raises(UsageError, match="is not an http"):
        read_radarr("localhost:7878", source_settings())


def test_config_shows_whether_each_key_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    keyed(monkeypatch)
    shown = invoke("config").stdout
    assert "sources.radarr.api_key" in shown
    line = next(line for line in shown.splitlines() if "sources.radarr.api_key" in line)
    assert "set (from RADARR_API_KEY)" in line
    assert KEY not in shown
    assert "not set" in next(line for line in shown.splitlines() if "sonarr.api_key" in line)


def test_an_unknown_key_of_the_table_is_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[sources.radarr]\nurl = "http://127.0.0.1:7878"\n', encoding="utf-8")
    monkeypatch.setenv("COUNTDOWN_CONFIG", str(config))
    result = invoke("config")
    assert result.exit_code == 0
    assert 'unknown key "sources.radarr.url" is ignored' in result.stderr


def test_a_redirect_is_not_followed_with_the_key(
    server: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Radarr behind a sign-in page redirects there: the key is not carried along."""
    keyed(monkeypatch)
    with HTTPServer(host="127.0.0.1", port=0) as elsewhere:
        elsewhere.expect_request("/login").respond_with_data("sign in")
        server.expect_request("/api/v3/movie").respond_with_data(
            "", status=302, headers={"Location": elsewhere.url_for("/login?rd=x")}
        )
        with pytest.raises(SourceError) as caught:
            read_radarr(base(server), source_settings())
        assert len(elsewhere.log) == 0
    assert str(caught.value) == (
        f"Radarr: GET /api/v3/movie: HTTP 302: the address redirects to {base(elsewhere)}; give "
        "the address of the service itself (the API key goes only where it is told to)"
    )
