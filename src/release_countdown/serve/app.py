"""The Starlette application: routes, conditional answers (ETag, Last-Modified) and pages.

``create_app`` gets everything outside this package from the command: the registry state,
the clock (the local date, read once per request) and the default region. The list filters
of a query are parsed by core/params.py ``parse_query``, as the CLI's options are; a bad one
is a 400 naming the parameter."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from email.utils import format_datetime
from typing import Any, NamedTuple

import anyio
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from release_countdown.core.follow import InboxEntry
from release_countdown.core.marks import NO_MARKS, Marks
from release_countdown.core.notices import arrivals
from release_countdown.core.params import ParamError, parse_query
from release_countdown.core.query import Query, select
from release_countdown.core.rows import Row, release_row
from release_countdown.serve import documents, feeds
from release_countdown.serve.documents import STATIC
from release_countdown.serve.links import Links
from release_countdown.serve.security import Guard, allowed_hosts, is_wildcard
from release_countdown.serve.state import RegistryState, Snapshot

CALENDAR_TYPE = "text/calendar; charset=utf-8"
ATOM_TYPE = "application/atom+xml; charset=utf-8"
HTML = "text/html; charset=utf-8"
MAKERS = 2  # answers made at once, each in a worker thread
ANSWER_BYTES = 32 * 1024 * 1024  # answers kept, in bytes of body (the least recently used go)
# The days a query may ask for (as_of): far enough from date.min and date.max that the page's
# strip and the calendar's widest window stay representable.
FIRST_DAY, LAST_DAY = date(100, 1, 1), date(9899, 12, 31)
# The parameters the page's form shows as typed (templates/index.html); of a query's text only
# these enter an answer's cache key, besides what the query means.
FORM = ("search", "person", "kind", "within")


class Answer(NamedTuple):
    body: bytes
    etag: str
    modified: str  # Last-Modified


@dataclass(frozen=True)
class ServeConfig:
    state: RegistryState
    today: Callable[[], date]  # the server's local date, read once per request
    default_region: str | None = None  # the `region` setting: a query without region=
    host: str = "127.0.0.1"
    token: str | None = None
    extra_hosts: tuple[str, ...] = ()
    log: Callable[[str], None] = lambda line: None
    # What follows proposed (the command line hands in writing/inbox's reader): the page's
    # count and the Atom feed's arrivals.
    inbox: Callable[[], Sequence[InboxEntry]] = lambda: ()
    marks: Callable[[], Marks] = lambda: NO_MARKS  # the user's marks (writing/marks's reader)


FLAGS = ("all", "reverse")


def _params(request: Request) -> dict[str, list[str]]:
    """The query's filters; an empty value (a form's blank field) is no filter, except for
    the flags, where ``?all`` alone means yes."""
    params = request.query_params
    found = {}
    for key in params:
        values = params.getlist(key)
        kept = values if key in FLAGS else [v for v in values if v.strip()]
        if kept and key != "token":
            found[key] = kept
    return found


class Site:
    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self.pages = documents.Pages()
        self.answers: OrderedDict[Any, Answer] = OrderedDict()
        self.answer_bytes = 0
        self.makers = anyio.CapacityLimiter(MAKERS)
        self.static = documents.static_files()

    # --- shared ---------------------------------------------------------------------------

    def parse(self, request: Request, today: date, **fixed: Any) -> tuple[Query, date]:
        """The request's query (``fixed`` overrides fields) and day; 400 naming a bad
        parameter: "within: '3x' is not a duration (...)"."""
        try:
            query, day = parse_query(
                _params(request), today=today, default_region=self.config.default_region
            )
        except ParamError as exc:
            raise HTTPException(400, str(exc)) from None
        if not FIRST_DAY <= day <= LAST_DAY:
            text = request.query_params.get("as_of", "")
            raise HTTPException(
                400, f"as_of: {text!r} is outside the days served ({FIRST_DAY} to {LAST_DAY})"
            )
        return query._replace(marked=self.config.marks(), **fixed), day

    @staticmethod
    def conditional(request: Request, answer: Answer, media_type: str) -> Response:
        """The answer's body with its ETag and Last-Modified, or 304 when the client has it."""
        body, etag, modified = answer
        headers = {"etag": etag, "last-modified": modified, "cache-control": "no-cache"}
        asked = request.headers.get("if-none-match")
        if asked is not None:
            tags = {t.strip().removeprefix("W/") for t in asked.split(",")}
            if etag in tags or "*" in tags:
                return Response(status_code=304, headers=headers)
        return Response(body, headers={**headers, "content-type": media_type})

    @staticmethod
    def links(request: Request) -> Links:
        """The pages' links: from the site's root, each carrying the request's token."""
        return Links(root="/", token=request.query_params.get("token") or None)

    # --- endpoints ------------------------------------------------------------------------

    async def cached(
        self,
        request: Request,
        make: Callable[[Snapshot, list[Row], date, Query], bytes],
        media_type: str,
        *extra: Any,
        **fixed: Any,
    ) -> Response:
        """A feed's answer, made once per registry version, day, path and parsed query:
        calendar apps poll the same URL again and again, and its body only changes with those.
        The key holds what the query means, never its text: parameters nobody reads (junk,
        cache busters) do not make new answers. The clock is read once: the key and the answer
        are for the same day. The answers kept are bounded in bytes (ANSWER_BYTES)."""
        snapshot = self.config.state.current()
        query, day = self.parse(request, self.config.today(), **fixed)
        token = request.query_params.get("token")  # pages repeat it in their links
        host = request.headers.get("host")  # the Atom feed's links name it
        path = request.url.path
        key = (snapshot.generation, snapshot.errors, day, path, query, extra, token, host)
        found = self.answers.get(key)
        if found is None:

            def made() -> bytes:
                rows = [
                    release_row(s, day, query.marked)
                    for s in select(snapshot.registry.releases, query, day)
                ]
                return make(snapshot, rows, day, query)

            # Made in a worker thread, MAKERS at a time: the event loop keeps answering (the
            # cached answers, /healthz) while thousands of titles become a calendar.
            body = await anyio.to_thread.run_sync(made, limiter=self.makers)
            found = self.answers.get(key)  # made meanwhile by a request like this one?
            if found is not None:
                return self.conditional(request, found, media_type)
            etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
            found = Answer(body, etag, format_datetime(snapshot.modified, usegmt=True))
            self.keep(key, found)
        else:
            self.answers.move_to_end(key)
        return self.conditional(request, found, media_type)

    def keep(self, key: Any, answer: Answer) -> None:
        size = len(answer.body) + 1024  # the key, headers and bookkeeping, roughly
        if size > ANSWER_BYTES // 4:  # a giant answer is made again rather than kept
            return
        self.answers[key] = answer
        self.answer_bytes += size
        while self.answer_bytes > ANSWER_BYTES:
            _, gone = self.answers.popitem(last=False)
            self.answer_bytes -= len(gone.body) + 1024

    async def releases_json(self, request: Request) -> Response:
        def make(snapshot: Snapshot, rows: list[Row], day: date, query: Query) -> bytes:
            return documents.releases_json(rows)

        return await self.cached(request, make, "application/json")

    async def arr_list(self, request: Request) -> Response:
        """/radarr.json and /sonarr.json: the lists Radarr and Sonarr subscribe to."""
        name = request.url.path.removeprefix("/")

        def make(snapshot: Snapshot, rows: list[Row], day: date, query: Query) -> bytes:
            return documents.arr_list(name, rows)

        return await self.cached(request, make, "application/json")

    async def calendar_ics(self, request: Request) -> Response:
        params = request.query_params
        try:
            window = feeds.window_of(
                params.get("pastDays"),
                params.get("futureDays"),
                params.getlist("types"),
                params.get("fuzzy"),
                params.get("alarm"),
            )
        except ParamError as exc:
            raise HTTPException(400, str(exc)) from None

        def make(snapshot: Snapshot, rows: list[Row], day: date, query: Query) -> bytes:
            return feeds.calendar(
                rows, today=day, window=window, region=query.region, stamp=snapshot.modified,
                premieres=query.premieres,
            )  # fmt: skip

        return await self.cached(request, make, CALENDAR_TYPE, window, show_all=True)

    async def changes_atom(self, request: Request) -> Response:
        links = Links(root=str(request.base_url))  # absolute, as a feed reader wants them
        waiting = tuple(self.config.inbox())  # part of the answer's key: it changes by itself

        def make(snapshot: Snapshot, rows: list[Row], day: date, query: Query) -> bytes:
            releases = snapshot.registry.releases
            return documents.changes_atom(
                rows, releases, waiting, links=links, updated=snapshot.modified
            )

        return await self.cached(request, make, ATOM_TYPE, waiting, show_all=True)

    async def digest_atom(self, request: Request) -> Response:
        """`notify --digest` as a feed: one entry a period, replayed from the record (a feed
        keeps no state: each entry covers its period's days)."""
        from release_countdown.core.notices import DEFAULT_LEADS
        from release_countdown.core.replay import replay

        get = request.query_params.get
        try:
            asked = feeds.digest_asked(
                get("period"), get("group_by"), get("on"), get("min_precision"), get("lead")
            )
        except ParamError as exc:
            raise HTTPException(400, str(exc)) from None
        base = str(request.base_url)
        waiting = tuple(self.config.inbox())

        def make(snapshot: Snapshot, rows: list[Row], day: date, query: Query) -> bytes:
            releases = snapshot.registry.releases
            digests = replay(
                releases, query, today=day, period=asked.period,
                leads=asked.leads or DEFAULT_LEADS, alerts=asked.alerts,
                news=arrivals(releases, waiting), group_by=asked.group_by,
            )  # fmt: skip
            return feeds.digest_atom(digests, base=base, today=day)

        return await self.cached(request, make, ATOM_TYPE, asked, waiting)

    async def healthz(self, request: Request) -> Response:
        snapshot = self.config.state.current()
        return JSONResponse(
            {
                "status": "ok" if not snapshot.errors else "errors",
                "titles": len(snapshot.registry.releases),
                "errors": list(snapshot.errors),
            }
        )

    async def index(self, request: Request) -> Response:
        params = _params(request)
        form = {key: params[key][0] for key in FORM if params.get(key)}
        waiting = len(self.config.inbox())

        def make(snapshot: Snapshot, rows: list[Row], day: date, query: Query) -> bytes:
            return self.pages.index(
                rows,
                links=self.links(request),
                today=day,
                total=len(snapshot.registry.releases),
                shown=query,
                errors=snapshot.errors,
                form=form,
                inbox=waiting,
            )

        return await self.cached(request, make, HTML, tuple(sorted(form.items())), waiting)

    async def title(self, request: Request) -> Response:
        wanted = request.path_params["id"]
        snapshot = self.config.state.current()
        query, day = self.parse(request, self.config.today(), show_all=True)
        for release in snapshot.registry.releases:
            if release.id == wanted:
                found = select([release], query._replace(show_all=True, statuses=()), day)
                if found:
                    row = release_row(found[0], day, query.marked)
                    html = self.pages.title(
                        row, links=self.links(request), today=day, errors=snapshot.errors
                    )
                    return Response(html, media_type=HTML)
        return PlainTextResponse("no such title\n", status_code=404)

    async def static_file(self, request: Request) -> Response:
        name = request.path_params["name"]
        if name not in self.static:  # a fixed table: no request path reaches the file system
            return PlainTextResponse("not found\n", status_code=404)
        return Response(
            self.static[name],
            headers={"content-type": STATIC[name], "cache-control": "max-age=300"},
        )


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return PlainTextResponse(f"{exc.detail}\n", status_code=exc.status_code)


def create_app(config: ServeConfig) -> Any:
    """The ASGI application, its guard in front."""
    site = Site(config)
    config.state.current()  # the first read: a registry that cannot be read stops start-up
    routes = [
        Route("/", site.index),
        Route("/title/{id}", site.title),
        Route("/calendar.ics", site.calendar_ics),
        Route("/releases.json", site.releases_json),
        *(Route(f"/{name}", site.arr_list) for name in documents.ARR_LISTS),
        Route("/changes.atom", site.changes_atom),
        Route("/digest.atom", site.digest_atom),
        Route("/healthz", site.healthz),
        Route("/static/{name}", site.static_file),
    ]
    handlers: Mapping[Any, Any] = {HTTPException: _http_error}
    app = Starlette(routes=routes, exception_handlers=dict(handlers))
    return Guard(
        app,
        hosts=allowed_hosts(config.host, config.extra_hosts),
        token=config.token,
        wildcard=is_wildcard(config.host),
        log=config.log,
    )
