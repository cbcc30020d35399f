"""`countdown serve`: the registry over HTTP (Starlette, Jinja2), a page, a calendar feed, JSON
and an Atom feed. Imported only by ``cli/commands/serve.py``; the clock, the registry loader
and the query parser are handed in by the command, so this package never reads the clock."""
