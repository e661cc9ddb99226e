"""``zhaoshang extract`` and ``zhaoshang evaluate`` through click, no database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from zhaoshang.cli.main import cli

SHARED = Path(__file__).resolve().parents[3] / "shared"

CONTRACT_KEYS = {"report", "indicators", "projects", "enterprises", "parks", "policies", "industries"}
REPORT_KEYS = {"title", "year", "meeting_date", "speaker", "region", "sections"}
INDICATOR_KEYS = {"metric", "period", "kind", "measure", "number", "unit", "value_yuan", "qualifier", "quote", "start", "end"}


def _excerpt(tmp_path: Path) -> Path:
    p = tmp_path / "excerpt.txt"
    p.write_text("去年全县地区生产总值增长4.1%，全社会固定资产投资完成35亿元。", encoding="utf-8")
    return p


def test_extract_json_prints_the_contract_for_a_bare_excerpt(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["extract", str(_excerpt(tmp_path)), "--json", "--year", "2021"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == CONTRACT_KEYS and set(data["report"]) == REPORT_KEYS
    assert data["report"]["year"] == 2021 and data["report"]["title"] is None
    gdp, fai = data["indicators"]
    assert set(gdp) == INDICATOR_KEYS
    assert (gdp["metric"], gdp["period"], gdp["number"]) == ("gdp", "2020", 4.1)
    assert (fai["metric"], fai["value_yuan"]) == ("fixed_asset_investment", 3_500_000_000)
    assert "地区生产总值" in result.output  # ensure_ascii=False


def test_extract_region_override(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["extract", str(_excerpt(tmp_path)), "--json", "--year", "2021", "--region", "宝兴县"])
    assert result.exit_code == 0, result.output
    region = json.loads(result.output)["report"]["region"]
    assert region["name"] == "宝兴县" and region["parents"] == ["四川省", "雅安市"]


def test_extract_without_json_prints_a_summary(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["extract", str(_excerpt(tmp_path)), "--year", "2021"])
    assert result.exit_code == 0, result.output
    assert "indicators 2" in result.output and "gdp" in result.output


def test_extract_refuses_a_file_that_is_not_a_report(tmp_path: Path) -> None:
    p = tmp_path / "x.pdf"
    p.write_bytes(b"\x7fELF\x02\x01\x01" + bytes(200))
    result = CliRunner().invoke(cli, ["extract", str(p), "--json"])
    assert result.exit_code != 0 and "Error" in result.output


@pytest.mark.skipif(not (SHARED / "gold" / "seed").is_dir(), reason="gold set not present")
def test_evaluate_defaults_to_the_shared_gold_and_meets_the_indicator_bars() -> None:
    result = CliRunner().invoke(cli, ["evaluate", "--json", "--quiet"])
    assert result.exit_code == 0, result.output
    types = json.loads(result.output)["types"]
    assert types["indicators"]["precision"] >= 0.95 and types["indicators"]["recall"] >= 0.90
    assert types["regions"]["recall"] == 1.0


@pytest.mark.skipif(not (SHARED / "corpus" / "seed-listing.txt").is_file(), reason="listing not present")
def test_extract_picks_a_report_of_a_listing_by_index() -> None:
    listing = str(SHARED / "corpus" / "seed-listing.txt")
    first = json.loads(CliRunner().invoke(cli, ["extract", listing, "--json"]).output)
    third = json.loads(CliRunner().invoke(cli, ["extract", listing, "--json", "--index", "3"]).output)
    assert first["report"]["title"] != third["report"]["title"]
    bad = CliRunner().invoke(cli, ["extract", listing, "--json", "--index", "99"])
    assert bad.exit_code != 0 and "no report #99" in bad.output
