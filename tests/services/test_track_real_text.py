"""Targets vs results on real report text: a sample report and a next-year report derived from it.

The 2022 report is the 2021 衡阳 report with its years moved on by one and its review
figures rewritten, so the pairing runs through the real ingest and extraction path:
some 2021 targets are met, one is missed, some are not reported, and the 2022 targets
wait for a report that does not exist yet.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

pytest.importorskip("zhaoshang.extract.pipeline", reason="the extraction pipeline is not built yet")

from zhaoshang.ingest.types import RawDocument  # noqa: E402
from zhaoshang.services import targets_vs_results  # noqa: E402
from zhaoshang.services.ingest import ingest_raw  # noqa: E402
from zhaoshang.store.models import Report  # noqa: E402

# Review sentences of the 2021 report (about 2020) and what the derived 2022 report says
# about 2021 instead. Targets set in 2021: GDP 8.5%左右, 规模工业 9%左右, 固投 10%左右,
# 可支配收入 8.5%左右.
REWRITES = {
    "全市地区生产总值增长4.0%": "全市地区生产总值增长8.7%",  # met (above)
    "规模工业增加值增长5.5%": "规模工业增加值增长8.6%",  # met (within 0.5 pp of 9%左右)
    "固定资产投资增长9.4%": "固定资产投资增长8.9%",  # missed (more than 0.5 pp below 10%左右)
    "全体居民人均可支配收入增长6%左右": "全体居民人均可支配收入增长8.2%",  # met (within tolerance)
}


def _read(sample_dir: Path, stem: str) -> tuple[str, str]:
    title, text = (sample_dir / f"{stem}.txt").read_text(encoding="utf-8").split("\n", 1)
    return title.strip(), text.strip()


def _next_year(text: str, rewrites: dict[str, str] = REWRITES) -> str:
    """Move the report on one year: the review year and the meeting year (2020→2021, 2021→2022)."""
    for old, new in rewrites.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return re.sub(r"(?<!\d)(2020|2021)(?=年)", lambda m: str(int(m.group(1)) + 1), text)


def _ingest(engine, title: str, text: str, name: str) -> int:
    raw = RawDocument(source_name=name, format="text", encoding="utf-8", text=text, title=title)
    outcome = ingest_raw(engine, raw)
    assert outcome.status == "ingested", outcome.reason
    return outcome.report_id


def test_targets_of_a_real_report_meet_the_next_years_results(regions_engine, sample_dir):
    title, text = _read(sample_dir, "hengyang")
    first = _ingest(regions_engine, title, text, "hengyang-2021.txt")
    second = _ingest(regions_engine, title, _next_year(text), "hengyang-2022.txt")
    hn_title, hn_text = _read(sample_dir, "hunan")
    _ingest(regions_engine, hn_title, hn_text, "hunan-2021.txt")

    with Session(regions_engine) as session:
        assert (session.get(Report, first).year, session.get(Report, second).year) == (2021, 2022)
        report = targets_vs_results(session, "衡阳市")
        by = {(r.metric, r.measure, r.period): r for r in report.results}

        gdp = by[("gdp", "growth_pct", "2021")]
        assert gdp.status == "met"
        assert gdp.target.report_id == first and gdp.target.number == 8.5 and gdp.target.qualifier == "about"
        assert gdp.actual.report_id == second and gdp.actual.number == 8.7
        assert "8.5%左右" in gdp.target.quote and "8.7%" in gdp.actual.quote

        assert by[("industrial_va_above_scale", "growth_pct", "2021")].status == "met"
        assert by[("disposable_income", "growth_pct", "2021")].status == "met"
        fai = by[("fixed_asset_investment", "growth_pct", "2021")]
        assert fai.status == "missed" and fai.difference == pytest.approx(-1.1)
        # stated as targets in 2021, absent from the 2022 review
        assert by[("retail_sales", "growth_pct", "2021")].status == "not_reported"
        assert by[("foreign_trade", "growth_pct", "2021")].status == "not_reported"
        # the derived report sets 2022 targets nobody has reported on yet
        assert by[("gdp", "growth_pct", "2022")].status == "pending"

        for r in report.results:
            for side in (r.target, r.actual):
                if side is not None:
                    assert session.get(Report, side.report_id).text[side.start : side.end] == side.quote

        # 衡阳's 2021 growth target (8.5%左右) against 湖南's (7%以上)
        parent = {(c.metric, c.period): c for c in report.parent_comparisons}
        gdp_vs_province = parent[("gdp", "2021")]
        assert gdp_vs_province.ancestor_name == "湖南省"
        assert gdp_vs_province.relation == "above" and gdp_vs_province.difference == pytest.approx(1.5)


# 宝兴县 (a county): level, rate and ceiling targets, and a pair of figures in one sentence.
# Targets set in 2021: GDP 8.5%以上, 固投 35亿元以上, 城乡收入 8%和9%左右, 优良率 95%以上,
# 失业率 4%以内, 建筑业 30%.
BAOXING_REWRITES = {
    "全县地区生产总值增长4.1%": "全县地区生产总值增长8.2%",  # missed (below 8.5%以上)
    "全社会固定资产投资增长14.26%": "全社会固定资产投资完成36.5亿元",  # met (a level against a level)
    "城乡居民人均可支配收入分别增长6.3%和9%": "城乡居民人均可支配收入分别增长8.3%和8.1%",  # met / missed (8.1 is 0.9 pp under 9%左右)
    "空气质量优良天数率达98.6%": "空气质量优良天数率达96.2%",  # met
    "提供就业岗位6900余个,城镇登记失业率控制在4%以内": "提供就业岗位6900余个,城镇登记失业率3.6%",  # met (ceiling)
    "建筑业总产值增长58.7%": "建筑业总产值增长21.4%",  # missed (30%)
}


def test_county_targets_of_every_shape_against_the_next_years_results(regions_engine, sample_dir):
    title, text = _read(sample_dir, "baoxing")
    first = _ingest(regions_engine, title, text, "baoxing-2021.txt")
    second = _ingest(regions_engine, _next_year(title, {}), _next_year(text, BAOXING_REWRITES), "baoxing-2022.txt")

    with Session(regions_engine) as session:
        report = targets_vs_results(session, "宝兴县", year=2021)
        assert report.report_years == [2021, 2022]
        by = {(r.metric, r.measure): r for r in report.results}
        expected = {
            ("gdp", "growth_pct"): "missed",
            ("fixed_asset_investment", "value"): "met",
            ("urban_disposable_income", "growth_pct"): "met",
            ("rural_disposable_income", "growth_pct"): "missed",
            ("air_quality_good_days", "rate_pct"): "met",
            ("unemployment_rate", "rate_pct"): "met",
            ("construction_output", "growth_pct"): "missed",
            ("retail_sales", "growth_pct"): "not_reported",
        }
        assert {key: by[key].status for key in expected} == expected
        fai = by[("fixed_asset_investment", "value")]
        assert (fai.target.report_id, fai.actual.report_id) == (first, second)
        assert fai.difference == pytest.approx(1.5) and fai.target.unit == "亿元"
        for r in report.results:
            for side in (r.target, r.actual):
                if side is not None:
                    assert session.get(Report, side.report_id).text[side.start : side.end] == side.quote
