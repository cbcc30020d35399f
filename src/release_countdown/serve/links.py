"""How a document names the others: served (``/title/ID?token=…``, from the site's root) or
published (relative to the page, so a folder works from a file system and from any sub-path
of a static host: ``title/ID.html``, and ``../static/style.css`` from a title page). The
templates and the Atom feed build every link here."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True)
class Links:
    root: str = "/"  # the site's root as the document sees it: "/", a base URL, "" or "../"
    published: bool = False  # static files: pages end in .html, no server-side query
    token: str | None = None  # served with a token: every link carries it

    @property
    def suffix(self) -> str:
        """What ends a link without a query of its own: ``?token=…`` or nothing."""
        return "?token=" + quote(self.token, safe="") if self.token else ""

    @property
    def home(self) -> str:
        return self.root + ("index.html" if self.published else "") + self.suffix

    def static(self, name: str) -> str:
        return f"{self.root}static/{name}{self.suffix}"

    def document(self, name: str) -> str:
        """A feed or data file beside the page: calendar.ics, releases.json, changes.atom."""
        return f"{self.root}{name}{self.suffix}"

    def title(self, release_id: str) -> str:
        page = quote(release_id, safe="") + (".html" if self.published else "")
        return f"{self.root}title/{page}{self.suffix}"

    def query(self, **values: str) -> str | None:
        """The home page asked for more (``?search=…``, ``?all=1``): a server's only; a
        published page answers None, or its home page for a search (``search_page``)."""
        if self.published:
            return None
        pairs = [f"{key}={quote(value, safe='')}" for key, value in values.items()]
        if self.token:
            pairs.append("token=" + quote(self.token, safe=""))
        return f"{self.root}?{'&'.join(pairs)}"

    def search_page(self, text: str) -> str:
        """Where a title not yet in the registry is looked for (the Atom feed's arrivals)."""
        return self.query(search=text) or self.home


PUBLISHED = Links(root="", published=True)  # index.html and the files beside it
PUBLISHED_TITLE = Links(root="../", published=True)  # title/ID.html
