"""GET / and /title/{id}: server-rendered cards and counts (the page works without
JavaScript), the filter bar, the timeline strip, and a title's dates, history and slip chart."""

from __future__ import annotations

import re
from pathlib import Path

from starlette.testclient import TestClient

from tests.serve.conftest import AS_OF, Make

TBA = '\n[[release]]\nid = "someday"\ntitle = "Someday"\nkind = "game"\ndate = "TBA"\n'


def card_ids(html: str) -> list[str]:
    return re.findall(r'<a class="title" href="/title/([^"?]+)', html)


def test_cards_in_countdown_order_released_dimmed_tba_last(
    make_client: Make, registry_file: Path
) -> None:
    registry_file.write_text(registry_file.read_text(encoding="utf-8") + TBA, "utf-8")
    client = make_client(registry_file)
    html = client.get("/?as_of=2023-08-20&all=1").text
    ids = card_ids(html)
    assert ids[-1] == "someday"
    assert ids.index("gran-turismo") < ids.index("argylle")
    # Released titles are dimmed; the server renders every count in words (no JS needed).
    released = re.search(r'<li class="card status-released dimmed"[^>]*>\s*<a class="title" '
                         r'href="/title/mi-dead-reckoning-part-one"', html)  # fmt: skip
    assert released
    assert ">in 5 days</p>" in html  # Gran Turismo, 2023-08-25
    assert 'data-day="2023-08-25"' in html  # for the live clock
    assert "<dt>composer</dt><dd>Lorne Balfe</dd>" in html
    assert "5 of 6 titles" not in html
    assert "6 of 6 titles" in html


def test_the_page_takes_the_filters(client: TestClient) -> None:
    everything = card_ids(client.get(f"/?as_of={AS_OF}&all=1").text)
    films = card_ids(client.get(f"/?as_of={AS_OF}&all=1&kind=film").text)
    assert set(films) < set(everything)
    assert "mi-dead-reckoning-part-one-soundtrack" not in films
    found = card_ids(client.get(f"/?as_of={AS_OF}&search=argy").text)
    assert found == ["argylle"]
    # The form keeps what was asked, and an empty field means no filter.
    html = client.get(f"/?as_of={AS_OF}&search=argy&kind=&within=").text
    assert 'value="argy"' in html
    assert card_ids(html) == ["argylle"]


def test_nothing_in_view_says_so(client: TestClient) -> None:
    html = client.get(f"/?as_of={AS_OF}&search=nothing-like-this").text
    assert card_ids(html) == []
    assert "No titles in this view (5 in the registry)" in html


def test_timeline_strip(client: TestClient) -> None:
    html = client.get(f"/?as_of={AS_OF}").text
    strip = html[html.index('<svg class="strip"') : html.index("</svg>")]
    assert strip.count('class="mark') == 5  # the titles dated within a year
    assert '<line x1="75.9" y1="10" x2="75.9" y2="50" class="today">' in strip
    assert "<title>Argylle · 2024-02-02</title>" in strip


def test_page_links_its_script_and_style_as_files(client: TestClient) -> None:
    html = client.get("/").text
    assert '<script src="/static/countdown.js" defer></script>' in html
    script = client.get("/static/countdown.js")
    assert script.headers["content-type"] == "text/javascript; charset=utf-8"
    assert "setInterval" in script.text
    assert client.get("/static/style.css").headers["content-type"] == "text/css; charset=utf-8"
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html


def test_title_page(client: TestClient) -> None:
    html = client.get("/title/argylle?as_of=2024-02-01").text
    assert "<h1>Argylle</h1>" in html
    assert "<dt>director</dt><dd>Matthew Vaughn</dd>" in html
    # All dates, past ones marked (as of 2024-02-01 the London premiere is past).
    premiere = re.search(r'<tr class="past">\s*<td>GB</td><td>premiere</td>', html)
    assert premiere
    assert re.search(r'<tr class="">\s*<td>US</td><td>theatrical</td>', html)
    assert '<a href="https://en.wikipedia.org/wiki/Argylle" rel="noopener noreferrer">' in html
    assert 'data-day="2024-02-02"' in html


def test_title_history_and_slip_chart(client: TestClient) -> None:
    html = client.get("/title/mi-dead-reckoning-part-one?as_of=2023-07-08").text
    assert "postponed 4 times, moved up once; 719 days later than first announced" in html
    chart = html[html.index('<svg class="chart"') :]
    assert chart.count('class="slip-dot"') == 6
    assert "<title>2021-07-23</title>" in chart
    assert "<td>2021-07-23</td>" in html


def test_a_fuzzy_date_is_a_band_on_the_slip_chart() -> None:
    from release_countdown.core.dates import parse_date_text
    from release_countdown.core.rows import HistoryRow, Row
    from release_countdown.serve.pages import slip_chart

    def entry(text: str) -> HistoryRow:
        spec = parse_date_text(text)
        day = parse_date_text("2026-01-01")
        return HistoryRow(
            day, spec.iso(), spec.precision.value, spec.earliest, spec.latest, None, None, None
        )

    history = tuple(entry(t) for t in ("2028", "TBA", "2028-05-26"))
    last = history[-1]
    row = Row._make([None] * len(Row._fields))._replace(
        date=last.date, earliest=last.earliest, latest=last.latest, history=history
    )
    chart = slip_chart(row)
    assert chart is not None
    (band,) = chart.bands  # "2028": a band over the year
    assert band[3] == "2028"
    assert band[2] > 100
    (dot,) = chart.dots  # the exact day: a point inside the band; TBA: nothing
    assert dot[2] == "2028-05-26"
    assert band[1] < dot[1] < band[1] + band[2]
    assert len(chart.points.split()) == 2


def test_unknown_title_is_404(client: TestClient) -> None:
    answer = client.get("/title/no-such-title")
    assert answer.status_code == 404
