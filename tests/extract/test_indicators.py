"""Indicator statements in many shapes, written here (not copied from the samples).

Each test states one rule of extract/indicators.py; the sample reports are scored
separately (test_pipeline / evaluate) so a rule fitted to them would show up here.
"""

from __future__ import annotations

import pytest

from zhaoshang.extract.indicators import extract_indicators
from zhaoshang.ingest.normalise import normalise
from zhaoshang.model import Document, Indicator, ReportMeta


def run(text: str, year: int = 2021) -> list[Indicator]:
    doc = Document(text=normalise(text).text, meta=ReportMeta(year=year))
    found = extract_indicators(doc)
    for i in found:
        assert doc.text[i.start : i.end] == i.quote
    return found


def facts(text: str, year: int = 2021) -> list[tuple]:
    return [(i.metric, i.period, i.kind, i.measure, i.number, i.unit) for i in run(text, year)]


def one(text: str, year: int = 2021) -> Indicator:
    found = run(text, year)
    assert len(found) == 1, [(i.metric, i.number, i.quote) for i in found]
    return found[0]


# ------------------------------------------------------------------ metric, measure, unit


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("全年地区生产总值增长5.2%。", "gdp"),
        ("全市GDP增长5.2%。", "gdp"),
        ("经济总量增长5.2%。", "gdp"),
        ("规上工业增加值增长5.2%。", "industrial_va_above_scale"),
        ("规模工业增加值增长5.2%。", "industrial_va_above_scale"),
        ("规模以上工业总产值增长5.2%。", "industrial_output_above_scale"),
        ("全社会固定资产投资增长5.2%。", "fixed_asset_investment"),
        ("社零总额增长5.2%。", "retail_sales"),
        ("一般公共预算收入增长5.2%。", "general_budget_revenue"),
        ("地方一般公共预算收入增长5.2%。", "general_budget_revenue"),
        ("财政总收入增长5.2%。", "fiscal_revenue_total"),
        ("一般公共预算支出增长5.2%。", "general_budget_expenditure"),
        ("税收收入增长5.2%。", "tax_revenue"),
        ("外贸进出口总额增长5.2%。", "foreign_trade"),
        ("出口总额增长5.2%。", "exports"),
        ("实际利用外资增长5.2%。", "utilized_foreign_capital"),
        ("全体居民人均可支配收入增长5.2%。", "disposable_income"),
        ("城乡居民人均可支配收入增长5.2%。", "disposable_income"),
        ("城镇常住居民人均可支配收入增长5.2%。", "urban_disposable_income"),
        ("农牧民人均可支配收入增长5.2%。", "rural_disposable_income"),
        ("服务业增加值增长5.2%。", "tertiary_industry_va"),
        ("三产增加值增长5.2%。", "tertiary_industry_va"),
        ("农林牧渔业总产值增长5.2%。", "agri_output"),
        ("建筑业总产值增长5.2%。", "construction_output"),
        ("旅游综合收入增长5.2%。", "tourism_revenue"),
        ("居民消费价格指数上涨2.5%。", "cpi"),
    ],
)
def test_every_alias_names_its_metric(text: str, metric: str) -> None:
    i = one(text)
    assert (i.metric, i.measure, i.number) == (metric, "growth_pct", pytest.approx(i.number))


def test_value_then_growth_in_the_next_clause_gives_two_facts() -> None:
    assert facts("全年实现地区生产总值1234.5亿元，同比增长5.2%。") == [
        ("gdp", "2020", "actual", "value", 1234.5, "亿元"),
        ("gdp", "2020", "actual", "growth_pct", 5.2, "%"),
    ]


def test_money_is_also_given_in_yuan() -> None:
    i = one("外贸进出口总额达1.9万亿元。")
    assert (i.number, i.unit, i.value_yuan) == (1.9, "万亿元", 1.9e12)


def test_foreign_currency_keeps_no_yuan_value() -> None:
    i = one("实际使用外资8.5亿美元。")
    assert (i.unit, i.value_yuan) == ("亿美元", None)


def test_chinese_numerals_are_read() -> None:
    assert facts("旅游总收入一百二十亿元，实际利用外资一亿二千万美元。") == [
        ("tourism_revenue", "2020", "actual", "value", 120, "亿元"),
        ("utilized_foreign_capital", "2020", "actual", "value", 120_000_000, "美元"),
    ]


@pytest.mark.parametrize("verb", ["下降", "减少", "回落"])
def test_a_fall_is_a_negative_growth(verb: str) -> None:
    assert one(f"社会消费品零售总额{verb}3.1%。").number == -3.1


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("城镇登记失业率3.2%。", "unemployment_rate"),
        ("城镇调查失业率控制在5.5%以内。", "unemployment_rate"),
        ("常住人口城镇化率提高到58.6%。", "urbanization_rate"),
        ("森林覆盖率达到72.3%。", "forest_coverage"),
        ("空气质量优良天数比例达到95.2%。", "air_quality_good_days"),
    ],
)
def test_a_rate_metric_states_its_own_level(text: str, metric: str) -> None:
    i = one(text)
    assert (i.metric, i.measure) == (metric, "rate_pct")


def test_percentage_points_and_multiples_are_not_labelled() -> None:
    assert facts("常住人口城镇化率提高1.2个百分点，地区生产总值是2015年的1.9倍。") == []


def test_an_absolute_change_is_not_a_level() -> None:
    assert facts("农村居民人均可支配收入比上年增加了1350元。") == []


def test_a_share_of_a_metric_is_not_the_metric() -> None:
    assert facts("税收收入占一般公共预算收入比重达75%，第三产业增加值占地区生产总值比重达52.3%。") == []


@pytest.mark.parametrize(
    "text",
    [
        "地方固定资产投资增长5%。",
        "工业增加值增长5%。",
        "工业投资增长10%。",
        "与“一带一路”沿线国家进出口额增长12%。",
        "国内过夜游客增长8%。",
        "粮食综合生产能力稳定在50万吨。",
        "税费收入增长6%。",
        "第三产业完成投资255.5亿元。",
        "有劳动力贫困户年人均可支配收入达16849元。",
    ],
)
def test_partial_scopes_and_other_quantities_are_not_the_metric(text: str) -> None:
    assert facts(text) == []


def test_unit_must_fit_the_metric() -> None:
    # 746万亩 is an area, not a grain output; the 产量 pronoun takes the tonnage.
    assert facts("完成粮食播种面积746万亩、产量330万吨。") == [("grain_output", "2020", "actual", "value", 330, "万吨")]


def test_a_pronoun_clause_refers_back_to_the_metric() -> None:
    assert facts("地区生产总值增长3.8%，总量突破4万亿元。") == [
        ("gdp", "2020", "actual", "growth_pct", 3.8, "%"),
        ("gdp", "2020", "actual", "value", 4, "万亿元"),
    ]


def test_milestones_the_text_does_not_write_as_figures_are_skipped() -> None:
    assert facts("经济总量突破千亿元大关。") == []


# ------------------------------------------------------------------ 分别 and lists


def test_compound_subject_with_two_numbers_binds_urban_then_rural() -> None:
    assert facts("城乡居民人均可支配收入分别增长6.3%和9%。") == [
        ("urban_disposable_income", "2020", "actual", "growth_pct", 6.3, "%"),
        ("rural_disposable_income", "2020", "actual", "growth_pct", 9, "%"),
    ]


def test_three_subjects_bind_three_numbers_in_order() -> None:
    got = facts("地区生产总值、固定资产投资、社会消费品零售总额分别增长4.1%、5.2%和6.3%。")
    assert [(m, n) for m, *_, n, _u in [(f[0], f[4], f[5]) for f in got]] == [
        ("gdp", 4.1), ("fixed_asset_investment", 5.2), ("retail_sales", 6.3)
    ]


def test_three_abbreviated_industries() -> None:
    got = facts("一产、二产、三产增加值分别增长3.1%、5.2%和6.4%。")
    assert [(f[0], f[4]) for f in got] == [
        ("primary_industry_va", 3.1), ("secondary_industry_va", 5.2), ("tertiary_industry_va", 6.4)
    ]


def test_a_second_list_reuses_the_subjects_of_the_first() -> None:
    got = facts("城乡居民人均可支配收入分别达到43366元和13835元，分别增长5.1%、7.3%。")
    assert [(f[0], f[3], f[4]) for f in got] == [
        ("urban_disposable_income", "value", 43366),
        ("rural_disposable_income", "value", 13835),
        ("urban_disposable_income", "growth_pct", 5.1),
        ("rural_disposable_income", "growth_pct", 7.3),
    ]


def test_a_subjectless_list_takes_the_subjects_of_the_figures_before_it() -> None:
    got = facts("2020年实现地区生产总值500亿元、一般公共预算收入40亿元、税费收入60亿元，较2015年分别增长30%、20%和10%。")
    assert [(f[0], f[1], f[3], f[4]) for f in got] == [
        ("gdp", "2020", "value", 500),
        ("general_budget_revenue", "2020", "value", 40),
        ("gdp", "2016-2020", "growth_pct", 30),
        ("general_budget_revenue", "2016-2020", "growth_pct", 20),
    ]


def test_counts_that_disagree_bind_nothing() -> None:
    assert facts("城乡居民人均可支配收入分别增长6.3%、8.1%和7.2%。") == []


def test_one_figure_shared_by_all_subjects() -> None:
    got = facts("“十四五”期间，进出口总额、实际利用外资年均增长均在10%以上。")
    assert [(f[0], f[1], f[2], f[3]) for f in got] == [
        ("foreign_trade", "2021-2025", "target", "avg_growth_pct"),
        ("utilized_foreign_capital", "2021-2025", "target", "avg_growth_pct"),
    ]


# ------------------------------------------------------------------ kind, period, qualifier


@pytest.mark.parametrize(
    "text",
    [
        "今年经济社会发展的主要预期目标是：地区生产总值增长6%以上。",
        "力争地区生产总值增长6%。",
        "确保地区生产总值增长6%。",
        "2021年全市生产总值目标增长6%左右。",
        "今年要实现地区生产总值增长6%。",
        "地区生产总值预期增长6%。",
    ],
)
def test_targets_phrased_many_ways_are_this_years_targets(text: str) -> None:
    i = one(text)
    assert (i.metric, i.period, i.kind, i.number) == ("gdp", "2021", "target", 6)


@pytest.mark.parametrize("text", ["预计全年地区生产总值增长3.5%左右。", "初步统计，全年地区生产总值增长3.5%。"])
def test_estimates_of_last_year_are_actuals(text: str) -> None:
    i = one(text)
    assert (i.period, i.kind) == ("2020", "actual")


def test_report_year_anchors_every_period() -> None:
    text = "去年地区生产总值增长5%。过去五年，地区生产总值年均增长7%。"
    assert [(f[1], f[2]) for f in facts(text, year=2016)] == [("2015", "actual"), ("2011-2015", "actual")]
    assert [(f[1], f[2]) for f in facts(text, year=2026)] == [("2025", "actual"), ("2021-2025", "actual")]
    assert [(f[1], f[2]) for f in facts(text, year=2023)] == [("2022", "actual"), ("2018-2022", "actual")]


def test_five_year_markers_switch_the_scope_until_last_year_is_named_again() -> None:
    text = (
        "一、2020年和“十三五”时期工作回顾 2020年是极不平凡的一年。地区生产总值增长3.8%。"
        "过去五年，地区生产总值年均增长7%，城镇新增就业35万人。"
        "刚刚过去的2020年，城镇新增就业7万人。"
    )
    assert [(f[0], f[1], f[4]) for f in facts(text)] == [
        ("gdp", "2020", 3.8), ("gdp", "2016-2020", 7), ("urban_new_jobs", "2016-2020", 35), ("urban_new_jobs", "2020", 7)
    ]


def test_plan_goals_and_long_range_goals() -> None:
    text = "二、“十四五”时期主要目标任务 到2025年，地区生产总值突破3000亿元；到2035年，人均地区生产总值达到10万元。"
    assert [(f[0], f[1], f[2]) for f in facts(text)] == [
        ("gdp", "2021-2025", "target"), ("gdp_per_capita", "2035", "target")
    ]


def test_from_and_to_levels_are_dated_separately() -> None:
    got = facts("过去五年，全县城镇化率从2015年的32.3%提升到42%。")
    assert [(f[1], f[4]) for f in got] == [("2015", 32.3), ("2016-2020", 42)]


def test_an_undated_closing_level_of_the_five_year_review_belongs_to_the_period() -> None:
    text = "一、“十三五”时期工作回顾 五年来，地区生产总值达到434亿元。2020年是极不平凡的一年，全区实现地区生产总值434亿元。"
    assert [(f[1], f[4]) for f in facts(text)] == [("2016-2020", 434), ("2020", 434)]


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("地区生产总值增长8%以上。", "at_least"),
        ("地区生产总值增长不低于8%。", "at_least"),
        ("城镇新增就业超过8000人。", "at_least"),
        ("地区生产总值增长8%左右。", "about"),
        ("城镇登记失业率控制在4%以内。", "at_most"),
        ("城镇登记失业率控制在4%。", "at_most"),
        ("城镇调查失业率5%以下。", "at_most"),
        ("力争地区生产总值增长8%以上。", "at_least"),
        ("地区生产总值增长8%。", None),
    ],
)
def test_qualifiers(text: str, qualifier: str | None) -> None:
    assert one(text).qualifier == qualifier


# ------------------------------------------------------------------ messy input, end to end through normalise()


def test_full_width_digits_and_punctuation() -> None:
    assert [(f[0], f[4]) for f in facts("地区生产总值增长３．８％，一般公共预算收入增长５％。")] == [
        ("gdp", 3.8), ("general_budget_revenue", 5)
    ]


def test_hard_line_breaks_inside_words_keep_exact_spans() -> None:
    found = run("过去一年，地区生产总\n值增长3.8%，固定资产投\n资增长6.2%。")
    assert [(i.metric, i.number) for i in found] == [("gdp", 3.8), ("fixed_asset_investment", 6.2)]
    assert "\n" in found[0].quote


def test_spaces_inside_numbers_and_thousands_separators() -> None:
    assert [(f[0], f[4], f[5]) for f in facts("旅游综合收入21.5 亿元，全年接待游客1,230万人次。")] == [
        ("tourism_revenue", 21.5, "亿元"), ("tourism_visitors", 1230, "万人次")
    ]


def test_each_statement_is_reported_once() -> None:
    text = "三、2021年重点工作 城镇新增就业1.4万人。 名词解释 十件实事：完成城镇新增就业1.4万人。"
    assert len(run(text)) == 1


def test_quote_is_the_statement_and_points_into_the_text() -> None:
    i = one("各位代表，全县地区生产总值增长4.1%，位居全市第一。")
    assert i.quote == "地区生产总值增长4.1%"


def test_without_a_year_nothing_can_be_dated() -> None:
    assert run("地区生产总值增长4.1%。", year=None) == []


def test_the_year_is_inferred_from_the_text_when_not_given() -> None:
    i = one("2020年，全县地区生产总值增长4.1%。", year=None)
    assert (i.period, i.kind) == ("2020", "actual")


@pytest.mark.parametrize(
    "text",
    [
        "规上工业增加值增长10%，对经济增长贡献率达50%。",
        "固定资产投资增长10%，其中工业投资增长15%。",
        "城镇新增就业6000人，失业人员再就业2000人。",
        "出口退税3亿元，出口企业达到120家。",
        "民营经济增加值相当于地区生产总值的60%。",
    ],
)
def test_a_figure_of_another_subject_after_a_metric_is_not_bound_to_it(text: str) -> None:
    assert len(run(text)) <= 1 and all(i.number not in (50, 15, 2000, 3, 120, 60) for i in run(text))


def test_exports_inside_a_trade_sentence() -> None:
    assert [(f[0], f[4]) for f in facts("进出口总额增长5%，其中出口增长8%。")] == [("foreign_trade", 5), ("exports", 8)]


def test_a_year_in_chinese_numerals_dates_the_figure() -> None:
    i = one("二〇二〇年，全县地区生产总值增长4%。")
    assert (i.period, i.kind) == ("2020", "actual")


def test_a_mid_plan_report_reviews_the_last_five_years_and_targets_the_plan_in_force() -> None:
    text = (
        "一、过去五年工作回顾 过去五年，地区生产总值年均增长6.1%。"
        "二、今后五年的目标任务 今后五年，地区生产总值年均增长6%左右，到2025年森林覆盖率保持在60%以上。"
    )
    assert [(f[0], f[1]) for f in facts(text, year=2023)] == [
        ("gdp", "2018-2022"), ("gdp", "2021-2025"), ("forest_coverage", "2021-2025")
    ]


def test_a_goal_for_the_end_of_the_plan_in_force_is_a_plan_goal_even_among_this_years_tasks() -> None:
    text = "二、2023年主要任务 持续壮大文旅产业。到2025年，接待游客突破5000万人次，“十四五”末森林覆盖率保持在70%以上。"
    assert [(f[0], f[1], f[2]) for f in facts(text, year=2023)] == [
        ("tourism_visitors", "2021-2025", "target"), ("forest_coverage", "2021-2025", "target")
    ]


def test_a_level_at_the_end_of_an_earlier_plan_is_that_year() -> None:
    i = run("过去五年，地区生产总值由“十二五”末的564.3亿元增加到945.4亿元。")[0]
    assert (i.period, i.number) == ("2015", 564.3)


def test_a_figure_wrapped_onto_the_next_line() -> None:
    i = one("过去一年，居民消费价格上涨\n2.1%。")
    assert (i.metric, i.number) == ("cpi", 2.1)


def test_a_higher_bar_for_the_same_figure_in_the_next_clause() -> None:
    got = facts("今年全市社会消费品零售总额增长9%，争取10%。")
    assert [(f[0], f[3], f[4]) for f in got] == [("retail_sales", "growth_pct", 9), ("retail_sales", "growth_pct", 10)]


def test_a_comparison_base_year_does_not_date_the_figure() -> None:
    i = one("三、2021年重点工作 今年力争地区生产总值比2020年增长8%。")
    assert (i.period, i.kind) == ("2021", "target")


@pytest.mark.parametrize(
    "subject",
    ["城乡居民人均可支配收入", "城镇、农村居民人均可支配收入", "城镇和农村常住居民人均可支配收入", "城镇居民和农村居民人均可支配收入"],
)
def test_urban_and_rural_subjects_written_together(subject: str) -> None:
    got = facts(f"{subject}分别增长5.5%和7.5%。")
    assert [(f[0], f[4]) for f in got] == [("urban_disposable_income", 5.5), ("rural_disposable_income", 7.5)]


def test_alias_data_must_start_with_two_literal_characters() -> None:
    from zhaoshang.extract.metrics import _literal_prefix

    assert _literal_prefix("第一产业(?:实现)?增加值") == "第一产业"
    assert _literal_prefix("粮食(?:总)?产量") == "粮食"
    with pytest.raises(ValueError):
        _literal_prefix("(?:城镇)?居民")
    with pytest.raises(ValueError):
        _literal_prefix("城?镇")


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        ("人均地区生产总值达到9万元", [("gdp_per_capita", "人均地区生产总值")]),  # not the gdp inside it
        ("地方生产总值(GDP)增长6%", [("gdp", "地方生产总值(GDP)")]),  # the bracketed alias restates it
        ("外贸进出口总额、进出口总额", [("foreign_trade", "外贸进出口总额"), ("foreign_trade", "进出口总额")]),
        ("生产总值生产总值", [("gdp", "生产总值"), ("gdp", "生产总值")]),  # back to back
        ("规上工业增加值和第一产业增加值", [("industrial_va_above_scale", "规上工业增加值"), ("primary_industry_va", "第一产业增加值")]),
    ],
)
def test_mentions_are_leftmost_longest_and_never_overlap(text: str, mentions: list[tuple[str, str]]) -> None:
    from zhaoshang.extract.metrics import find_mentions

    assert [(m.metric, text[m.start : m.end]) for m in find_mentions(text)] == mentions
