"""workflows.lookup: which source a lookup asks when none is named."""

from __future__ import annotations

import pytest

from release_countdown.workflows.lookup import default_source


@pytest.mark.parametrize(
    ("kind", "tmdb_configured", "source"),
    [
        ("album", True, "musicbrainz"),
        ("album", False, "musicbrainz"),
        ("film", True, "tmdb"),
        (None, True, "tmdb"),
        ("film", False, "wikidata"),
        (None, False, "wikidata"),
    ],
)
def test_default_source(kind: str | None, tmdb_configured: bool, source: str) -> None:
    assert default_source(kind, tmdb_configured) == source
