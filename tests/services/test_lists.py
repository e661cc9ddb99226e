"""Projects library, indicator list, report list, corpus overview, industries matrix."""

from __future__ import annotations

import pytest
from svc_builders import ReportBuilder

from zhaoshang.services import (
    corpus_overview,
    industry_evidence,
    industry_matrix,
    list_indicators,
    list_projects,
    list_reports,
    project_facets,
    region_industries,
)


@pytest.fixture
def corpus(svc_session):
    s = svc_session
    hn = ReportBuilder(s, "430000", 2021, title="2021年湖南省政府工作报告")
    hn.indicator("gdp", "2020", "actual", "growth_pct", 3.8)
    hn.indicator("gdp", "2021", "target", "growth_pct", 7, qualifier="at_least")
    hn.project("长沙机场改扩建工程", 4.5e10, "开工", ["transport"])
    hn.industry("advanced_manufacturing", "先进制造业", 3.0)
    hn.industry("digital_economy", "数字经济", 2.0)
    hn.done()
    hy = ReportBuilder(s, "430400", 2021, title="2021年衡阳市政府工作报告")
    hy.indicator("gdp", "2020", "actual", "growth_pct", 4.1)
    hy.project("衡阳综合保税区二期", 5.5e9, "加快建设", ["logistics"])
    hy.project("白沙洲标准厂房", 2e9, "开工建设", ["advanced_manufacturing", "new_materials"])
    gone = hy.project("已删除项目", 9e10, "签约")
    gone.deleted = True
    hy.industry("new_materials", "新材料", 3.0, after="，打造千亿产业集群。")
    hy.industry("advanced_manufacturing", "先进制造业", 1.0, section_kind="review")
    hy.done()
    hy22 = ReportBuilder(s, "430400", 2022, title="2022年衡阳市政府工作报告(节选)")
    hy22.indicator("gdp", "2021", "actual", "growth_pct", 8.1)
    hy22.done()
    cn = ReportBuilder(s, "430482", 2021)
    cn.project("常宁有色金属产业园", 1e9, "签约", ["nonferrous"])
    cn.project("一批民生项目", None, None)
    cn.industry("nonferrous", "有色金属", 4.0)
    cn.done()
    bx = ReportBuilder(s, "511827", 2021)
    bx.project("五龙汉白玉新材料产业园", 2e9, "开工建设", ["new_materials"])
    bx.industry("new_materials", "新材料", 2.5)
    bx.done()
    ReportBuilder(s, None, None, title="无法识别地区的报告").done()
    s.flush()
    return s


def test_projects_filter_by_region_with_descendants(corpus):
    page = list_projects(corpus, region="湖南省")
    assert [p.name for p in page.items] == [
        "长沙机场改扩建工程",
        "衡阳综合保税区二期",
        "白沙洲标准厂房",
        "常宁有色金属产业园",
        "一批民生项目",  # no amount: last
    ]
    assert page.total == 5
    only = list_projects(corpus, region="湖南省", include_descendants=False)
    assert [p.name for p in only.items] == ["长沙机场改扩建工程"]


def test_projects_filter_by_industry_status_and_investment(corpus):
    assert {p.name for p in list_projects(corpus, industry="new_materials").items} == {
        "白沙洲标准厂房",
        "五龙汉白玉新材料产业园",
    }
    assert [p.name for p in list_projects(corpus, status="签约").items] == ["常宁有色金属产业园"]
    assert {p.name for p in list_projects(corpus, status=["开工", "开工建设"]).items} == {
        "长沙机场改扩建工程",
        "白沙洲标准厂房",
        "五龙汉白玉新材料产业园",
    }
    mid = list_projects(corpus, min_investment=2e9, max_investment=6e9)
    assert {p.name for p in mid.items} == {"衡阳综合保税区二期", "白沙洲标准厂房", "五龙汉白玉新材料产业园"}
    assert [p.name for p in list_projects(corpus, q="产业园").items] == ["五龙汉白玉新材料产业园", "常宁有色金属产业园"]
    # LIKE wildcards in a query are literal
    assert list_projects(corpus, q="%").total == 0
    assert list_projects(corpus, industry="new_%").total == 0


def test_projects_sort_and_paginate(corpus):
    first = list_projects(corpus, sort="name", per_page=2, page=1)
    second = list_projects(corpus, sort="name", per_page=2, page=2)
    assert first.total == 6 and first.pages == 3
    names = [p.name for p in first.items + second.items]
    assert names == sorted(names)
    assert list_projects(corpus, per_page=10_000).per_page == 500
    assert list_projects(corpus, sort="investment").items[0].name == "常宁有色金属产业园"
    row = list_projects(corpus).items[0]
    assert row.investment_yi == 450.0 and row.region_name == "湖南省"


def test_project_facets_count_statuses_and_industries(corpus):
    f = project_facets(corpus, region="衡阳市", include_descendants=False)
    assert f.total == 2
    assert {d["status"]: d["count"] for d in f.statuses} == {"加快建设": 1, "开工建设": 1}
    assert {d["code"] for d in f.industries} == {"logistics", "advanced_manufacturing", "new_materials"}


def test_indicator_list_filters(corpus):
    assert list_indicators(corpus).total == 4
    hy = list_indicators(corpus, region="衡阳市")
    assert {(i.period, i.report_year) for i in hy.items} == {("2020", 2021), ("2021", 2022)}
    assert list_indicators(corpus, region="湖南省", include_descendants=False).total == 2
    assert [i.number for i in list_indicators(corpus, kind="target").items] == [7]
    assert list_indicators(corpus, year=2022).items[0].number == 8.1
    assert [i.number for i in list_indicators(corpus, metric="gdp", period="2020", sort="-number").items] == [4.1, 3.8]
    page = list_indicators(corpus, per_page=3, page=2)
    assert len(page.items) == 1 and page.pages == 2
    item = list_indicators(corpus, kind="target").items[0]
    assert corpus.get(__import__("zhaoshang.store.models", fromlist=["Report"]).Report, item.report_id).text[
        item.start : item.end
    ] == item.quote


def test_report_list_filters_and_sorts(corpus):
    assert list_reports(corpus).total == 6
    hy = list_reports(corpus, region="衡阳", include_descendants=False)
    assert [r.year for r in hy.items] == [2022, 2021]
    assert list_reports(corpus, year=2022).total == 1
    assert list_reports(corpus, level="county").total == 2
    assert list_reports(corpus, province="四川").items[0].region_name == "宝兴县"
    assert list_reports(corpus, q="节选").total == 1
    assert list_reports(corpus, sort="-year").items[-1].year is None  # unknown years last


def test_corpus_overview_counts_and_groups(corpus):
    o = corpus_overview(corpus, latest=3)
    assert o.reports == 6 and o.regions == 4 and o.reports_without_region == 1
    assert o.facts["project"] == 6  # the deleted one is not counted
    assert o.facts["indicator"] == 4 and o.facts["industry"] == 6
    assert o.years == [{"year": 2022, "reports": 1}, {"year": 2021, "reports": 4}]
    assert o.latest_reports[0].year == 2022
    assert [p["name"] for p in o.provinces] == ["湖南省", "四川省"]
    hunan = o.provinces[0]
    assert hunan["reports"] == 4 and [r["name"] for r in hunan["regions"]] == ["湖南省", "衡阳市", "常宁市"]


def test_industry_matrix_uses_each_regions_latest_report_naming_industries(corpus):
    m = industry_matrix(corpus)
    codes = [i["code"] for i in m.industries]
    assert codes[0] == "new_materials"  # 3.0 + 2.5
    cells = {(c["industry"], c["region"]): c["weight"] for c in m.cells}
    # 衡阳's 2022 excerpt names no industry, so its 2021 report is used
    assert cells[("new_materials", "430400")] == 3.0
    assert cells[("advanced_manufacturing", "430400")] == 1.0
    for c in m.cells:
        assert m.industries[c["i"]]["code"] == c["industry"] and m.regions[c["r"]]["code"] == c["region"]
    assert m.max_weight == 4.0
    for code in {c["region"] for c in m.cells}:
        assert sum(c["share"] for c in m.cells if c["region"] == code) == pytest.approx(1.0)
    top2 = industry_matrix(corpus, top_industries=2)
    assert len(top2.industries) == 2
    hunan_children = industry_matrix(corpus, parent="衡阳市")
    assert [r["code"] for r in hunan_children.regions] == ["430482"]


def test_industry_evidence_drills_down_to_sentences(corpus):
    ev = industry_evidence(corpus, "new_materials", region="衡阳市")
    assert len(ev) == 1
    assert ev[0].sentence == "大力发展新材料，打造千亿产业集群。"
    text = corpus.get(__import__("zhaoshang.store.models", fromlist=["Report"]).Report, ev[0].report_id).text
    assert text[ev[0].sentence_start : ev[0].sentence_end] == ev[0].sentence
    assert text[ev[0].start : ev[0].end] == ev[0].quote
    everywhere = industry_evidence(corpus, "new_materials")
    assert [e.region_code for e in everywhere] == ["430400", "511827"]  # heaviest first


def test_region_industries_for_a_year_without_mentions_is_empty(corpus):
    assert region_industries(corpus, "衡阳市", year=2022) == []
    assert [w.code for w in region_industries(corpus, "衡阳市")] == ["new_materials", "advanced_manufacturing"]


def test_industry_filter_includes_sub_industries_of_the_taxonomy(svc_session):
    from zhaoshang.extract.industries import taxonomy
    from zhaoshang.services.labels import industry_label

    tax = taxonomy()
    child = next(c for c in tax.entries if c != "C" and "C" in tax.ancestors(c))
    r = ReportBuilder(svc_session, "430400", 2021)
    r.project("某制造项目", 1e9, "开工", [child])
    r.project("某旅游项目", 1e9, "开工", ["zz_unknown"])
    r.done()
    page = list_projects(svc_session, industry="C")
    assert [p.name for p in page.items] == ["某制造项目"]
    assert page.items[0].industry_names == [industry_label(child)] != [child]
    assert [p.name for p in list_projects(svc_session, industry="zz_unknown").items] == ["某旅游项目"]


def test_distinct_projects_follow_one_project_across_years(svc_session):
    r21 = ReportBuilder(svc_session, "511827", 2021)
    r21.project("五龙汉白玉新材料产业园项目", 2e9, "签约")
    r21.project("宝兴县城污水处理厂", 3e8, "开工")
    r21.done()
    r22 = ReportBuilder(svc_session, "511827", 2022)
    r22.project("五龙汉白玉新材料产业园", None, "开工建设")
    r22.done()
    r23 = ReportBuilder(svc_session, "430400", 2023)
    r23.project("五龙汉白玉新材料产业园", 1e9, "签约")  # same name, another region: another project
    r23.done()
    page = list_projects(svc_session, distinct=True)
    assert page.total == 3
    head = page.items[0]
    assert (head.name, head.report_year, head.status, head.mentions) == ("五龙汉白玉新材料产业园", 2022, "开工建设", 2)
    assert head.investment_yuan == 2e9  # the newest stated amount
    assert [(h["report_year"], h["status"]) for h in head.history] == [(2022, "开工建设"), (2021, "签约")]
    names = [p.name for p in list_projects(svc_session, distinct=True, sort="name").items]
    assert names == sorted(names) and len(names) == 3
    assert [p.name for p in list_projects(svc_session, distinct=True, per_page=1, page=3).items] == ["宝兴县城污水处理厂"]
    assert list_projects(svc_session).total == 4  # mentions stay available


def test_lists_and_matrix_on_both_backends(engine):
    from sqlalchemy.orm import Session
    from svc_builders import add_regions

    from zhaoshang.services import region_profile

    with Session(engine) as s:
        add_regions(s)
        r = ReportBuilder(s, "430400", 2021)
        r.project("衡阳综合保税区二期", 5.5e9, "加快建设", ["logistics", "new_materials"])
        r.project("白沙洲标准厂房", 2e9, "开工建设", ["new_materials_x"])
        r.industry("new_materials", "新材料", 3.0)
        r.park("衡阳高新区", "高新区")
        r.enterprise("湖南君禾铜业有限公司", "君禾铜业")
        r.indicator("gdp", "2020", "actual", "growth_pct", 4.0)
        r.done()
        ReportBuilder(s, "430482", 2022).industry("new_materials", "新材料", 1.5)
        s.commit()
    with Session(engine) as s:
        assert [p.name for p in list_projects(s, industry="new_materials").items] == ["衡阳综合保税区二期"]
        assert list_projects(s, region="湖南", q="厂房", distinct=True).total == 1
        assert list_indicators(s, region="湖南省").total == 1
        m = industry_matrix(s)
        assert [(c["region"], c["weight"]) for c in m.cells] == [("430400", 3.0), ("430482", 1.5)]
        assert industry_evidence(s, "new_materials", region="衡阳市", include_descendants=False)[0].sentence == "大力发展新材料。"
        o = corpus_overview(s)
        assert (o.reports, o.facts["park"], o.facts["enterprise"]) == (2, 1, 1)
        p = region_profile(s, "衡阳市")
        assert p.enterprises[0].name == "湖南君禾铜业有限公司" and p.parks[0].name == "衡阳高新区"
        assert p.children[0]["code"] == "430482"
