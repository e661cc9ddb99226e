"""Targets against results: pairing rules, classification, parent comparison — on both backends."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session
from svc_builders import ReportBuilder, add_regions

from zhaoshang.services import classify, compare_with_parent, targets_vs_results
from zhaoshang.services.track import ABOUT_TOLERANCE_PP


@pytest.mark.parametrize(
    ("metric", "target", "actual", "qualifier", "expected"),
    [
        ("gdp", 8.5, 8.5, "at_least", "met"),  # the boundary meets 以上
        ("gdp", 8.5, 8.4, "at_least", "missed"),
        ("gdp", 8.5, 9.7, "about", "met"),  # beating 左右 is not a miss
        ("gdp", 8.5, 8.5 - ABOUT_TOLERANCE_PP, "about", "met"),
        ("gdp", 8.5, 7.9, "about", "missed"),
        ("gdp", 6.0, 6.0, None, "met"),
        ("gdp", 6.0, 5.9, None, "missed"),
        ("cpi", 3.0, 2.5, "at_most", "met"),  # 控制在3%以内
        ("cpi", 3.0, 3.1, "at_most", "missed"),
        ("unemployment_rate", 4.5, 4.2, None, "met"),  # a jobless-rate target is a ceiling
        ("unemployment_rate", 4.5, 4.8, None, "missed"),
        ("cpi", 3.0, 3.4, "about", "met"),  # 3%左右: 0.4 pp over is within tolerance
        ("cpi", 3.0, 3.6, "about", "missed"),
        ("gdp", -1.0, -0.5, "at_least", "met"),  # a smaller fall than allowed
    ],
)
def test_classify_follows_qualifier_and_metric_direction(metric, target, actual, qualifier, expected):
    status, reason = classify(metric, "growth_pct", target, actual, qualifier, "%")
    assert status == expected
    assert reason


def test_classify_about_level_target_uses_relative_tolerance():
    assert classify("fixed_asset_investment", "value", 100.0, 98.5, "about", "亿元")[0] == "met"
    assert classify("fixed_asset_investment", "value", 100.0, 97.0, "about", "亿元")[0] == "missed"


def _two_years(session: Session, code: str = "430400") -> tuple[int, int]:
    r1 = ReportBuilder(session, code, 2021)
    r1.indicator("gdp", "2020", "actual", "growth_pct", 3.8)
    r1.indicator("gdp", "2021", "target", "growth_pct", 8.5, qualifier="about")
    r1.indicator("retail_sales", "2021", "target", "growth_pct", 9, qualifier="at_least")
    r1.indicator("fixed_asset_investment", "2021", "target", "value", 350, unit="亿元", qualifier="at_least")
    r1.indicator("unemployment_rate", "2021", "target", "rate_pct", 4.5, qualifier="at_most")
    r1.indicator("foreign_trade", "2021", "target", "growth_pct", 12, qualifier="at_least")
    r1.indicator("gdp", "2021-2025", "target", "value", 5500, unit="亿元", qualifier="about")
    first = r1.done()
    r2 = ReportBuilder(session, code, 2022)
    r2.indicator("gdp", "2021", "actual", "growth_pct", 8.1)
    r2.indicator("retail_sales", "2021", "actual", "growth_pct", 8.0)
    r2.indicator("fixed_asset_investment", "2021", "actual", "value", 3600000, unit="万元")
    r2.indicator("unemployment_rate", "2021", "actual", "rate_pct", 4.1)
    r2.indicator("gdp", "2022", "target", "growth_pct", 7, qualifier="at_least")
    second = r2.done()
    return first.id, second.id


def test_targets_pair_with_the_next_years_actual(svc_session):
    first, second = _two_years(svc_session)
    report = targets_vs_results(svc_session, "衡阳市")
    by = {(r.metric, r.period): r for r in report.results}

    gdp = by[("gdp", "2021")]
    assert gdp.status == "met"  # 8.1 within 0.5 pp of 8.5左右
    assert (gdp.target.report_id, gdp.actual.report_id) == (first, second)
    assert gdp.difference == pytest.approx(-0.4)
    assert by[("retail_sales", "2021")].status == "missed"
    assert by[("unemployment_rate", "2021")].status == "met"
    # 360亿 written as 3600000万元 still meets 350亿元以上
    fai = by[("fixed_asset_investment", "2021")]
    assert fai.status == "met" and fai.difference == pytest.approx(10.0)
    # the 2022 report exists but says nothing about foreign trade
    assert by[("foreign_trade", "2021")].status == "not_reported"
    # no report after 2022 yet; a plan target waits for its period to end
    assert by[("gdp", "2022")].status == "pending"
    assert by[("gdp", "2021-2025")].status == "pending"
    assert report.summary == {"met": 3, "missed": 1, "not_reported": 1, "pending": 2}


def test_target_results_carry_both_quotes_and_spans(svc_session):
    _two_years(svc_session)
    from zhaoshang.store.models import Report

    for r in targets_vs_results(svc_session, "430400").results:
        for side in (r.target, r.actual):
            if side is None:
                continue
            text = svc_session.get(Report, side.report_id).text
            assert text[side.start : side.end] == side.quote


def test_year_filter_keeps_only_that_years_targets(svc_session):
    _two_years(svc_session)
    periods = {r.period for r in targets_vs_results(svc_session, "衡阳市", year=2021).results}
    assert periods == {"2021"}


def test_deleted_actual_leaves_target_not_reported(svc_session):
    _two_years(svc_session)
    r3 = ReportBuilder(svc_session, "430400", 2023)
    dead = r3.indicator("gdp", "2022", "actual", "growth_pct", 9.9)
    dead.deleted = True
    r3.done()
    by = {(r.metric, r.period): r for r in targets_vs_results(svc_session, "衡阳市").results}
    assert by[("gdp", "2022")].status == "not_reported"


def test_corrected_actual_wins_over_the_extracted_one(svc_session):
    r1 = ReportBuilder(svc_session, "430400", 2021)
    r1.indicator("gdp", "2021", "target", "growth_pct", 8, qualifier="at_least")
    r1.done()
    r2 = ReportBuilder(svc_session, "430400", 2022)
    r2.indicator("gdp", "2021", "actual", "growth_pct", 7.5, quote="全市地区生产总值增长7.5%")
    fixed = r2.indicator("gdp", "2021", "actual", "growth_pct", 8.2, quote="地区生产总值增长8.2%")
    fixed.corrected = True
    r2.done()
    (res,) = targets_vs_results(svc_session, "衡阳市").results
    assert res.status == "met" and res.actual.fact_id == fixed.id and res.actual.corrected


def test_earliest_later_report_gives_the_actual(svc_session):
    ReportBuilder(svc_session, "430400", 2021).indicator("gdp", "2021", "target", "growth_pct", 8)
    ReportBuilder(svc_session, "430400", 2022).indicator("gdp", "2021", "actual", "growth_pct", 8.3)
    r3 = ReportBuilder(svc_session, "430400", 2023)
    r3.indicator("gdp", "2021", "actual", "growth_pct", 7.0)  # a later revision in a review table
    svc_session.flush()
    (res,) = targets_vs_results(svc_session, "衡阳市").results
    assert res.actual.report_year == 2022 and res.status == "met"


def test_parent_comparison_uses_nearest_ancestor_with_the_same_target(svc_session):
    county = ReportBuilder(svc_session, "511827", 2021)  # 宝兴县; 雅安市 has no report
    county.indicator("gdp", "2021", "target", "growth_pct", 8.5, qualifier="at_least")
    county.indicator("retail_sales", "2021", "target", "growth_pct", 10, qualifier="about")
    county.indicator("tax_revenue", "2021", "target", "growth_pct", 5)
    county.done()
    prov = ReportBuilder(svc_session, "510000", 2021)
    prov.indicator("gdp", "2021", "target", "growth_pct", 6, qualifier="at_least")
    prov.indicator("retail_sales", "2021", "target", "growth_pct", 10)
    prov.done()
    comps = {c.metric: c for c in compare_with_parent(svc_session, "宝兴县")}
    assert set(comps) == {"gdp", "retail_sales"}  # no provincial tax target to compare with
    assert comps["gdp"].relation == "above" and comps["gdp"].difference == pytest.approx(2.5)
    assert comps["gdp"].ancestor_name == "四川省" and comps["gdp"].ancestor_level == "province"
    assert comps["retail_sales"].relation == "equal"


def test_parent_comparison_prefers_the_direct_parent(svc_session):
    ReportBuilder(svc_session, "430421", 2021).indicator("gdp", "2021", "target", "growth_pct", 7)
    ReportBuilder(svc_session, "430400", 2021).indicator("gdp", "2021", "target", "growth_pct", 8.5)
    ReportBuilder(svc_session, "430000", 2021).indicator("gdp", "2021", "target", "growth_pct", 6.5)
    svc_session.flush()
    (c,) = compare_with_parent(svc_session, "430421")
    assert c.ancestor_name == "衡阳市" and c.relation == "below"


def test_region_without_reports_has_no_results(svc_session):
    report = targets_vs_results(svc_session, "常宁市")
    assert report.results == [] and report.report_years == []


def test_targets_vs_results_on_both_backends(engine):
    with Session(engine) as session:
        add_regions(session)
        _two_years(session)
        ReportBuilder(session, "430000", 2021).indicator("gdp", "2021", "target", "growth_pct", 7, qualifier="at_least")
        session.commit()
    with Session(engine) as session:
        report = targets_vs_results(session, "衡阳市")
        assert report.summary == {"met": 3, "missed": 1, "not_reported": 1, "pending": 2}
        (parent,) = report.parent_comparisons
        assert (parent.metric, parent.relation, parent.ancestor_code) == ("gdp", "above", "430000")
        from zhaoshang.services import targets_overview

        overview = {r.code: r for r in targets_overview(session)}
        assert overview["430400"].summary == report.summary and overview["430400"].met_rate == 0.75
        assert overview["430000"].met_rate is None


def test_targets_overview_ranks_regions_by_delivery(svc_session):
    _two_years(svc_session)  # 衡阳市: 3 met, 1 missed
    ReportBuilder(svc_session, "511827", 2021).indicator("gdp", "2021", "target", "growth_pct", 8.5)
    hn21 = ReportBuilder(svc_session, "430000", 2021)
    hn21.indicator("gdp", "2021", "target", "growth_pct", 7, qualifier="at_least")
    hn21.done()
    ReportBuilder(svc_session, "430000", 2022).indicator("gdp", "2021", "actual", "growth_pct", 7.7)
    svc_session.flush()
    from zhaoshang.services import targets_overview

    rows = targets_overview(svc_session)
    assert [(r.name, r.met_rate) for r in rows] == [("湖南省", 1.0), ("衡阳市", 0.75), ("宝兴县", None)]
    assert rows[1].summary == targets_vs_results(svc_session, "衡阳市").summary
    assert rows[1].parent_name == "湖南省" and rows[1].report_years == [2021, 2022]
    assert [r.name for r in targets_overview(svc_session, level="county")] == ["宝兴县"]
    assert [r.name for r in targets_overview(svc_session, year=2022)] == ["衡阳市"]


def test_pair_targets_is_pure_over_plain_rows():
    from types import SimpleNamespace

    from zhaoshang.services import pair_targets

    def fact(i, kind, period, number, report_id, qualifier=None):
        return SimpleNamespace(id=i, report_id=report_id, metric="gdp", period=period, kind=kind, measure="growth_pct",
                               number=number, unit="%", value_yuan=None, qualifier=qualifier, quote=f"q{i}", start=0,
                               end=2, section_kind=None, corrected=False)

    (res,) = pair_targets([(fact(1, "target", "2021", 6, 1, "at_least"), 2021)], [(fact(2, "actual", "2021", 5.5, 2), 2022)], [2021, 2022])
    assert res.status == "missed" and res.actual.fact_id == 2 and res.difference == pytest.approx(-0.5)


def test_plan_goals_show_progress_while_pending(svc_session):
    r21 = ReportBuilder(svc_session, "430400", 2021)
    r21.indicator("gdp", "2021-2025", "target", "value", 5500, unit="亿元", qualifier="about")
    r21.indicator("gdp", "2021-2025", "target", "avg_growth_pct", 7.5, qualifier="at_least")
    r21.indicator("forest_coverage", "2021-2025", "target", "rate_pct", 48)
    r21.indicator("tax_revenue", "2021-2025", "target", "avg_growth_pct", 6)
    r21.done()
    r22 = ReportBuilder(svc_session, "430400", 2022)
    r22.indicator("gdp", "2021", "actual", "value", 3840.3, unit="亿元")
    r22.indicator("gdp", "2021", "actual", "growth_pct", 8.0)
    r22.done()
    r23 = ReportBuilder(svc_session, "430400", 2023)
    r23.indicator("gdp", "2022", "actual", "value", 4089.7, unit="亿元")
    r23.indicator("gdp", "2022", "actual", "growth_pct", 6.6)
    r23.indicator("forest_coverage", "2022", "actual", "rate_pct", 46.9)
    r23.done()
    by = {(r.metric, r.measure): r for r in targets_vs_results(svc_session, "衡阳市").results}
    level = by[("gdp", "value")]
    assert level.status == "pending"
    assert level.progress["period"] == "2022" and level.progress["share"] == pytest.approx(4089.7 / 5500, abs=1e-4)
    growth = by[("gdp", "avg_growth_pct")].progress
    assert growth["years"] == ["2021", "2022"] and growth["average"] == pytest.approx(7.3)
    assert growth["on_track"] is False  # 7.3 on average so far, below 7.5以上
    assert by[("forest_coverage", "rate_pct")].progress["actual"]["number"] == 46.9
    assert by[("tax_revenue", "avg_growth_pct")].progress is None  # nothing reported yet
