"""Benchmark `countdown serve` on a 1k-title registry against a floor served by the same
server in the same run: a static 100 KB file behind the same guard (Host, token, headers).

    python benchmarks/serve.py                 # 5 rounds of 1 s per target, 16 connections
    python benchmarks/serve.py --rounds 3 --connections 8

Prints one row per target: requests per second, p50 and p99 latency, and the ratio of its
requests per second to the floor's. Targets (issue 15): /releases.json ≥ 0.5 × the floor;
a 304 answer ≥ 0.9 × the floor. The client is Python threads on keep-alive connections, the
same for every row, so the ratios hold even where the client is the bottleneck.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).parent
SRC = HERE.parent / "src"
FLOOR = "/floor.bin"


def serve(port: int, registry: str) -> None:
    """The server process: the application `countdown serve` runs, and the floor beside it."""
    sys.path.insert(0, str(SRC))
    import uvicorn
    from starlette.applications import Starlette
    from starlette.responses import Response
    from starlette.routing import Route

    from release_countdown.cli.commands.serve import application
    from release_countdown.serve.security import Guard, allowed_hosts

    asgi, _ = application("127.0.0.1", [Path(registry)], None)
    blob = os.urandom(100 * 1024)

    async def floor(request: object) -> Response:
        return Response(blob, media_type="application/octet-stream")

    static = Guard(
        Starlette(routes=[Route(FLOOR, floor)]),
        hosts=allowed_hosts("127.0.0.1"),
        token=None,
        wildcard=False,
        log=lambda line: None,
    )

    async def both(scope: dict, receive: object, send: object) -> None:  # type: ignore[type-arg]
        target = static if scope.get("path") == FLOOR else asgi
        await target(scope, receive, send)

    uvicorn.run(both, host="127.0.0.1", port=port, access_log=False, log_level="warning")


def fetch_etag(port: int, path: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port)
    connection.request("GET", path)
    answer = connection.getresponse()
    answer.read()
    return answer.getheader("ETag") or ""


def load(port: int, path: str, headers: dict[str, str], seconds: float, connections: int):
    latencies: list[float] = []
    statuses: set[int] = set()
    stop = time.perf_counter() + seconds
    lock = threading.Lock()

    def worker() -> None:
        mine: list[float] = []
        seen: set[int] = set()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.perf_counter() < stop:
            started = time.perf_counter()
            connection.request("GET", path, headers=headers)
            answer = connection.getresponse()
            answer.read()
            mine.append(time.perf_counter() - started)
            seen.add(answer.status)
        connection.close()
        with lock:
            latencies.extend(mine)
            statuses.update(seen)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies.sort()
    return (
        len(latencies) / elapsed,
        statistics.median(latencies) * 1000,
        latencies[int(len(latencies) * 0.99) - 1] * 1000,
        statuses,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--titles", type=int, default=1000)
    parser.add_argument("--serve", nargs=2, metavar=("PORT", "REGISTRY"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(int(args.serve[0]), args.serve[1])
        return
    with tempfile.TemporaryDirectory() as folder:
        registry = Path(folder) / "registry.toml"
        with registry.open("w") as out:
            subprocess.run(
                [sys.executable, str(HERE / "generate.py"), str(args.titles)],
                stdout=out,
                check=True,
            )
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        env = {**os.environ, "XDG_CACHE_HOME": str(Path(folder) / "cache")}
        server = subprocess.Popen(
            [sys.executable, __file__, "--serve", str(port), str(registry)],
            env=env,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(200):
                try:
                    fetch_etag(port, "/healthz")
                    break
                except OSError:
                    time.sleep(0.05)
            targets = [
                ("static 100 KB file (floor)", FLOOR, {}),
                ("/releases.json", "/releases.json", {}),
                ("/releases.json → 304", "/releases.json", None),
                ("/calendar.ics", "/calendar.ics", {}),
                ("/calendar.ics → 304", "/calendar.ics", None),
                ("/ (the page)", "/", {}),
            ]
            print(
                f"{args.titles} titles, {args.connections} connections, {args.rounds} rounds of "
                f"{args.seconds:g} s per target, interleaved (medians of the rounds)"
            )
            print("| target | req/s | p50 ms | p99 ms | × floor |")
            print("| --- | ---: | ---: | ---: | ---: |")
            asks = [
                (name, path, headers or {"If-None-Match": fetch_etag(port, path)})
                if headers is None
                else (name, path, headers)
                for name, path, headers in targets
            ]
            rounds: dict[str, list[tuple[float, float, float, set[int]]]] = {}
            for _ in range(args.rounds):  # side by side: noise hits every target alike
                for name, path, headers in asks:
                    rounds.setdefault(name, []).append(
                        load(port, path, headers, args.seconds, args.connections)
                    )
            floor = statistics.median(r[0] for r in rounds[targets[0][0]])
            for name, runs in rounds.items():
                rate = statistics.median(r[0] for r in runs)
                p50 = statistics.median(r[1] for r in runs)
                p99 = statistics.median(r[2] for r in runs)
                statuses = set().union(*(r[3] for r in runs))
                print(
                    f"| {name} | {rate:,.0f} | {p50:.1f} | {p99:.1f} | {rate / floor:.2f} |"
                    + ("" if statuses <= {200, 304} else f" statuses {sorted(statuses)}")
                )
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
