"""A daily user's registry (issue 16): a dozen titles with punctuation, roles and a TBA."""

from __future__ import annotations

from pathlib import Path

AS_OF = "2026-11-25"

DAILY = """\
schema = 1

[[release]]
id = "avengers-doomsday"
title = "Avengers: Doomsday"
kind = "film"
date = 2026-12-18
sources = ["https://en.wikipedia.org/wiki/Avengers:_Doomsday_(film)_and_a_very_long_anchor"]

[release.people]
director = ["Anthony Russo", "Joe Russo"]
composer = ["Alan Silvestri"]

[[release]]
id = "dune-part-three"
title = "Dune: Part Three"
kind = "film"
date = 2026-12-18

[release.people]
director = ["Denis Villeneuve"]
composer = ["Hans Zimmer"]

[[release]]
id = "star-wars-starfighter"
title = "Star Wars: Starfighter"
kind = "film"
date = 2027-05-28

[release.people]
director = ["Shawn Levy"]

[[release]]
id = "silksong-sea-of-sorrow"
title = "Hollow Knight: Silksong – Sea of Sorrow"
kind = "game"
date = "TBA"

[release.people]
developer = ["Team Cherry"]
composer = ["Christopher Larkin"]

[[release]]
id = "the-bear-s5"
title = "The Bear (Season 5)"
kind = "series"
date = "2027-Q2"

[release.people]
showrunner = ["Christopher Storer"]
cast = ["Jeremy Allen White", "Ayo Edebiri", "Catherine O'Hara"]

[[release]]
id = "odyssey-score"
title = "The Odyssey (Original Motion Picture Soundtrack)"
kind = "album"
date = 2027-07-17

[release.people]
composer = ["Ludwig Göransson"]
"""


def daily_registry(tmp_path: Path) -> str:
    path = tmp_path / "daily.toml"
    path.write_text(DAILY, encoding="utf-8")
    return str(path)
