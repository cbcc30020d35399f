"""core/platforms.py: one rule for when two names mean one platform, the --platform filter
and the headline's pool by platform."""

from __future__ import annotations

import pytest

from release_countdown.core.platforms import (
    headline_pool,
    on_platforms,
    platform_key,
    preferring,
    same_platform,
)


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("PlayStation 5", "playstation-5", True),
        ("PlayStation 5", "PS5", True),
        ("ps 5", "PS5", True),
        ("PC", "Microsoft Windows", True),
        ("PC (Microsoft Windows)", "pc", True),
        ("Xbox Series X|S", "Xbox Series X and Series S", True),
        ("Nintendo Switch", "switch", True),
        ("Nintendo Switch 2", "Switch", False),
        ("PlayStation 5", "PlayStation 4", False),
        ("Xbox", "Xbox One", False),  # "xbox" alone names no one platform
        (None, None, True),
        ("PS5", None, False),
    ],
)
def test_same_platform(first: str | None, second: str | None, same: bool) -> None:
    assert same_platform(first, second) is same


def test_a_name_without_letters_has_no_key() -> None:
    assert platform_key(" -- ") == ""


def test_on_platforms() -> None:
    assert on_platforms(["PlayStation 5", None], ["ps5"])
    assert on_platforms([None, "Microsoft Windows"], ["PS5", "pc"])
    assert not on_platforms([None], ["PS5"])
    assert not on_platforms(["PlayStation 4"], ["PS5"])


def test_preferring_keeps_the_platform_s_else_all() -> None:
    items = [("2027", "PS5"), ("2027-03", "PC"), ("2027-05", None)]
    assert preferring(items, "pc", lambda i: i[1]) == [("2027-03", "PC")]
    assert preferring(items, "Dreamcast", lambda i: i[1]) == items
    assert preferring(items, None, lambda i: i[1]) == items


@pytest.mark.parametrize(
    ("platform", "region", "expected"),
    [
        (None, "US", ["us-pc"]),  # the region's
        (None, "GB", ["ww-ps5", "ww-xbox"]),  # none of GB's: the worldwide ones
        ("PS5", "US", ["ww-ps5"]),  # the platform's first, then worldwide over none of US's
        ("PC", "GB", ["us-pc"]),  # the platform's, neither GB's nor worldwide: any on it
        ("Dreamcast", "JP", ["ww-ps5", "ww-xbox"]),
    ],
)
def test_headline_pool(platform: str | None, region: str, expected: list[str]) -> None:
    items = [("us-pc", "US", "Microsoft Windows"), ("ww-ps5", "WW", "PlayStation 5"),
             ("ww-xbox", "WW", "Xbox Series X|S"), ("eu-ps5", None, "PS5")]  # fmt: skip
    found = headline_pool(
        items, platform=platform, region=region, platform_of=lambda i: i[2],
        region_of=lambda i: i[1],
    )  # fmt: skip
    assert [i[0] for i in found] == expected


@pytest.mark.parametrize(
    ("wanted", "platform", "kept"),
    [("xbox", "Xbox Series X|S", True), ("Xbox", "Xbox One", True),
     ("playstation", "PS5", True), ("playstation", "PlayStation 4", True),
     ("pc", "PC Engine", False), ("pc", "Microsoft Windows", True),
     ("switch", "Nintendo Switch 2", False), ("nintendo", "Nintendo Switch 2", True),
     ("xbox", "PlayStation 5", False)],
)  # fmt: skip
def test_a_platform_matches_a_part_of_one_as_names_do(
    wanted: str, platform: str, kept: bool
) -> None:
    assert on_platforms([platform], [wanted]) is kept
