"""Values of the configuration file and the environment (settings.py): each parser returns
the value or raises ValueError saying what would be right."""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from pathlib import Path

from release_countdown.core import params
from release_countdown.core.model import region_code


def region(value: object) -> str | None:
    if not isinstance(value, str):
        raise ValueError('must be a string such as "GB" (ISO 3166-1 alpha-2, or WW)')
    return region_code(value)


def platform(value: object) -> str:
    """``[sources] platform = "PC"``: a platform's name as written (core/platforms.py compares)."""
    from release_countdown.core.platforms import platform_key

    text = value.strip() if isinstance(value, str) else ""
    if not platform_key(text):
        raise ValueError('must be a platform\'s name (e.g. "PC" or "PS5")')
    return text


def seconds(value: object) -> float:
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            raise ValueError(f"{value!r} is not a number of seconds (e.g. 30)") from None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be a number of seconds (e.g. 30)")
    if math.isnan(value) or not 0 <= value < 1e9:
        raise ValueError(f"{value!r} is not a number of seconds from 0 up (e.g. 30)")
    return float(value)


def flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError("must be true or false")


def no_cache(value: str) -> bool:
    """COUNTDOWN_NO_CACHE: 1/true/yes turn the cache off; 0/false/no or empty leave it on."""
    text = value.strip().lower()
    if text in ("1", "true", "yes"):
        return False
    if text in ("", "0", "false", "no"):
        return True
    raise ValueError(f"{value!r} is not 1, true, yes, 0, false or no")


def paths(base: Path) -> Callable[[object], tuple[Path, ...]]:
    def parse(value: object) -> tuple[Path, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ValueError('must be a list of paths (e.g. registries = ["~/releases.toml"])')
        return tuple(base / Path(v).expanduser() for v in value)

    return parse


def leads(value: object) -> tuple[int, ...]:
    from release_countdown.core.leads import parse_leads

    if isinstance(value, str) or (
        isinstance(value, list) and value and all(isinstance(v, str) for v in value)
    ):
        return parse_leads(value)
    raise ValueError('must be lead times such as "30d,7d,1d,0d" (or a list of them)')


def on_kinds(value: object) -> frozenset[str]:
    """[notify] on: "dated,released" or a list of such."""
    if isinstance(value, str) or (
        isinstance(value, list) and value and all(isinstance(v, str) for v in value)
    ):
        try:
            return params.on_kinds(value if isinstance(value, str) else ",".join(value))
        except params.ParamError as exc:
            raise ValueError(exc.problem) from None
    raise ValueError('must be kinds of notice such as "dated,released" (or a list of them)')


def _word(value: object, example: str, allowed: tuple[str, ...]) -> str:
    """A setting that is one word of ``allowed``: not a string is said as such (rather than
    quoted as an empty string by the word's own parser)."""
    if not isinstance(value, str):
        raise ValueError(f'must be a string such as "{example}" ({", ".join(allowed)})')
    return value


def min_precision(value: object) -> str:
    """[notify] min_precision: "day", "month", "quarter" or "year"."""
    from release_countdown.core.notices import MIN_PRECISIONS

    try:
        return params.min_precision(_word(value, "day", MIN_PRECISIONS))
    except params.ParamError as exc:
        raise ValueError(exc.problem) from None


def digest_period(value: object) -> str | None:
    """[notify] digest: "daily", "weekly" or "none"."""
    from release_countdown.core import digest

    try:
        found = digest.digest_period(_word(value, "weekly", digest.DIGEST_CHOICES))
    except params.ParamError as exc:
        raise ValueError(exc.problem) from None
    return None if found == "none" else found


def group_by(value: object) -> str:
    """[notify] group_by: "none", "person", "kind" or "follow"."""
    from release_countdown.core import digest

    try:
        return digest.group_by(_word(value, "person", digest.GROUP_BY))
    except params.ParamError as exc:
        raise ValueError(exc.problem) from None


def destinations(value: object) -> tuple[str, ...]:
    if isinstance(value, str) and value.strip():
        return (value.strip(),)
    if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(v.strip() for v in value)
    raise ValueError(
        'must be a notification URL or a list of them (e.g. to = ["ntfy://my-releases", "desktop"])'
    )


def http_timeout(value: object) -> float:
    wrong = "must be a number of seconds, more than 0 and at most 600 (e.g. 10)"
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            raise ValueError(wrong) from None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 600:
        raise ValueError(wrong)
    return float(value)


def token(value: object) -> str:
    """[serve] token: its value never appears in a message."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError('must be a string (e.g. token = "..." from `openssl rand -hex 16`)')
    if len(value) < 8:
        raise ValueError("needs 8 characters or more (e.g. `openssl rand -hex 16`)")
    return value


def hosts(value: object) -> tuple[str, ...]:
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(v.strip() for v in value)
    raise ValueError('must be a list of host names (e.g. hosts = ["countdown.example"])')


def port(value: object) -> int:
    try:
        return params.port(value if isinstance(value, int) else "-")
    except params.ParamError:
        raise ValueError("must be a port: 1 to 65535, or 0 for any free one (e.g. 8787)") from None


def string(value: object) -> str:
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise ValueError('must be a string, not empty (e.g. "...")')


def url(example: str) -> Callable[[object], str]:
    def parse(value: object) -> str:
        url = string(value)
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"must be an http(s) address (e.g. {example})")
        return url

    return parse


def env_paths(value: str) -> tuple[Path, ...]:
    return tuple(Path(p) for p in value.split(os.pathsep) if p.strip())
