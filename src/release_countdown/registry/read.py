"""Reading a registry file: its bytes, and their text, with a message a person can act on
when either cannot be had."""

from __future__ import annotations

from pathlib import Path

from release_countdown.core.errors import Problem, RegistryError


def read_registry_text(path: Path) -> str:
    """The text of a registry file, or a RegistryError saying why it cannot be read."""
    return decode_registry(read_registry_bytes(path), str(path))


def read_registry_bytes(path: Path) -> bytes:
    shown = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RegistryError(
            [Problem(shown, "no such registry file (check --registry and COUNTDOWN_REGISTRY)")]
        ) from None
    except IsADirectoryError:
        raise RegistryError(
            [Problem(shown, "is a directory; give the path of a .toml registry file")]
        ) from None
    except PermissionError:
        raise RegistryError(
            [Problem(shown, "permission denied: the registry file is not readable")]
        ) from None
    except OSError as exc:
        raise RegistryError([Problem(shown, f"cannot read the registry: {exc.strerror}")]) from None
    return raw


def _is_utf32(raw: bytes) -> bool:
    """A UTF-32 BOM, or text whose first 4-byte units all look like UTF-32 code points (no
    unit zero, the top byte zero and the next at most 0x10), in either byte order."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return True
    sample = raw[: min(len(raw), 64) // 4 * 4]
    units = [sample[i : i + 4] for i in range(0, len(sample), 4)]
    if not units or b"\x00\x00\x00\x00" in units:
        return False
    little = all(u[3] == 0 and u[2] <= 0x10 for u in units)
    big = all(u[0] == 0 and u[1] <= 0x10 for u in units)
    return little or big


def decode_registry(raw: bytes, shown: str) -> str:
    # UTF-32 first: its little-endian BOM starts with UTF-16's, and its ASCII with a NUL.
    if b"\x00" in raw[:64] and _is_utf32(raw):
        raise RegistryError(
            [Problem(shown, "is UTF-32 text; registries must be UTF-8 (re-save the file as UTF-8)")]
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(raw) > 1 and raw[1:2] == b"\x00"):
        raise RegistryError(
            [Problem(shown, "is UTF-16 text; registries must be UTF-8 (re-save the file as UTF-8)")]
        )
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        line = raw.count(b"\n", 0, offset) + 1
        raise RegistryError(
            [Problem(shown, "is a binary file (it holds NUL bytes), not a TOML registry", line)]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = raw[exc.start]
        raise RegistryError(
            [
                Problem(
                    shown,
                    f"byte 0x{byte:02x} is not valid UTF-8; registries must be UTF-8 "
                    "(re-save the file as UTF-8)",
                    line,
                    column,
                )
            ]
        ) from None
    return text.removeprefix("\ufeff")
