"""Benchmark `countdown refresh` against local servers shaped like TMDB and MusicBrainz.

    PYTHONPATH=src python benchmarks/refresh.py            # 200 TMDB titles, 20 albums
    PYTHONPATH=src python benchmarks/refresh.py --quick    # TMDB only

TMDB: a registry of 200 films imported from TMDB, refreshed against a server that takes
50 ms per answer. Serial requests would take 200 × 50 ms = 10 s; the target is a wall time
of at most 0.15 of that (TMDB allows 20 requests in flight). MusicBrainz: 20 release groups
against a server that answers at once; MusicBrainz allows one request a second, so the run
must take at least 19 s (the limit kept) and at most 25 s. Also prints the start-up of
`list --json` (the read path never imports httpx). Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DELAY = 0.05


def movie(number: int) -> dict[str, object]:
    day = f"2027-{1 + number % 12:02d}-{1 + number % 28:02d}"
    return {
        "id": number, "title": f"Film {number}", "original_title": f"Film {number}",
        "release_date": day,
        "release_dates": {"results": [{"iso_3166_1": "US", "release_dates": [
            {"certification": "", "note": "", "release_date": f"{day}T00:00:00.000Z", "type": 3}]}]},
        "credits": {"cast": [{"name": f"Actor {number}", "order": 0}],
                    "crew": [{"job": "Director", "name": f"Director {number}"}]},
        "alternative_titles": {"titles": []}, "external_ids": {},
    }  # fmt: skip


def group(ident: str) -> dict[str, object]:
    return {"id": ident, "title": f"Album {ident[-4:]}", "first-release-date": "2027-03",
            "primary-type": "Album", "secondary-types": [],
            "artist-credit": [{"name": "Artist", "joinphrase": "", "artist": {"name": "Artist"}}]}  # fmt: skip


class Handler(BaseHTTPRequestHandler):
    delay = 0.0

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        time.sleep(self.delay)
        path = self.path.split("?")[0]
        if path.startswith("/3/movie/"):
            body = movie(int(path.rsplit("/", 1)[1]))
        elif path.startswith("/ws/2/release-group/"):
            body = group(path.rsplit("/", 1)[1])
        else:
            self.send_error(404)
            return
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


def serve(delay: float) -> tuple[ThreadingHTTPServer, str]:
    handler = type("H", (Handler,), {"delay": delay})
    # socketserver's default backlog of 5 would make the 6th simultaneous connect wait for a
    # SYN retry (a second): a real service listens with a deeper queue.
    server_class = type("S", (ThreadingHTTPServer,), {"request_queue_size": 128})
    server = server_class(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def registry(path: Path, entries: list[tuple[str, str]]) -> None:
    """Entries as `import` leaves them (ids, checked long ago), ready for refresh."""
    lines = ["schema = 1", ""]
    for n, (key, value) in enumerate(entries):
        lines += ["[[release]]", f'id = "t{n:04d}"', f'title = "Title {n}"', "date = 2027-01-01",
                  "checked = 2026-01-01", "", "[release.ids]", f'{key} = "{value}"', ""]  # fmt: skip
    path.write_text("\n".join(lines))


def run(argv: list[str], env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "release_countdown", *argv], capture_output=True,
                          text=True, env=env, check=False)  # fmt: skip
    return time.perf_counter() - started, done


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    quick = parser.parse_args().quick
    base = {k: v for k, v in os.environ.items() if not k.startswith("COUNTDOWN_")}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        base.update(XDG_CONFIG_HOME=str(work / "c"), XDG_DATA_HOME=str(work / "d"),
                    XDG_CACHE_HOME=str(work / "k"))  # fmt: skip
        rows = []
        server, url = serve(DELAY)
        env = {**base, "COUNTDOWN_TMDB_URL": url, "TMDB_API_KEY": "benchmark"}
        path = work / "films.toml"
        registry(path, [("tmdb", f"movie/{n}") for n in range(1, 201)])
        wall, done = run(["refresh", "-r", str(path)], env)
        assert done.returncode == 0, done.stderr
        serial = 200 * DELAY
        rows.append(
            (
                "refresh, 200 TMDB titles, 50 ms each",
                wall,
                f"{wall / serial:.3f} of 200 × 50 ms (target ≤ 0.15)",
            )
        )
        server.shutdown()
        if not quick:
            server, url = serve(0.0)
            env = {**base, "COUNTDOWN_MUSICBRAINZ_URL": url}
            path = work / "albums.toml"
            ids = [f"release-group/00000000-0000-4000-8000-{n:012d}" for n in range(1, 21)]
            registry(path, [("musicbrainz", i) for i in ids])
            wall, done = run(["refresh", "-r", str(path)], env)
            assert done.returncode == 0, done.stderr
            rows.append(
                ("refresh, 20 MusicBrainz release groups", wall, "target 19–25 s (1 request/s)")
            )
            server.shutdown()
        starts = sorted(
            run(["list", "--json", "-r", str(work / "films.toml")], base)[0] for _ in range(7)
        )
        rows.append(("list --json, 200 titles (median of 7)", starts[3], "never imports httpx"))
    width = max(len(r[0]) for r in rows)
    print(f"{'case':<{width}}  {'wall':>8}  note")
    for name, seconds, note in rows:
        print(f"{name:<{width}}  {seconds:>7.3f}s  {note}")


if __name__ == "__main__":
    main()
