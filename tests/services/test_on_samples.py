"""The services over the ten real sample reports, ingested by the real pipeline.

Figures checked here are the hand-labelled gold facts of ../shared/gold (e.g. 衡阳's 2020 GDP
growth of 4.0% and its 2021 target of 8.5%左右), so these tests pin the whole path from
text to page data; structural checks (every quote is its span) cover everything else.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from zhaoshang.services import (
    compare,
    compare_with_parent,
    corpus_overview,
    industry_evidence,
    industry_matrix,
    list_indicators,
    list_projects,
    map_data,
    region_profile,
    targets_overview,
)
from zhaoshang.store.db import make_engine
from zhaoshang.store.models import IndicatorFact, Report


@pytest.fixture(scope="module")
def samples(ingested_sqlite) -> Iterator[Session]:
    engine = make_engine(ingested_sqlite.url)
    with Session(engine) as session:
        if not session.scalar(select(func.count(IndicatorFact.id))):
            pytest.skip("the extraction pipeline stored no indicators")
        yield session
    engine.dispose()


def _span_ok(session: Session, report_id: int, start: int, end: int, quote: str) -> bool:
    return session.get(Report, report_id).text[start:end] == quote


def test_overview_counts_the_ten_samples_by_province(samples):
    o = corpus_overview(samples)
    assert o.reports == 10 and o.regions == 10 and o.reports_without_region == 0
    assert o.facts["indicator"] == samples.scalar(select(func.count(IndicatorFact.id)))
    hunan = next(p for p in o.provinces if p["name"] == "湖南省")
    assert {r["name"] for r in hunan["regions"]} == {"湖南省", "衡阳市"}
    assert sum(p["reports"] for p in o.provinces) == 10


def test_hengyang_profile_holds_its_gold_headline_figures(samples):
    p = region_profile(samples, "衡阳市")
    assert [r.year for r in p.reports] == [2021]
    assert [x["name"] for x in p.region.parents] == ["湖南省"]
    gdp = next(s for s in p.indicators if s.metric == "gdp" and s.measure == "growth_pct")
    points = {pt.period: pt for pt in gdp.points}
    assert points["2020"].actual.number == 4.0
    assert points["2021"].target.number == 8.5 and points["2021"].target.qualifier == "about"


def test_every_fact_in_every_profile_points_at_its_quote(samples):
    for code in samples.scalars(select(Report.region_code).distinct()):
        p = region_profile(samples, code)
        facts = [v for s in p.indicators for pt in s.points for v in (pt.actual, pt.target) if v]
        facts += p.projects + p.parks + p.enterprises + p.policies
        facts += [e for w in p.industries for e in w.evidence]
        assert facts, code
        for f in facts:
            assert _span_ok(samples, f.report_id, f.start, f.end, f.quote), (code, f.quote)


def test_compare_gdp_growth_2020_ranks_the_samples(samples):
    result = compare(samples, "gdp", "2020", "actual", "growth_pct")
    by_name = {r.region_name: r for r in result.rows}
    assert by_name["衡阳市"].number == 4.0 and by_name["湖南省"].number == 3.8
    values = [r.value for r in result.rows]
    assert values == sorted(values, reverse=True)
    assert map_data(samples, "gdp", "2020").items[0].name == "湖南省"


def test_prefecture_target_against_its_province(samples):
    comps = {(c.metric, c.measure, c.period): c for c in compare_with_parent(samples, "衡阳市")}
    gdp = comps[("gdp", "growth_pct", "2021")]
    assert gdp.ancestor_name == "湖南省"
    assert (gdp.region_target.number, gdp.ancestor_target.number, gdp.relation) == (8.5, 7.0, "above")


def test_single_year_corpus_leaves_every_target_pending(samples):
    rows = targets_overview(samples)
    assert len(rows) == 10
    assert all(r.summary["pending"] == r.targets and r.met_rate is None for r in rows)


def test_industry_matrix_and_evidence_on_the_samples(samples):
    m = industry_matrix(samples, top_industries=10)
    assert len(m.regions) == 10 and len(m.industries) == 10
    cell = max(m.cells, key=lambda c: c["weight"])
    evidence = industry_evidence(samples, cell["industry"], region=cell["region"])
    assert sum(e.weight for e in evidence) == pytest.approx(cell["weight"])
    for e in evidence:
        assert e.quote in e.sentence
        assert _span_ok(samples, e.report_id, e.sentence_start, e.sentence_end, e.sentence)


def test_projects_and_indicator_lists_on_the_samples(samples):
    projects = list_projects(samples, region="四川省")
    assert "五龙汉白玉新材料产业园" in {p.name for p in projects.items}
    amounts = [p.investment_yuan for p in list_projects(samples).items if p.investment_yuan is not None]
    assert amounts == sorted(amounts, reverse=True)
    targets = list_indicators(samples, region="宝兴县", kind="target", metric="gdp", period="2021")
    assert [(i.number, i.qualifier) for i in targets.items] == [(8.5, "at_least")]
