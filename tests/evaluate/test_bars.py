"""The issue-3 bars, checked on the ten samples and on the held-out reports of other
regions and years (tests/holdout: labelled before any extractor ran)."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhaoshang.evaluate.runner import evaluate_dir, find_default_dirs

REPO = Path(__file__).resolve().parents[2]
HOLDOUT = REPO / "tests" / "holdout"


def _check(report) -> None:  # noqa: ANN001
    ind = report.per_type["indicators"]
    assert ind.precision >= 0.95, [f for _, f in ind.false_hits]
    assert ind.recall >= 0.90, [f for _, f in ind.misses]
    assert report.per_type["regions"].recall == 1.0


@pytest.mark.skipif(not (HOLDOUT / "gold").is_dir(), reason="holdout set not present")
def test_holdout_reports_of_other_regions_and_years_meet_the_bars() -> None:
    _check(evaluate_dir(HOLDOUT / "gold", HOLDOUT / "texts"))


def test_default_directories_resolve_from_any_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = find_default_dirs()
    monkeypatch.chdir(tmp_path)
    assert find_default_dirs() == expected
