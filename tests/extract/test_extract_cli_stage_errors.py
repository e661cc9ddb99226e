"""`zhaoshang extract` with a failing extractor: the other facts still print, and stderr says what is missing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from zhaoshang.cli.extract_cmd import extract
from zhaoshang.extract import pipeline


def test_a_failing_stage_is_a_warning_on_stderr_and_the_json_keeps_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = tmp_path / "excerpt.txt"
    report.write_text("过去一年，全县地区生产总值增长4.1%。总投资20亿元的新材料产业园开工建设。", encoding="utf-8")

    def boom(doc):  # noqa: ANN001, ANN202
        raise RuntimeError("rule table is corrupt")

    original = pipeline._resolve
    monkeypatch.setattr(pipeline, "_resolve", lambda t: boom if t.endswith("extract_projects") else original(t))
    result = CliRunner(mix_stderr=False).invoke(extract, [str(report), "--json", "--year", "2021"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["projects"] == [] and data["indicators"]
    assert "the projects stage failed" in result.stderr
