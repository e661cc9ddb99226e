"""Fixtures of the ingest tests: the ten sample reports as (title, body) pairs."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def sample_texts(sample_dir: Path) -> dict[str, tuple[str | None, str]]:
    """name → (title line, text line) of each sample report, read as plain text files are."""
    out = {}
    for path in sorted(sample_dir.glob("*.txt")):
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        out[path.stem] = (title.strip(), body.rstrip("\n"))
    return out
