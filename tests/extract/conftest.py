"""Fixtures shared by the extraction tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhaoshang.extract.pipeline import read_reports

HOLDOUT_TEXTS = Path(__file__).resolve().parents[1] / "holdout" / "texts"


@pytest.fixture(scope="session")
def report_texts(sample_dir: Path) -> list[str]:
    """The sample reports and the held-out texts, normalised as the pipeline reads them: what a
    fast scanner is compared with its reference on, besides random texts."""
    paths = sorted(sample_dir.glob("*.txt")) + sorted(HOLDOUT_TEXTS.glob("*.txt"))
    texts = [t for p in paths for t, _title, _channel in read_reports(p)]
    assert len(texts) >= 28
    return texts
