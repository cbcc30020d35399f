"""What one request may cost the server: days near the calendar's ends, parameters nobody reads,
a calendar window as wide as it can be asked (issue 20, items 16 and 17)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from release_countdown.serve import app as serve_app

from .conftest import AS_OF, Make

ENDPOINTS = ("/", "/releases.json", "/calendar.ics", "/changes.atom", "/title/argylle")


def site_of(client: TestClient) -> Any:
    """The Site behind a client's application (the guard in front, then Starlette's routes)."""
    starlette = client.app.app  # type: ignore[attr-defined]
    return starlette.routes[0].endpoint.__self__


@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize("as_of", ["0001-01-01", "0001-01-10", "9999-06-01", "9999-12-31"])
def test_a_day_near_the_calendars_ends_is_a_400_naming_as_of(
    make_client: Make, registry_file: Path, path: str, as_of: str
) -> None:
    lines: list[str] = []
    client = make_client(registry_file, log=lines.append)
    answer = client.get(path, params={"as_of": as_of})
    assert answer.status_code == 400, answer.text
    assert answer.text == (
        f"as_of: {as_of!r} is outside the days served (0100-01-01 to 9899-12-31)\n"
    )


@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize(
    "query",
    ["as_of=%2B999999y", "as_of=-999999y", "as_of=9899-12-31&within=999999y",
     "as_of=0100-01-01&pastDays=3660", "as_of=9899-12-31&futureDays=3660"],
)  # fmt: skip
def test_extreme_but_served_days_answer(client: TestClient, path: str, query: str) -> None:
    answer = client.get(f"{path}?{query}")
    assert answer.status_code in (200, 400, 404), answer.text  # 404: a title filtered out
    if answer.status_code == 400:
        assert answer.text.startswith("as_of: ")


def test_the_calendar_window_is_capped(client: TestClient) -> None:
    for name in ("pastDays", "futureDays"):
        answer = client.get(f"/calendar.ics?as_of={AS_OF}&{name}=100000")
        assert (answer.status_code, answer.text) == (
            400,
            f"{name}: '100000' is not a number of days (0 to 3660)\n",
        )
    assert client.get(f"/calendar.ics?as_of={AS_OF}&futureDays=3660").status_code == 200


@pytest.mark.parametrize("path", ["/", "/releases.json", "/calendar.ics", "/changes.atom"])
def test_parameters_nobody_reads_make_no_new_answers(client: TestClient, path: str) -> None:
    site = site_of(client)
    first = client.get(f"{path}?as_of={AS_OF}")
    for n in range(300):
        again = client.get(f"{path}?as_of={AS_OF}&junk{n}={'x' * 200}&_={n}")
        assert again.content == first.content
    assert len(site.answers) == 1
    # A blank field is no filter; the order of the parameters is no matter.
    client.get(f"{path}?as_of={AS_OF}&kind=film&person=")
    client.get(f"{path}?kind=film&as_of={AS_OF}&cache={'y' * 1000}")
    assert len(site.answers) == 2


def test_the_answers_kept_are_bounded_in_bytes(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = site_of(client)
    one = len(client.get(f"/releases.json?as_of={AS_OF}").content) + 1024
    monkeypatch.setattr(serve_app, "ANSWER_BYTES", 5 * one)
    days = [f"2023-07-{d:02d}" for d in range(1, 31)]
    for day in days:
        assert client.get(f"/releases.json?as_of={day}").status_code == 200
        assert site.answer_bytes <= 5 * one
        assert site.answer_bytes == sum(len(a.body) + 1024 for a in site.answers.values())
    assert 3 <= len(site.answers) <= 5
    # The most recently used are kept: the last day asked is answered from the cache.
    kept = next(reversed(site.answers.values()))
    assert client.get(f"/releases.json?as_of={days[-1]}").headers["etag"] == kept.etag


def test_an_answer_being_made_does_not_stop_the_event_loop(
    registry_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A calendar of thousands of titles takes a second to make: meanwhile the server still
    answers others (the answer is made in a worker thread)."""
    import asyncio
    import time

    import httpx

    from release_countdown.cli.commands.serve import application
    from release_countdown.serve import feeds

    real = feeds.calendar

    def slow_calendar(*args: Any, **kwargs: Any) -> bytes:
        time.sleep(1.0)  # blocking, as a big registry's calendar is
        return real(*args, **kwargs)

    monkeypatch.setattr(feeds, "calendar", slow_calendar)
    asgi, _ = application("127.0.0.1", [registry_file], None, no_cache=True)

    async def scenario() -> tuple[float, int]:
        transport = httpx.ASGITransport(app=asgi)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8787") as c:
            started = time.monotonic()
            slow = asyncio.create_task(c.get(f"/calendar.ics?as_of={AS_OF}"))
            await asyncio.sleep(0.2)  # the calendar is being made
            health = await c.get("/healthz")
            took = time.monotonic() - started - 0.2
            assert health.status_code == 200
            return took, (await slow).status_code

    took, status = asyncio.run(scenario())
    assert status == 200
    assert took < 0.5, f"/healthz waited {took:.2f}s for the calendar"
