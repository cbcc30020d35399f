"""core/text.plain_text: the one cleaner of text from outside (issue 20, items 3 and 9)."""

from __future__ import annotations

import pytest

from release_countdown.core.text import plain_text, without_surrogates


@pytest.mark.parametrize(
    ("given", "plain"),
    [
        ("Film 1001", "Film 1001"),
        ("  Film \t 1001\n", "Film 1001"),
        ("Film 1001\u200b", "Film 1001"),  # zero-width space
        ("Film\u2060 1001", "Film 1001"),  # word joiner
        ("\ufeffFilm 1001", "Film 1001"),  # byte order mark
        ("Film 1001\U000e0041\U000e0042\U000e007f", "Film 1001"),  # tag characters
        ("Film\u00ad 1001", "Film 1001"),  # soft hyphen
        ("\u202eFilm 1001\u202c\u2066", "Film 1001"),  # bidi override, isolate
        ("Film\x1b[31m 1001\x07", "Film [31m 1001"),  # controls become spaces
        ("Film\u2028\u20291001\x85", "Film 1001"),  # line and paragraph separators
        ("Film \ud800 1001", "Film \ufffd 1001"),  # a lone surrogate
        ("\udfff", "\ufffd"),
        ("Film 1001 \u200d", "Film 1001"),  # a joiner at a word's edge
        ("\U0001f469\u200d\U0001f52c", "\U0001f469\u200d\U0001f52c"),  # inside an emoji: kept
        ("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"),
        ("Amélie – 東京", "Amélie – 東京"),
    ],
)  # fmt: skip
def test_plain_text(given: str, plain: str) -> None:
    assert plain_text(given) == plain
    plain.encode("utf-8")  # always writable


def test_without_surrogates_keeps_everything_else() -> None:
    assert without_surrogates("a\ud83db\u200b") == "a\ufffdb\u200b"
    assert without_surrogates("plain") == "plain"
