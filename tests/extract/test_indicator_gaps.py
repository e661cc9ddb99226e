"""Rules added for gaps found after the seed bars were met, each on sentences written here.

1. 对外贸易 is the whole foreign trade, not a partial scope 对某国/对某地区.
2. A 分别 list whose clause names a subject of its own (低保标准…) borrows no metric.
3. A sub-area named right before a metric (…新片区 / …园区 / …镇) is not the region's figure.
4. 两年平均增长 (N年平均) is an average over the N years ending at the statement's year.
5. A bare 优良率 needs an air-quality context; 总产值 after 规上工业企业 is their output.
6. A qualifier after the last figure of a 分别 list (…和9%左右) holds for every figure.
7. A horizon opening a clause (…，到2025年底…) dates the rest of its sentence, and no further.
8. A base year (在2020年基础上) and a year inside a document's name (…二〇三五年远景目标的建议)
   date nothing.
9. 今后五年 with its end year written (…到2028年…) is the five years ending there.
10. Wording variants: 居民消费价格总水平, 城镇居民和农牧民/农民 … 分别, an adverbial of scope
    (扣除…因素后) between a value and its growth.
11. Level and change verbs: 下滑, 降幅收窄至 (falls), 跃升至, 恢复至, 回升至, 重回 (levels), 同比增加
    x%, 按可比口径, 低于 (at most).
12. The three sectors in one subject (三次产业 / 第一、二、三产业增加值分别增长a、b和c); a number
    inside a metric's name is not a figure.
13. Sub-areas: …商务区 / …保障区 / …港区 / …景区 before a metric are partial scopes.
14. 第二、三产业增加值分别…; 受…影响 between a value and its growth; 海内外游客; a plan end
    (“十二五”末) in an earlier clause dates nothing after the clause break.
"""

from __future__ import annotations

import pytest

from zhaoshang.extract.indicators import extract_indicators
from zhaoshang.ingest.normalise import normalise
from zhaoshang.model import Document, Indicator, RegionRef, ReportMeta


def run(text: str, year: int = 2021, region: str | None = None) -> list[Indicator]:
    meta = ReportMeta(year=year, region=RegionRef(name=region, adcode="000000", level="district") if region else None)
    doc = Document(text=normalise(text).text, meta=meta)
    found = extract_indicators(doc)
    for i in found:
        assert doc.text[i.start : i.end] == i.quote
    return found


def facts(text: str, year: int = 2021, region: str | None = None) -> list[tuple]:
    return [(i.metric, i.period, i.kind, i.measure, i.number) for i in run(text, year, region)]


# ------------------------------------------------------------------ 1. 对外贸易


@pytest.mark.parametrize(
    "text",
    [
        "全年对外贸易进出口总额达到356亿元。",
        "去年，对外贸易进出口总值356亿元，增长3%。",
        "完成对外贸易进出口356亿元。",
        "全市对外贸易总额356亿元。",
    ],
)
def test_foreign_trade_written_as_dui_wai_mao_yi_is_the_whole_trade(text: str) -> None:
    assert ("foreign_trade", "2020", "actual", "value", 356.0) in facts(text)


@pytest.mark.parametrize("text", ["全年对东盟进出口总额56亿元。", "对欧盟出口额增长12%。", "对“一带一路”沿线国家进出口增长9%。"])
def test_trade_with_one_partner_is_still_a_partial_scope(text: str) -> None:
    assert [f for f in facts(text) if f[0] in ("foreign_trade", "exports")] == []


# ------------------------------------------------------------------ 2. 分别 with its own subject


@pytest.mark.parametrize(
    "text",
    [
        "城乡居民人均可支配收入分别增长5%和7%,城乡低保标准分别提高到680元和520元。",
        "城乡居民人均可支配收入分别增长5%和7%;城乡居民医保财政补助标准分别提高8%和9%。",
        "城镇和农村居民人均可支配收入分别达到38000元和16000元,两项养老金分别增加30元和20元。",
    ],
)
def test_a_fenbie_list_naming_its_own_subject_borrows_no_metric(text: str) -> None:
    found = facts(text)
    assert len(found) == 2, found
    assert {f[0] for f in found} == {"urban_disposable_income", "rural_disposable_income"}


def test_a_subjectless_fenbie_clause_still_reads_the_subjects_before_it() -> None:
    text = "城乡居民人均可支配收入分别达到38000元和16000元,较2015年分别增长45%和60%。"
    assert ("urban_disposable_income", "2016-2020", "actual", "growth_pct", 45.0) in facts(text)
    assert ("rural_disposable_income", "2016-2020", "actual", "growth_pct", 60.0) in facts(text)


# ------------------------------------------------------------------ 3. sub-areas


@pytest.mark.parametrize(
    "text",
    [
        "临港新片区实际使用外资12亿美元。",
        "经济开发区规上工业增加值增长11%。",
        "滨江产业园区规模以上工业增加值增长15%。",
        "青石镇地区生产总值突破50亿元。",
        "全市高新区地区生产总值增长9%。",
        "桃源街道税收收入2.1亿元。",
        "花溪乡农村居民人均可支配收入15800元。",
    ],
)
def test_a_figure_of_a_sub_area_is_not_the_regions_own(text: str) -> None:
    assert facts(text) == []


def test_a_report_of_a_new_area_keeps_its_own_figures() -> None:
    text = "去年，滨海新区地区生产总值增长6%。"
    assert facts(text, region="滨海新区") == [("gdp", "2020", "actual", "growth_pct", 6.0)]


@pytest.mark.parametrize(
    "text",
    [
        "城镇居民人均可支配收入增长6%。",
        "城镇登记失业率控制在4%以内。",
        "全区地区生产总值增长6%。",
        "城乡居民人均可支配收入增长7%。",
    ],
)
def test_town_and_township_words_inside_ordinary_metrics_are_not_sub_areas(text: str) -> None:
    assert len(facts(text)) == 1


# ------------------------------------------------------------------ 4. 两年平均增长


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("去年地区生产总值增长8.2%,两年平均增长5.6%。", 5.6),
        ("2021年,全市规上工业增加值两年平均增长7.1%。", 7.1),
        ("一般公共预算收入增长10%、两年平均增长4%。", 4.0),
    ],
)
def test_two_year_average_growth_spans_the_two_years_ending_last_year(text: str, number: float) -> None:
    found = facts(text, year=2022)
    assert any(f[1:] == ("2020-2021", "actual", "avg_growth_pct", number) for f in found), found


def test_three_year_average_growth_spans_three_years() -> None:
    found = facts("去年地区生产总值增长5%,三年平均增长4.5%。", year=2023)
    assert ("gdp", "2020-2022", "actual", "avg_growth_pct", 4.5) in found


def test_a_plain_yearly_average_in_a_review_is_still_the_five_year_plan() -> None:
    assert facts("五年来,地区生产总值年均增长7%。", year=2021) == [("gdp", "2016-2020", "actual", "avg_growth_pct", 7.0)]


# ------------------------------------------------------------------ 5. bare 优良率, 总产值 of 规上工业企业


@pytest.mark.parametrize(
    "text",
    [
        "空气质量持续改善,优良率达到92.5%。",
        "大气污染防治成效明显,PM2.5平均浓度下降8%,优良率92.5%。",
        "环境空气质量稳中向好,优良天数比例92.5%。",
    ],
)
def test_a_bare_good_air_rate_after_air_quality_words_is_the_air_metric(text: str) -> None:
    assert ("air_quality_good_days", "2020", "actual", "rate_pct", 92.5) in facts(text)


@pytest.mark.parametrize(
    "text",
    ["地表水水质优良率达到100%。", "工程质量优良率98%。", "全年建成高标准农田5万亩,优良率98%。"],
)
def test_a_good_rate_without_air_context_is_not_the_air_metric(text: str) -> None:
    assert [f for f in facts(text) if f[0] == "air_quality_good_days"] == []


@pytest.mark.parametrize(
    "text",
    [
        "新增规上工业企业21家,总数达到130家,总产值突破260亿元。",
        "全县规上工业企业实现总产值260亿元。",
        "规模以上工业企业完成工业总产值260亿元,增长9%。",
    ],
)
def test_output_of_the_above_scale_industrial_enterprises_is_their_output(text: str) -> None:
    assert ("industrial_output_above_scale", "2020", "actual", "value", 260.0) in facts(text)


def test_output_of_other_enterprises_is_not_above_scale_output() -> None:
    assert facts("新增高新技术企业21家,总产值突破260亿元。") == []


# ------------------------------------------------------------------ 6. qualifier spreading


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("城乡居民人均可支配收入分别增长8%和9%左右。", "about"),
        ("城镇和农村居民人均可支配收入分别增长6%、7.5%以上。", "at_least"),
        ("地区生产总值、一般公共预算收入、固定资产投资分别增长6%、5%和8%左右。", "about"),
    ],
)
def test_a_qualifier_after_the_last_figure_of_a_list_holds_for_every_figure(text: str, qualifier: str) -> None:
    found = run(text)
    assert len(found) >= 2 and all(i.qualifier == qualifier for i in found), [(i.number, i.qualifier) for i in found]


def test_a_figure_with_its_own_qualifier_keeps_it() -> None:
    found = run("城乡居民人均可支配收入分别增长8%以上和9%左右。")
    assert [i.qualifier for i in found] == ["at_least", "about"]


# ------------------------------------------------------------------ 7. horizons


def test_a_horizon_opening_a_clause_dates_the_rest_of_its_sentence() -> None:
    text = "确保各项任务圆满完成，到2025年底全市光伏装机达到300万千瓦，常住人口城镇化率达到62%。"
    assert facts(text, year=2023) == [("urbanization_rate", "2021-2025", "target", "rate_pct", 62.0)]


def test_a_horizon_does_not_reach_past_its_sentence() -> None:
    text = "到2025年底，全市常住人口城镇化率达到62%。力争地区生产总值增长6%左右。"
    assert ("gdp", "2023", "target", "growth_pct", 6.0) in facts(text, year=2023)


@pytest.mark.parametrize(
    ("text", "period", "kind"),
    [
        ("到2025年底，全省森林覆盖率达到45%。", "2021-2025", "target"),  # the plan ends in the report year
        ("到2022年底，全县森林覆盖率达到51%。", "2022", "actual"),  # a past horizon is a result
    ],
)
def test_a_horizon_in_the_report_year_or_before(text: str, period: str, kind: str) -> None:
    assert facts(text, year=2025 if "2025" in text else 2023) == [("forest_coverage", period, kind, "rate_pct", float(text[-4:-2]))]


# ------------------------------------------------------------------ 8. years that date nothing


def test_a_base_year_does_not_date_the_goal_after_it() -> None:
    text = "展望2035年，全县经济总量在2020年基础上翻一番，人均地区生产总值达到15万元以上。"
    assert facts(text, year=2021) == [("gdp_per_capita", "2035", "target", "value", 15.0)]


def test_a_year_inside_a_documents_name_does_not_date_the_goals() -> None:
    text = (
        "根据市委关于制定“十四五”规划和二〇三五年远景目标的建议，“十四五”时期全市经济社会发展的主要目标是："
        "地区生产总值年均增长6.5%左右。"
    )
    assert facts(text, year=2021) == [("gdp", "2021-2025", "target", "avg_growth_pct", 6.5)]


# ------------------------------------------------------------------ 9. 今后五年 … 到2028年


def test_next_five_years_with_an_end_year_are_the_five_years_ending_there() -> None:
    text = (
        "今后五年全县发展的主要目标是：地区生产总值年均增长6%左右，到2028年经济总量达到900亿元；"
        "常住人口城镇化率达到60%以上。"
    )
    assert facts(text, year=2024) == [
        ("gdp", "2024-2028", "target", "avg_growth_pct", 6.0),
        ("gdp", "2024-2028", "target", "value", 900.0),
        ("urbanization_rate", "2024-2028", "target", "rate_pct", 60.0),
    ]


def test_next_five_years_without_an_end_year_are_the_plan_in_force() -> None:
    text = "今后五年全县发展的主要目标是：地区生产总值年均增长6%左右。"
    assert facts(text, year=2023) == [("gdp", "2021-2025", "target", "avg_growth_pct", 6.0)]


# ------------------------------------------------------------------ 10. wording variants


def test_the_general_level_of_consumer_prices_is_the_cpi() -> None:
    assert facts("居民消费价格总水平上涨1.8%。", year=2024) == [("cpi", "2023", "actual", "growth_pct", 1.8)]


@pytest.mark.parametrize("rural", ["农牧民", "农民", "农村常住居民"])
def test_urban_and_rural_subjects_of_a_fenbie_list_in_any_wording(rural: str) -> None:
    text = f"去年，城镇常住居民和{rural}人均可支配收入分别增长4.2%和6.9%。"
    assert facts(text, year=2022) == [
        ("urban_disposable_income", "2021", "actual", "growth_pct", 4.2),
        ("rural_disposable_income", "2021", "actual", "growth_pct", 6.9),
    ]


def test_a_growth_after_an_adverbial_of_scope_keeps_its_metric() -> None:
    text = "一般公共预算收入86.2亿元，扣除减税降费因素后同口径增长4.4%。"
    assert facts(text, year=2023) == [
        ("general_budget_revenue", "2022", "actual", "value", 86.2),
        ("general_budget_revenue", "2022", "actual", "growth_pct", 4.4),
    ]


# ------------------------------------------------------------------ 11. level and change verbs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("固定资产投资同比下滑4.1%。", ("fixed_asset_investment", "2022", "actual", "growth_pct", -4.1)),
        ("外贸进出口总额210.4亿元，降幅收窄至1.9%。", ("foreign_trade", "2022", "actual", "growth_pct", -1.9)),
        ("规上工业总产值986.2亿元，同比增加6.3%。", ("industrial_output_above_scale", "2022", "actual", "growth_pct", 6.3)),
        ("一般公共预算收入52.7亿元，按可比口径增长5.2%。", ("general_budget_revenue", "2022", "actual", "growth_pct", 5.2)),
        ("地区生产总值由2017年的420.3亿元跃升至612.8亿元。", ("gdp", "2022", "actual", "value", 612.8)),
        ("社会消费品零售总额回升至188.6亿元。", ("retail_sales", "2022", "actual", "value", 188.6)),
    ],
)
def test_change_and_level_verbs_bind_their_figures(text: str, expected: tuple) -> None:
    assert expected in facts("去年，" + text, year=2023)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("争取社会消费品零售总额恢复至320亿元。", ("retail_sales", "2023", "target", "value", 320.0, None)),
        ("确保建筑业总产值重回500亿元以上。", ("construction_output", "2023", "target", "value", 500.0, "at_least")),
        ("城镇调查失业率低于5.5%。", ("unemployment_rate", "2023", "target", "rate_pct", 5.5, "at_most")),
    ],
)
def test_target_verbs_bind_their_figures_with_qualifiers(text: str, expected: tuple) -> None:
    got = [(i.metric, i.period, i.kind, i.measure, i.number, i.qualifier) for i in run("今年的主要预期目标是：" + text, 2023)]
    assert expected in got


# ------------------------------------------------------------------ 12. the three sectors


@pytest.mark.parametrize("subject", ["三次产业增加值", "第一、二、三产业增加值", "一、二、三产业增加值"])
def test_the_three_sectors_named_as_one_subject_of_a_fenbie_list(subject: str) -> None:
    assert facts(f"去年，全县{subject}分别增长2.9%、8.1%和6.4%。", year=2024) == [
        ("primary_industry_va", "2023", "actual", "growth_pct", 2.9),
        ("secondary_industry_va", "2023", "actual", "growth_pct", 8.1),
        ("tertiary_industry_va", "2023", "actual", "growth_pct", 6.4),
    ]


# ------------------------------------------------------------------ 13. more sub-areas


@pytest.mark.parametrize(
    "text",
    [
        "中央商务区税收收入增长18.2%。", "空港综合保障区进出口额增长16%。", "东港区外贸进出口总额增长9%。",
        "核心商圈社会消费品零售总额增长7%。", "其中古城景区接待游客860万人次。",
    ],
)
def test_figures_of_business_districts_and_port_areas_are_partial_scopes(text: str) -> None:
    assert facts("去年，" + text, year=2023) == []


# ------------------------------------------------------------------ 14. batch-6 wording


@pytest.mark.parametrize("subject", ["第二、三产业增加值", "二、三产业增加值"])
def test_the_second_and_third_sectors_as_one_subject(subject: str) -> None:
    assert facts(f"去年，{subject}分别增长4.6%和5.1%。", year=2022) == [
        ("secondary_industry_va", "2021", "actual", "growth_pct", 4.6),
        ("tertiary_industry_va", "2021", "actual", "growth_pct", 5.1),
    ]


def test_a_cause_between_a_value_and_its_fall_keeps_the_metric() -> None:
    assert facts("去年，社会消费品零售总额210.5亿元，受疫情影响下降3.4%。", year=2021) == [
        ("retail_sales", "2020", "actual", "value", 210.5),
        ("retail_sales", "2020", "actual", "growth_pct", -3.4),
    ]


def test_visitors_from_home_and_abroad_are_the_visitors() -> None:
    assert facts("去年，全年接待海内外游客2680.4万人次。", year=2021) == [
        ("tourism_visitors", "2020", "actual", "value", 2680.4),
    ]


def test_a_plan_end_in_an_earlier_clause_does_not_date_a_later_figure() -> None:
    text = "过去五年，产业结构由“十二五”末的18∶41∶41调整为15∶39∶46，规模以上工业增加值年均增长9.6%。"
    assert facts(text, year=2021) == [("industrial_va_above_scale", "2016-2020", "actual", "avg_growth_pct", 9.6)]


def test_a_plan_end_fronting_its_sentence_still_dates_it() -> None:
    text = "到“十四五”末，全县地区生产总值达到450亿元，规模以上工业增加值达到120亿元。"
    assert facts(text, year=2022) == [
        ("gdp", "2021-2025", "target", "value", 450.0),
        ("industrial_va_above_scale", "2021-2025", "target", "value", 120.0),
    ]


# ------------------------------------------------------------------ 15. divisions inside the region


def _in(text: str, year: int, name: str, adcode: str, level: str) -> list[tuple]:
    meta = ReportMeta(year=year, region=RegionRef(name=name, adcode=adcode, level=level))
    doc = Document(text=normalise(text).text, meta=meta)
    return [(i.metric, i.period, i.kind, i.measure, i.number) for i in extract_indicators(doc)]


def test_a_figure_of_a_division_inside_the_report_region_is_not_the_regions() -> None:
    text = "去年，全州地区生产总值增长5.1%，州府所在地大理市空气质量优良天数比率为99.2%。"
    assert _in(text, 2023, "大理白族自治州", "532900", "prefecture") == [("gdp", "2022", "actual", "growth_pct", 5.1)]


def test_a_prefectures_figure_in_a_provinces_report_is_not_the_provinces() -> None:
    text = "去年，全省地区生产总值增长6%，其中成都市地区生产总值增长7%。"
    assert _in(text, 2022, "四川省", "510000", "province") == [("gdp", "2021", "actual", "growth_pct", 6.0)]


def test_the_report_regions_own_name_before_a_metric_keeps_the_figure() -> None:
    text = "去年，成都市地区生产总值增长7%。"
    assert _in(text, 2022, "成都市", "510100", "prefecture") == [("gdp", "2021", "actual", "growth_pct", 7.0)]


# ------------------------------------------------------------------ 16. batch-7 wording


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("社消零总额完成96.3亿元，同比减少2.1%。", [("retail_sales", "2022", "actual", "value", 96.3),
                                             ("retail_sales", "2022", "actual", "growth_pct", -2.1)]),
        ("农村牧区常住居民人均可支配收入18650元、增长7.2%。", [("rural_disposable_income", "2022", "actual", "value", 18650.0),
                                                 ("rural_disposable_income", "2022", "actual", "growth_pct", 7.2)]),
        ("一般公共预算收入31.6亿元，剔除政策性减收因素后增长6.8%。", [("general_budget_revenue", "2022", "actual", "value", 31.6),
                                                    ("general_budget_revenue", "2022", "actual", "growth_pct", 6.8)]),
    ],
)
def test_abbreviations_and_adverbials_of_batch_seven(text: str, expected: list[tuple]) -> None:
    assert facts("去年，" + text, year=2023) == expected


def test_a_money_figure_written_without_yuan_is_in_yuan() -> None:
    found = run("去年，实现旅游综合收入286亿，一般公共预算收入达到18.5亿。", 2023)
    assert [(i.metric, i.number, i.unit, i.value_yuan) for i in found] == [
        ("tourism_revenue", 286.0, "亿元", 2.86e10),
        ("general_budget_revenue", 18.5, "亿元", 1.85e9),
    ]


@pytest.mark.parametrize(
    "text",
    ["外贸进出口总值86.4亿元，其中陶瓷产品出口增长18.7%。", "全县进出口总值完成26.8亿元，其中边民互市贸易进出口额增长41%。"],
)
def test_the_trade_of_one_product_or_trade_mode_after_qizhong_is_a_partial_scope(text: str) -> None:
    got = facts("去年，" + text, year=2023)
    assert [f[0] for f in got] == ["foreign_trade"]


def test_exports_as_the_part_of_trade_after_qizhong_are_the_exports() -> None:
    got = facts("去年，外贸进出口总额达到19.6亿美元，其中出口15.3亿美元。", year=2023)
    assert ("exports", "2022", "actual", "value", 15.3) in got


# ------------------------------------------------------------------ 17. batch-8 wording


def test_a_fall_after_a_cause_written_as_negative_growth() -> None:
    assert facts("去年，社会消费品零售总额52.6亿元，受疫情冲击负增长2.4%。", year=2023) == [
        ("retail_sales", "2022", "actual", "value", 52.6),
        ("retail_sales", "2022", "actual", "growth_pct", -2.4),
    ]


@pytest.mark.parametrize(
    "text",
    ["其中南山森林公园接待游客21万人次。", "城隍庙博物馆接待游客增长27%。", "其中古城片区旅游收入增长9%。"],
)
def test_visitors_and_revenue_of_one_attraction_are_partial_scopes(text: str) -> None:
    assert facts("去年，" + text, year=2023) == []


def test_the_whole_regions_figure_after_qizhong_is_kept() -> None:
    text = "去年，全省进出口总额1.2万亿元，其中全市外贸出口总额800亿元。"
    assert [f[0] for f in facts(text, year=2023)] == ["foreign_trade", "exports"]


def test_a_clause_before_the_sentence_does_not_exclude_a_metric() -> None:
    text = "（四）着力扩大对外开放。外贸进出口总额力争达到7亿美元，推动出口加工区建设。"
    assert facts(text, year=2021) == [("foreign_trade", "2021", "target", "value", 7.0)]


def test_a_table_of_last_years_results_dates_its_figures_last_year_in_any_section() -> None:
    text = (
        "三、2026年工作安排 今年要抓好以下工作。力争地区生产总值增长5%。"
        "附：2025年主要指标完成情况。地区生产总值5812.6亿元，增长5.4%；城镇调查失业率5.3%。"
    )
    got = facts(text, year=2026)
    assert ("gdp", "2026", "target", "growth_pct", 5.0) in got
    assert ("gdp", "2025", "actual", "value", 5812.6) in got
    assert ("unemployment_rate", "2025", "actual", "rate_pct", 5.3) in got


@pytest.mark.parametrize(
    "text",
    ["其中宁安能源化工基地规上工业增加值增长7.1%。", "其中中心城区空气质量优良率98.6%。", "其中县本级一般公共预算收入12.3亿元。"],
)
def test_a_place_after_qizhong_makes_any_metric_a_partial_scope(text: str) -> None:
    assert facts("去年，全县规模以上工业增加值增长4.3%，" + text, year=2021) == [
        ("industrial_va_above_scale", "2020", "actual", "growth_pct", 4.3)
    ]


def test_qizhong_before_a_metrics_own_name_keeps_it() -> None:
    text = "去年，财政总收入52.6亿元，其中一般公共预算收入31.2亿元；其中全口径税收收入20.1亿元。"
    assert [f[0] for f in facts(text, year=2021)] == ["fiscal_revenue_total", "general_budget_revenue", "tax_revenue"]


def test_a_growth_over_the_previous_five_years_is_about_the_five_years() -> None:
    text = "过去五年，一般公共预算收入累计完成86.4亿元，较上个五年增长38.2%。"
    assert ("general_budget_revenue", "2018-2022", "actual", "growth_pct", 38.2) in facts(text, year=2023)


def test_an_average_growth_after_thresholds_crossed_keeps_its_metric() -> None:
    text = "过去五年，全县地区生产总值由2016年的212.4亿元增加到318.5亿元，先后跨越250亿元、300亿元两个台阶，年均递增6.4%。"
    assert ("gdp", "2017-2021", "actual", "avg_growth_pct", 6.4) in facts(text, year=2022)


@pytest.mark.parametrize("text", ["主城区空气质量优良天数比例达到91.2%。", "保税物流中心进出口额力争增长30%。"])
def test_a_city_centre_or_a_bonded_logistics_centre_is_a_partial_scope(text: str) -> None:
    assert facts("去年，" + text, year=2022) == []


def test_a_growth_in_brackets_after_its_value() -> None:
    assert facts("去年，全年实现地区生产总值862.4亿元（增长7.3%）。", year=2020) == [
        ("gdp", "2019", "actual", "value", 862.4),
        ("gdp", "2019", "actual", "growth_pct", 7.3),
    ]


def test_urban_and_rural_residents_after_qizhong_of_an_income_are_the_incomes() -> None:
    text = "去年，全体居民人均可支配收入32560元、增长5.8%，其中城镇居民41230元、农村居民18650元，分别增长4.9%和6.7%。"
    assert facts(text, year=2023) == [
        ("disposable_income", "2022", "actual", "value", 32560.0),
        ("disposable_income", "2022", "actual", "growth_pct", 5.8),
        ("urban_disposable_income", "2022", "actual", "value", 41230.0),
        ("rural_disposable_income", "2022", "actual", "value", 18650.0),
        ("urban_disposable_income", "2022", "actual", "growth_pct", 4.9),
        ("rural_disposable_income", "2022", "actual", "growth_pct", 6.7),
    ]


def test_residents_without_an_income_before_them_are_no_metric() -> None:
    assert facts("去年，城镇居民医保参保人数达到41.2万人。", year=2023) == []


def test_next_five_years_whose_end_year_comes_a_sentence_later() -> None:
    text = "今后五年，是全面建设现代化的关键时期。政府工作要聚焦发展，力争到2027年，全省生产总值达到6万亿元，年均增长6%以上。"
    got = facts(text, year=2023)
    assert ("gdp", "2023-2027", "target", "value", 6.0) in got
    assert ("gdp", "2023-2027", "target", "avg_growth_pct", 6.0) in got


def test_residents_in_the_sentence_after_an_income_are_the_incomes() -> None:
    text = "去年，全体居民人均可支配收入32560元，增长5.8%；其中城镇居民41230元、农村居民18650元，分别增长4.9%和6.7%。"
    got = facts(text, year=2023)
    assert ("urban_disposable_income", "2022", "actual", "value", 41230.0) in got
    assert ("rural_disposable_income", "2022", "actual", "growth_pct", 6.7) in got


def test_a_plan_end_after_quebao_dates_the_rest_of_its_sentence() -> None:
    text = "今后五年，要力争到2027年全省生产总值达到6万亿元；确保“十四五”末常住人口城镇化率达到63%，森林覆盖率稳定在30%以上。"
    assert ("forest_coverage", "2021-2025", "target", "rate_pct", 30.0) in facts(text, year=2023)
