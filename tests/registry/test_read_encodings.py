"""Registries in the wrong encoding are named for what they are (registry/read.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from release_countdown.core.errors import RegistryError
from release_countdown.registry.read import decode_registry
from tests.conftest import invoke

TEXT = 'schema = 1\n\n[[release]]\ntitle = "Argylle"\ndate = 2024-02-02\n'


def message(raw: bytes) -> str:
    with pytest.raises(RegistryError) as caught:
        decode_registry(raw, "reg.toml")
    (problem,) = caught.value.problems
    return problem.message


@pytest.mark.parametrize(
    "raw",
    [
        b"\xff\xfe\x00\x00" + TEXT.encode("utf-32-le"),
        b"\x00\x00\xfe\xff" + TEXT.encode("utf-32-be"),
        TEXT.encode("utf-32"),  # the platform's order, with its BOM
        TEXT.encode("utf-32-le"),  # no BOM
        TEXT.encode("utf-32-be"),  # no BOM
        "# café ☕\n".encode("utf-32-le"),
        "é = 1\n".encode("utf-32-be"),
    ],
    ids=["bom-le", "bom-be", "bom-native", "le", "be", "le-non-ascii", "be-latin-first"],
)
def test_utf32_is_named_utf32(raw: bytes) -> None:
    assert message(raw) == "is UTF-32 text; registries must be UTF-8 (re-save the file as UTF-8)"


@pytest.mark.parametrize(
    "raw",
    [
        TEXT.encode("utf-16"),
        b"\xfe\xff" + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-16-le"),
        "ab".encode("utf-16-le"),  # four bytes, the size of one UTF-32 unit
    ],
    ids=["bom-native", "bom-be", "le", "le-short"],
)
def test_utf16_is_still_utf16(raw: bytes) -> None:
    assert message(raw).startswith("is UTF-16 text;")


@pytest.mark.parametrize(
    "raw",
    [b"schema = 1\n\x00\x00\x00\x00\n", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8],
    ids=["nul-in-text", "elf"],
)
def test_nul_bytes_are_still_binary(raw: bytes) -> None:
    assert message(raw).startswith("is a binary file")


def test_check_names_a_utf32_registry(tmp_path: Path) -> None:
    path = tmp_path / "reg.toml"
    path.write_bytes(TEXT.encode("utf-32"))
    result = invoke("check", str(path))
    assert result.exit_code == 3
    assert f"{path}: is UTF-32 text; registries must be UTF-8" in result.stderr
    assert "UTF-16" not in result.stderr
