"""`countdown serve`: the registry over HTTP (Starlette, Jinja2), a page, a calendar feed, JSON
and an Atom feed (and, through publish.py, the same documents as files). Imported only by
``cli/commands/serve.py`` and ``cli/commands/publish.py``; the clock, the registry loader
and the query parser are handed in by the command, so this package never reads the clock."""
