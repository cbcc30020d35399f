"""Benchmark `follow check`: 50 TMDB follows, 2 pages each (a person's movie_credits and
tv_credits), against a local server that takes 50 ms per answer.

    PYTHONPATH=src python benchmarks/follow.py

The same run checks the follows concurrently (workflows/follow.check, as the command does)
and one follow after another (fetch_credits asked about one follow at a time), against the
same server and settings. Serial requests would take 50 × 2 × 50 ms = 5 s; the target is a
concurrent wall time of at most 0.2 of the serial one (TMDB allows 20 requests in flight).
Prints figures, asserts nothing.
"""

from __future__ import annotations

import json
import tempfile
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from release_countdown.core.errors import CountdownError
from release_countdown.core.follow import Follow
from release_countdown.core.record import FetchOptions
from release_countdown.sources.config import SourceSettings
from release_countdown.workflows import fetching, follow

DELAY = 0.05
FOLLOWS = 50
TODAY = date(2026, 12, 7)


def credits_page(number: int, tv: bool) -> dict[str, Any]:
    """/person/{id}/movie_credits or /tv_credits, as TMDB documents them."""
    day, title = ("first_air_date", "name") if tv else ("release_date", "title")
    crew = [
        {"id": number * 100 + n, title: f"Title {number}-{n}", day: f"2027-{1 + n:02d}-01",
         "department": "Sound", "job": "Original Music Composer" if n % 3 else "Boom Operator"}
        for n in range(10)
    ]  # fmt: skip
    return {"id": number, "cast": [], "crew": crew}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        time.sleep(DELAY)
        parts = self.path.split("?")[0].split("/")  # /3/person/ID/movie_credits
        if (
            len(parts) != 5
            or parts[2] != "person"
            or parts[4] not in ("movie_credits", "tv_credits")
        ):
            self.send_error(404)
            return
        data = json.dumps(credits_page(int(parts[3]), parts[4] == "tv_credits")).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


def serve() -> tuple[ThreadingHTTPServer, str]:
    server_class = type("S", (ThreadingHTTPServer,), {"request_queue_size": 128})
    server = server_class(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def main() -> None:
    fetch = fetching.fetch_credits
    follows = [
        Follow(name=f"person-{n}", ref=f"tmdb:person/{n}", jobs=("Original Music Composer",))
        for n in range(1, FOLLOWS + 1)
    ]
    server, url = serve()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "releases.toml"
        path.write_text("schema = 1\n", encoding="utf-8")
        where = SourceSettings({"tmdb": url}, timeout=10.0, tmdb_key="benchmark")
        try:
            fetch(where, follows[:1], FetchOptions())  # warm: the client and the imports
            started = time.perf_counter()
            done = follow.check(
                path, [], where=where, today=TODAY, dry_run=False, lock_timeout=10.0,
                follows=follows, inbox=Path(folder) / "inbox.json",
            )  # fmt: skip
            concurrent = time.perf_counter() - started
            assert not done.failed, done.failed
            started = time.perf_counter()
            for one in follows:
                (result,) = fetch(where, [one], FetchOptions())
                assert not isinstance(result, CountdownError), result
            serial = time.perf_counter() - started
        finally:
            where.close()
            server.shutdown()
    kept = sum(len(f.kept) for f in done.followed)
    print(f"follow check, {FOLLOWS} TMDB follows × 2 pages, {DELAY * 1000:.0f} ms each")
    print(f"  concurrent  {concurrent:7.3f}s  ({kept} titles proposed, inbox written)")
    print(f"  serial      {serial:7.3f}s  (one follow after another; 100 × 50 ms = 5 s)")
    print(f"  ratio       {concurrent / serial:7.3f}   (target ≤ 0.2)")


if __name__ == "__main__":
    main()
