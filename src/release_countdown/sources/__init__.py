"""Online sources of titles and dates: one small module each, behind one interface.

A source module (tmdb.py, musicbrainz.py, wikidata.py, igdb.py, steam.py) offers::

    lookup(service, query, kind, year) -> list[Candidate]
    fetch(service, ident, options) -> SourceRecord

for the refs a ``[[follow]]`` names (a TMDB person, collection or company, a MusicBrainz
artist, a Wikidata person, the last through the query service)::

    credits(service, ident, options) -> list[Credit]          # core/follow.py
    people(service, query) -> list[Candidate]                 # TMDB, MusicBrainz: follow add NAME

and, when a search shows another date than ``fetch`` would write (TMDB)::

    import_date(service, candidate, options) -> Candidate   # the date import would write

``refs.py`` reads the refs users give (``tmdb:movie/575264`` or a web address) and
``config.py`` builds each source's ``Service`` (http.py) from the environment and the config
file (IGDB's is a ``twitch.TokenService``: every query carries a Twitch token, cached by
writing/tokens.py). Only the lookup, import and refresh commands import this package.
"""
