"""Access tokens kept between runs (IGDB's Twitch token: sources/twitch.py) in a private JSON
file of the state folder: read and written like the notify state (writing/private.py's
read_private and write_private: no link or FIFO followed, mode 0600, atomic replacement).

A token is a secret: the file holds nothing else a user typed (the client secret stays in
the environment or the config file), and a corrupt file is refused by name, never reset.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

FORMAT: Final = "release-countdown token"
VERSION: Final = 1
LIMIT: Final = 64 << 10  # bytes: a token is well under 1 KiB
_KEYS: Final = ("client_id", "access_token", "expires_at")


def token_file(source: str) -> Path:
    """``$XDG_STATE_HOME/release-countdown/igdb-token.json`` on Linux, for ``source`` igdb."""
    from release_countdown.registry.locations import user_state_dir

    return user_state_dir() / f"{source}-token.json"


def decode_token(document: object) -> dict[str, Any]:
    """The token of a token file's JSON document; ValueError says what is wrong."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError(f'not a token file (no "format": "{FORMAT}")')
    if document.get("version") != VERSION:
        raise ValueError(f"token file version {document.get('version')!r} is not {VERSION}")
    found = {key: document.get(key) for key in _KEYS}
    if not all(isinstance(found[key], str) for key in _KEYS[:2]):
        raise ValueError('"client_id" and "access_token" must be strings')
    if type(found["expires_at"]) not in (int, float):
        raise ValueError('"expires_at" must be a number of seconds')
    return found


class TokenFile:
    """A source's token at ``path`` (sources/twitch.TokenCache)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.what = f"the token file {path.name}"

    def read(self) -> Mapping[str, Any] | None:
        from release_countdown.writing.private import read_private

        found: dict[str, Any] | None = read_private(
            self.path, LIMIT, decode_token, None, what=self.what, named=self.what,
            one="a token file", afresh="(the next run asks for a new token)",
        )  # fmt: skip
        return found

    def write(self, document: Mapping[str, Any]) -> None:
        from release_countdown.writing.private import write_private

        data = {"format": FORMAT, "version": VERSION} | {key: document[key] for key in _KEYS}
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_private(self.path, json.dumps(data, indent=1).encode("utf-8") + b"\n", self.what)
