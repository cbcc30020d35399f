"""Messages spell the sources and id keys as the services do (TMDB, MusicBrainz, Wikidata,
IMDb), from the one table (core/record.LABELS), while options and refs keep their keys
(issue 22 item 12)."""

from __future__ import annotations

from tests.conftest import invoke

GROUP = "release-group/0a8e8d55-4b83-4f8a-9732-1c1a2a3b4c5d"


def test_edit_id_messages_name_the_services() -> None:
    assert invoke("init").exit_code == 0
    assert (
        invoke("add", "Dune: Part Three", "--date", "2026-12-18", "--kind", "film").exit_code == 0
    )
    assert invoke("add", "Blade", "--date", "TBA", "--kind", "film").exit_code == 0
    attached = invoke("edit", "dune part three", "--id", "tmdb=movie/1170608", "--id",
                      "wikidata=Q1", "--id", f"musicbrainz={GROUP}")  # fmt: skip
    assert attached.exit_code == 0, attached.stderr
    for said in ("TMDB id movie/1170608 attached", "Wikidata id Q1 attached",
                 f"MusicBrainz id {GROUP} attached"):  # fmt: skip
        assert said in attached.stderr
    taken = invoke("edit", "blade", "--id", "tmdb=movie/1170608")
    assert taken.stderr == (
        'countdown: TMDB id movie/1170608 already belongs to "Dune: Part Three" '
        "(id dune-part-three); `countdown edit dune-part-three --remove-id tmdb` first\n"
    )
    malformed = invoke("edit", "blade", "--id", "wikidata=1")
    assert malformed.stderr == "countdown: 'wikidata=1': a Wikidata id looks like Q104123925\n"
    removed = invoke("edit", "dune part three", "--remove-id", "TMDB")
    assert removed.exit_code == 0, removed.stderr
    assert "TMDB id movie/1170608 removed" in removed.stderr
    missing = invoke("edit", "blade", "--remove-id", "imdb")
    assert missing.stderr == 'countdown: "Blade" has no IMDb id\n'
