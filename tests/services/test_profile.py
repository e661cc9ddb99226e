"""The region profile: reports by year, actual vs target series, projects, industries, lists."""

from __future__ import annotations

import pytest
from svc_builders import ReportBuilder

from zhaoshang.services import AmbiguousRegion, RegionNotFound, region_profile, resolve_region


def _hengyang(session):
    r21 = ReportBuilder(session, "430400", 2021, title="2021年衡阳市政府工作报告")
    r21.indicator("gdp", "2020", "actual", "growth_pct", 4.1)
    r21.indicator("gdp", "2021", "target", "growth_pct", 8.5, qualifier="about")
    r21.indicator("forest_coverage", "2020", "actual", "rate_pct", 46.1)
    r21.indicator("general_budget_revenue", "2020", "actual", "value", 150.8, unit="亿元")
    r21.project("白沙洲工业园标准厂房", 2e9, "开工建设", ["manufacturing"])
    r21.project("衡阳综合保税区二期", 5.5e9, "加快建设")
    r21.project("一批民生项目", None)
    r21.industry("new_materials", "新材料", 3.0)
    r21.industry("new_materials", "新材料", 1.0, section_kind="review")
    r21.industry("logistics", "现代物流", 2.0)
    r21.park("衡阳高新区", "高新区")
    r21.park("衡阳高新区", "高新区")
    r21.policy("衡阳市优化营商环境实施办法", "出台", "policy")
    r21.enterprise("湖南君禾铜业有限公司", "君禾铜业")
    r21.done()
    r22 = ReportBuilder(session, "430400", 2022, title="2022年衡阳市政府工作报告")
    r22.indicator("gdp", "2021", "actual", "growth_pct", 8.1)
    r22.project("南岳机场改扩建", 8e9, "开工")
    r22.enterprise("湖南君禾铜业有限公司", "湖南君禾铜业有限公司")
    r22.park("衡阳高新区", "高新区")
    r22.done()
    child = ReportBuilder(session, "430421", 2021)
    child.indicator("gdp", "2020", "actual", "growth_pct", 3.9)
    child.done()
    session.flush()


def test_profile_lists_reports_newest_first_with_fact_counts(svc_session):
    _hengyang(svc_session)
    p = region_profile(svc_session, "衡阳市")
    assert p.region.name == "衡阳市" and [x["name"] for x in p.region.parents] == ["湖南省"]
    assert [r.year for r in p.reports] == [2022, 2021]
    assert (p.reports[1].n_indicators, p.reports[1].n_projects) == (4, 3)
    assert list(p.reports_by_year) == [2022, 2021]
    assert p.children == [
        {"code": "430421", "name": "衡阳县", "level": "county", "parent_code": "430400", "reports": 1, "latest_year": 2021}
    ]
    province = region_profile(svc_session, "湖南省")
    assert [c["code"] for c in province.children] == ["430400"]
    assert [d["code"] for d in province.descendants] == ["430400", "430421"]


def test_profile_pairs_actual_and_target_per_period(svc_session):
    _hengyang(svc_session)
    p = region_profile(svc_session, "430400")
    gdp = next(s for s in p.indicators if s.metric == "gdp" and s.measure == "growth_pct")
    assert p.indicators[0] is gdp  # headline metrics lead
    points = {pt.period: pt for pt in gdp.points}
    assert points["2020"].actual.number == 4.1 and points["2020"].target is None
    assert points["2021"].target.number == 8.5 and points["2021"].target.qualifier == "about"
    assert points["2021"].actual.number == 8.1 and points["2021"].actual.report_year == 2022
    assert [s.metric for s in region_profile(svc_session, "430400", headline_only=True).indicators] == [
        "gdp",
        "general_budget_revenue",
    ]


def test_profile_ranks_projects_by_investment_across_reports(svc_session):
    _hengyang(svc_session)
    names = [x.name for x in region_profile(svc_session, "衡阳市").projects]
    assert names == ["南岳机场改扩建", "衡阳综合保税区二期", "白沙洲工业园标准厂房", "一批民生项目"]


def test_profile_industries_sum_weights_with_evidence(svc_session):
    _hengyang(svc_session)
    inds = region_profile(svc_session, "衡阳市").industries
    assert [(i.code, i.weight, i.mentions) for i in inds] == [("new_materials", 4.0, 2), ("logistics", 2.0, 1)]
    ev = inds[0].evidence[0]
    assert ev.weight == 3.0 and ev.sentence == "大力发展新材料。" and ev.quote == "新材料"


def test_profile_lists_entities_once_with_their_years(svc_session):
    _hengyang(svc_session)
    p = region_profile(svc_session, "衡阳市")
    (park,) = p.parks
    assert park.name == "衡阳高新区" and park.mentions == 3 and park.years == [2022, 2021]
    assert park.report_id == p.reports[0].id  # shown by its newest mention
    (ent,) = p.enterprises
    assert ent.name == "湖南君禾铜业有限公司" and ent.mentions == 2
    assert p.policies[0].detail == {"action": "出台", "category": "policy"}


def test_profile_to_dict_is_json_ready(svc_session):
    import json

    _hengyang(svc_session)
    data = region_profile(svc_session, "衡阳市").to_dict()
    json.dumps(data, ensure_ascii=False)
    assert data["projects"][0]["quote"].startswith("总投资")


def test_region_lookup_by_code_name_short_name_and_path(svc_session):
    assert resolve_region(svc_session, "430400").name == "衡阳市"
    assert resolve_region(svc_session, "湖南").code == "430000"
    assert resolve_region(svc_session, "衡阳").code == "430400"  # the city, not 衡阳县
    assert resolve_region(svc_session, "甘肃省兰州市城关区").code == "620102"
    assert resolve_region(svc_session, "西藏拉萨城关区").code == "540102"
    assert resolve_region(svc_session, "湖南省衡阳县").code == "430421"  # a level may be skipped
    assert resolve_region(svc_session, "【宝兴县招商】").code == "511827"  # a site channel name
    assert resolve_region(svc_session, " 宝兴招商 ").code == "511827"
    with pytest.raises(RegionNotFound):
        resolve_region(svc_session, "四川省衡阳县")  # not its province
    with pytest.raises(AmbiguousRegion) as err:
        resolve_region(svc_session, "城关区")
    assert {c.code for c in err.value.candidates} == {"620102", "540102"}
    with pytest.raises(RegionNotFound):
        resolve_region(svc_session, "不存在县")


def test_ambiguous_name_resolves_to_the_one_with_reports(svc_session):
    ReportBuilder(svc_session, "540102", 2021).done()
    assert resolve_region(svc_session, "城关区").code == "540102"


def test_profile_of_a_region_without_reports_is_empty_not_an_error(svc_session):
    p = region_profile(svc_session, "常宁市")
    assert p.reports == [] and p.indicators == [] and p.industries == []


def test_profile_lists_a_project_once_across_reports(svc_session):
    r21 = ReportBuilder(svc_session, "511827", 2021)
    r21.project("五龙汉白玉新材料产业园项目", 2e9, "签约")
    r21.done()
    r22 = ReportBuilder(svc_session, "511827", 2022)
    r22.project("五龙汉白玉新材料产业园", 2e9, "开工建设")
    r22.done()
    (proj,) = region_profile(svc_session, "宝兴县").projects
    assert (proj.status, proj.report_year, proj.mentions) == ("开工建设", 2022, 2)
    assert [h["status"] for h in proj.history] == ["开工建设", "签约"]


def test_profile_counts_how_its_targets_fared(svc_session):
    _hengyang(svc_session)
    assert region_profile(svc_session, "衡阳市").targets == {"met": 1, "missed": 0, "not_reported": 0, "pending": 0}


def test_profile_tables_export_with_provenance(svc_session):
    import csv
    import io

    from zhaoshang.services import COLUMNS, series_rows, to_csv

    _hengyang(svc_session)
    p = region_profile(svc_session, "衡阳市")
    rows = list(csv.DictReader(io.StringIO(to_csv(series_rows(p.indicators), COLUMNS["indicator_series"]).decode("utf-8-sig"))))
    gdp21 = next(r for r in rows if r["metric"] == "gdp" and r["period"] == "2021")
    assert (gdp21["actual_number"], gdp21["target_number"], gdp21["target_qualifier"]) == ("8.1", "8.5", "about")
    assert gdp21["target_quote"] and gdp21["actual_start"]
    parks = list(csv.DictReader(io.StringIO(to_csv(p.parks, COLUMNS["named"]).decode("utf-8-sig"))))
    assert parks[0]["名称"] == "衡阳高新区" and parks[0]["years"] == "2022;2021" and parks[0]["quote"] == "衡阳高新区"
