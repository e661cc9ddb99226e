"""Compare regions on one indicator; the same data as a choropleth; the metric menu."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session
from svc_builders import ReportBuilder, add_regions

from zhaoshang.services import available_metrics, compare, map_data
from zhaoshang.services.export import COLUMNS, to_csv


def _corpus(session: Session) -> None:
    hn = ReportBuilder(session, "430000", 2021)
    hn.indicator("gdp", "2020", "actual", "growth_pct", 3.8)
    hn.indicator("gdp", "2020", "actual", "value", 41781.5, unit="亿元")
    hn.indicator("gdp", "2021", "target", "growth_pct", 7, qualifier="at_least")
    hn.done()
    hy = ReportBuilder(session, "430400", 2021)
    hy.indicator("gdp", "2020", "actual", "growth_pct", 4.1)
    hy.indicator("gdp", "2020", "actual", "value", 3508.5, unit="亿元")
    hy.done()
    cn = ReportBuilder(session, "430482", 2021)
    cn.indicator("gdp", "2020", "actual", "growth_pct", 4.1)
    cn.indicator("gdp", "2020", "actual", "value", 3500000, unit="万元")  # 350亿元 written in 万元
    cn.done()
    hyx = ReportBuilder(session, "430421", 2021)
    hyx.indicator("gdp", "2020", "actual", "growth_pct", 2.9)
    dead = hyx.indicator("gdp", "2020", "actual", "growth_pct", 99.0)
    dead.deleted = True
    hyx.done()
    bx = ReportBuilder(session, "511827", 2021)
    bx.indicator("gdp", "2020", "actual", "growth_pct", 5.0)
    bx.done()
    session.flush()


def test_one_row_per_region_ranked_by_value(svc_session):
    _corpus(svc_session)
    result = compare(svc_session, "gdp", "2020", "actual", "growth_pct")
    assert [r.region_name for r in result.rows] == ["宝兴县", "衡阳市", "常宁市", "湖南省", "衡阳县"]
    assert [r.rank for r in result.rows] == [1, 2, 2, 4, 5]  # ties share a rank
    assert result.unit == "%" and result.metric_label == "地区生产总值"


def test_deleted_facts_never_appear(svc_session):
    _corpus(svc_session)
    row = next(r for r in compare(svc_session, "gdp", "2020") if r.region_code == "430421")
    assert row.number == 2.9 and row.n_statements == 1


def test_measure_defaults_to_the_most_stated_and_lists_the_others(svc_session):
    _corpus(svc_session)
    result = compare(svc_session, "gdp", "2020")
    assert result.measure == "growth_pct"
    assert result.measures_available == ["growth_pct", "value"]


def test_level_values_are_put_on_one_scale(svc_session):
    _corpus(svc_session)
    result = compare(svc_session, "gdp", "2020", measure="value")
    values = {r.region_code: (r.value, r.number, r.unit) for r in result.rows}
    assert result.unit == "亿元"
    assert values["430482"] == (pytest.approx(350.0), 3500000, "万元")  # as written, and comparable
    assert [r.region_code for r in result.rows] == ["430000", "430400", "430482"]


def test_scope_by_parent_level_and_list(svc_session):
    _corpus(svc_session)
    children = compare(svc_session, "gdp", "2020", parent="衡阳市")
    assert {r.region_code for r in children.rows} == {"430421", "430482"}
    under_hunan = compare(svc_session, "gdp", "2020", parent="湖南省", include_descendants=True)
    assert {r.region_code for r in under_hunan.rows} == {"430400", "430421", "430482"}
    counties = compare(svc_session, "gdp", "2020", level="county")
    assert {r.region_code for r in counties.rows} == {"430421", "430482", "511827"}
    chosen = compare(svc_session, "gdp", "2020", regions=["湖南省", "511827"])
    assert {r.region_code for r in chosen.rows} == {"430000", "511827"}
    assert compare(svc_session, "gdp", "2020", parent="常宁市").rows == []


def test_sort_options_and_missing_values_last(svc_session):
    _corpus(svc_session)
    asc = compare(svc_session, "gdp", "2020", sort="value")
    assert asc.rows[0].region_name == "衡阳县"
    by_code = compare(svc_session, "gdp", "2020", sort="code")
    assert [r.region_code for r in by_code.rows] == sorted(r.region_code for r in by_code.rows)
    bogus = compare(svc_session, "gdp", "2020", sort="; drop table")
    assert bogus.rows[0].region_name == "宝兴县"  # falls back to value, descending


def test_the_report_that_reviews_the_year_wins_over_a_later_restatement(svc_session):
    r21 = ReportBuilder(svc_session, "430400", 2021)
    first = r21.indicator("gdp", "2020", "actual", "growth_pct", 4.1)
    r21.done()
    r23 = ReportBuilder(svc_session, "430400", 2023)
    r23.indicator("gdp", "2020", "actual", "growth_pct", 4.0)
    r23.done()
    (row,) = compare(svc_session, "gdp", "2020").rows
    assert row.fact_id == first.id and row.n_statements == 2


def test_rows_carry_provenance_that_matches_the_text(svc_session):
    _corpus(svc_session)
    from zhaoshang.store.models import Report

    for row in compare(svc_session, "gdp", "2020"):
        assert svc_session.get(Report, row.report_id).text[row.start : row.end] == row.quote
    csv = to_csv(compare(svc_session, "gdp", "2020").rows, COLUMNS["compare"]).decode("utf-8-sig")
    header = csv.splitlines()[0].split(",")
    assert {"report_id", "quote", "start", "end"} <= set(header)


def test_map_names_areas_as_the_china_map_does(svc_session):
    _corpus(svc_session)
    national = map_data(svc_session, "gdp", "2020")
    assert [i.name for i in national.items] == ["湖南省"]
    assert national.map_code == "100000"
    assert {"name": "西藏自治区", "code": "540000"} in national.children_without_data
    local = map_data(svc_session, "gdp", "2020", parent="衡阳市")
    assert local.map_name == "衡阳市"
    assert {i.code for i in local.items} == {"430421", "430482"}
    assert (local.min, local.max) == (2.9, 4.1)


def test_available_metrics_counts_regions(svc_session):
    _corpus(svc_session)
    options = available_metrics(svc_session)
    top = options[0]
    assert (top.metric, top.measure, top.kind, top.period, top.n_regions) == ("gdp", "growth_pct", "actual", "2020", 5)
    assert all(o.kind == "target" for o in available_metrics(svc_session, kind="target"))
    assert {o.n_regions for o in available_metrics(svc_session, parent="衡阳市")} == {1, 2}


def test_compare_on_both_backends(engine):
    with Session(engine) as session:
        add_regions(session)
        _corpus(session)
        session.commit()
    with Session(engine) as session:
        result = compare(session, "gdp", "2020", measure="value", parent="湖南省", include_descendants=True)
        assert [(r.region_code, r.value) for r in result.rows] == [("430400", 3508.5), ("430482", 350.0)]
        assert map_data(session, "gdp", "2020").items[0].name == "湖南省"
        assert available_metrics(session)[0].n_regions == 5


def test_compare_on_the_ingested_samples(ingested_sqlite):
    from sqlalchemy import func, select

    from zhaoshang.store.db import make_engine
    from zhaoshang.store.models import IndicatorFact, Report

    engine = make_engine(ingested_sqlite.url)
    try:
        with Session(engine) as session:
            if not session.scalar(select(func.count(IndicatorFact.id))):
                pytest.skip("the extraction pipeline stored no indicators yet")
            options = available_metrics(session, kind="actual")
            assert options, "samples state actual figures"
            best = options[0]
            result = compare(session, best.metric, best.period, "actual", best.measure)
            assert len(result.rows) == best.n_regions >= 2
            for row in result.rows:
                assert session.get(Report, row.report_id).text[row.start : row.end] == row.quote
    finally:
        engine.dispose()


def test_a_figure_in_another_currency_is_shown_but_not_ranked(svc_session):
    ReportBuilder(svc_session, "430400", 2021).indicator("utilized_foreign_capital", "2020", "actual", "value", 3.2, unit="亿元")
    ReportBuilder(svc_session, "430000", 2021).indicator("utilized_foreign_capital", "2020", "actual", "value", 21000, unit="万美元")
    ReportBuilder(svc_session, "430482", 2021).indicator("utilized_foreign_capital", "2020", "actual", "value", 8000, unit="万元")
    svc_session.flush()
    result = compare(svc_session, "utilized_foreign_capital", "2020", measure="value")
    assert result.unit == "亿元"
    assert [(r.region_code, r.value, r.rank) for r in result.rows] == [
        ("430400", 3.2, 1),
        ("430482", 0.8, 2),
        ("430000", None, 0),  # 万美元: as written, unranked, last
    ]
    assert result.rows[-1].number == 21000 and result.rows[-1].unit == "万美元"


def test_regions_with_reports_but_no_figure_are_listed_apart(svc_session):
    _corpus(svc_session)
    ReportBuilder(svc_session, "430100", 2021).indicator("retail_sales", "2020", "actual", "growth_pct", 1.0)
    svc_session.flush()
    result = compare(svc_session, "gdp", "2020", parent="湖南省")
    assert [r.region_code for r in result.rows] == ["430400"]
    assert result.not_stated == [{"code": "430100", "name": "长沙市"}]
    assert compare(svc_session, "gdp", "2020", measure="value", level="county").not_stated == [
        {"code": "430421", "name": "衡阳县"},
        {"code": "511827", "name": "宝兴县"},
    ]
