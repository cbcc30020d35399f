"""Item 6 of issue 16: matching on words, punctuation ignored; a lone word-matching suggestion."""

from __future__ import annotations

from pathlib import Path

import pytest

from release_countdown.core.errors import NotFoundError
from release_countdown.core.matching import find, fold_words, names_match, one, slugify
from tests.cli.daily import AS_OF, daily_registry
from tests.conftest import invoke

TITLES = [
    "Star Wars: Starfighter",
    "Dune: Part Three",
    "Hollow Knight: Silksong – Sea of Sorrow",
    "Marvel's Blade",
]


def test_words_ignore_punctuation_case_accents_and_dashes() -> None:
    assert fold_words("Hollow Knight: Silksong – Sea of Sorrow") == (
        "hollow knight silksong sea of sorrow"
    )
    assert fold_words("Marvel’s Blade") == fold_words("marvels blade") == "marvels blade"
    assert fold_words("Pokémon: Legends Z-A") == "pokemon legends z a"
    assert slugify("Mission: Impossible – X") == "mission-impossible-x"  # ids unchanged


@pytest.mark.parametrize(
    ("asked", "title"),
    [
        ("star wars starfighter", "Star Wars: Starfighter"),
        ("dune part three", "Dune: Part Three"),
        ("silksong sea of sorrow", "Hollow Knight: Silksong – Sea of Sorrow"),
        ("marvel's blade", "Marvel's Blade"),
        ("marvels blade", "Marvel's Blade"),
    ],
)
def test_a_part_matches_word_by_word(asked: str, title: str) -> None:
    assert find(TITLES, asked, lambda t: (t,)) == [title]
    assert names_match([title], [asked])


def test_a_single_suggestion_with_every_word_is_taken() -> None:
    items = [("dune-part-three", "Dune: Part Three"), ("argylle", "Argylle")]
    chosen = one(items, "part three dune", lambda t: t, shown=lambda t: t[1])
    assert chosen == items[0]
    with pytest.raises(NotFoundError, match="no title matches 'dune part 4'"):
        one(items, "dune part 4", lambda t: t, shown=lambda t: t[1])


def test_search_and_show_find_titles_with_punctuation(tmp_path: Path) -> None:
    registry = daily_registry(tmp_path)
    result = invoke(
        "list", "-r", registry, "--as-of", AS_OF, "--search", "star wars starfighter",
        "--format", "{title}",
    )  # fmt: skip
    assert (result.exit_code, result.stdout) == (0, "Star Wars: Starfighter\n")
    for asked, title in (
        ("dune part three", "Dune: Part Three"),
        ("silksong sea of sorrow", "Hollow Knight: Silksong – Sea of Sorrow"),
        ("starfighter star wars", "Star Wars: Starfighter"),
    ):
        result = invoke("show", asked, "-r", registry, "--as-of", AS_OF, "--json")
        assert result.exit_code == 0, (asked, result.stderr)
        assert f'"title": "{title}"' in result.stdout
