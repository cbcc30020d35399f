"""/radarr.json and /sonarr.json: what `export --format radarr-list|sonarr-list` writes, with
the same filters as the other endpoints (and the token: tests/serve/test_security.py), so that
a Radarr or Sonarr can subscribe to a countdown; `publish` writes the same files."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

from tests.conftest import invoke
from tests.formats.arr_readers import radarr_tmdb_ids, sonarr_series
from tests.formats.test_arrlists import REGISTRY
from tests.serve.conftest import Make

AS_OF = "2027-01-01"
PATHS = {"/radarr.json": "radarr-list", "/sonarr.json": "sonarr-list"}


@pytest.fixture
def lists_file(tmp_path: Path) -> Path:
    path = tmp_path / "lists.toml"
    path.write_text(REGISTRY, encoding="utf-8")
    return path


@pytest.fixture
def lists_client(make_client: Make, lists_file: Path) -> TestClient:
    return make_client(lists_file)


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(
    "query",
    [f"as_of={AS_OF}", f"as_of={AS_OF}&search=dune", f"as_of={AS_OF}&kind=series&within=30d",
     "as_of=2028-06-01&all=1", "as_of=2028-06-01"],
)  # fmt: skip
def test_a_list_is_what_export_writes(
    lists_client: TestClient, lists_file: Path, path: str, query: str
) -> None:
    answer = lists_client.get(f"{path}?{query}")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/json"
    args: list[str] = []
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        args += ["--all"] if key == "all" else [f"--{key.replace('_', '-')}", value]
    cli = invoke("export", "--format", PATHS[path], "-r", str(lists_file), *args)
    assert cli.exit_code == 0, cli.stderr
    assert answer.content == cli.stdout_bytes


def test_radarr_and_sonarr_read_what_is_served(lists_client: TestClient) -> None:
    radarr = lists_client.get(f"/radarr.json?as_of={AS_OF}")
    assert radarr_tmdb_ids(radarr.content) == [1170608, 624860]
    sonarr = lists_client.get(f"/sonarr.json?as_of={AS_OF}&kind=series")
    assert [s["tvdbId"] for s in sonarr_series(sonarr.content)] == [371980, 393189]


def test_a_filter_narrows_the_list(lists_client: TestClient) -> None:
    answer = lists_client.get(f"/radarr.json?as_of={AS_OF}&search=matrix")
    assert radarr_tmdb_ids(answer.content) == [624860]


def test_a_bad_filter_is_a_400(lists_client: TestClient) -> None:
    answer = lists_client.get("/sonarr.json?within=3x")
    assert answer.status_code == 400
    assert answer.text.startswith("within: ")


def test_an_unchanged_list_is_a_304(lists_client: TestClient) -> None:
    first = lists_client.get(f"/radarr.json?as_of={AS_OF}")
    again = lists_client.get(
        f"/radarr.json?as_of={AS_OF}", headers={"If-None-Match": first.headers["etag"]}
    )
    assert again.status_code == 304


def test_publish_writes_what_serve_answers(
    lists_client: TestClient, lists_file: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    done = invoke("publish", str(site), "-r", str(lists_file), "--as-of", AS_OF, "--kind", "series")
    assert done.exit_code == 0, done.stderr
    for path in PATHS:
        served = lists_client.get(f"{path}?as_of={AS_OF}&kind=series")
        assert (site / path.removeprefix("/")).read_bytes() == served.content
    assert [s["tvdbId"] for s in sonarr_series((site / "sonarr.json").read_bytes())] == [
        371980,
        393189,
    ]
