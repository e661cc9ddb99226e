"""Pure helpers of the service layer: units, sentences, periods, fact preference."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from zhaoshang.services.facts import expected_report_year, period_bounds, pick_best
from zhaoshang.services.text import sentence_around
from zhaoshang.services.units import comparable, split_unit


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("亿元", (1e8, "元")),
        ("万元", (1e4, "元")),
        ("万亿元", (1e12, "元")),
        ("万人次", (1e4, "人次")),
        ("万吨", (1e4, "吨")),
        ("人", (1.0, "人")),
        ("%", (1.0, "%")),
        ("万", (1.0, "万")),  # a bare multiplier is a unit of its own
        (None, (1.0, "")),
    ],
)
def test_split_unit_separates_the_multiplier(unit, expected):
    assert split_unit(unit) == expected


def test_comparable_puts_differently_written_amounts_on_one_scale():
    assert comparable(35, "亿元", 3.5e9) == (3.5e9, "元")
    assert comparable(350000, "万元") == (3.5e9, "元")
    assert comparable(0.085, "万人") == (pytest.approx(850.0), "人")
    assert comparable(None, "亿元") == (None, "")


@pytest.mark.parametrize(
    ("text", "quote", "sentence"),
    [
        ("去年经济平稳。大力发展新材料，打造千亿产业集群。其他。", "新材料", "大力发展新材料，打造千亿产业集群。"),
        ("大力发展新材料", "新材料", "大力发展新材料"),  # no punctuation at all
        ("一是稳增长；二是发展数字经济；三是惠民生。", "数字经济", "二是发展数字经济；"),
        ("第一行\n  发展文旅产业\n第三行", "文旅", "发展文旅产业"),
    ],
)
def test_sentence_around_returns_the_holding_sentence(text, quote, sentence):
    start = text.index(quote)
    s, e = sentence_around(text, start, start + len(quote))
    assert text[s:e] == sentence


def test_sentence_around_is_capped_in_unpunctuated_text():
    text = "字" * 2000 + "光伏" + "字" * 2000
    s, e = sentence_around(text, 2000, 2002, max_len=100)
    assert (s, e) == (1900, 2102)


@pytest.mark.parametrize(
    ("period", "bounds", "actual_year", "target_year"),
    [("2020", (2020, 2020), 2021, 2020), ("2016-2020", (2016, 2020), 2021, 2016), ("十四五", None, None, None)],
)
def test_periods_and_the_report_that_normally_states_them(period, bounds, actual_year, target_year):
    assert period_bounds(period) == bounds
    assert expected_report_year(period, "actual") == actual_year
    assert expected_report_year(period, "target") == target_year


def _fact(i, period="2020", kind="actual", corrected=False, start=0):
    return SimpleNamespace(id=i, report_id=i, period=period, kind=kind, corrected=corrected, start=start)


def test_pick_best_prefers_corrections_then_the_reviewing_report():
    reviewing, restated, fixed = _fact(1), _fact(2), _fact(3, corrected=True)
    assert pick_best([(restated, 2023), (reviewing, 2021)])[0] is reviewing
    assert pick_best([(reviewing, 2021), (fixed, 2023)])[0] is fixed
    assert pick_best([]) is None
    best, year, n = pick_best([(restated, 2023), (reviewing, 2021), (_fact(4), None)])
    assert (best, year, n) == (reviewing, 2021, 3)


def test_evidence_sentence_cuts_like_extraction():
    from zhaoshang.services.text import evidence_sentence

    text = "四、加快构建现代产业体系 做精现代农业，发展食用菌产业。其他内容。"
    start = text.index("食用菌")
    s, e = evidence_sentence(text, start, start + 3)
    assert text[s:e] == "做精现代农业，发展食用菌产业。"  # a paragraph gap ends the heading
    items = "主要任务：一是发展数字经济，二是壮大文旅产业。"
    start = items.index("文旅")
    s, e = evidence_sentence(items, start, start + 2)
    assert items[s:e] == "二是壮大文旅产业。"
    heading = "三、2021年工作安排发展光伏产业。"
    start = heading.index("光伏")
    s, e = evidence_sentence(heading, start, start + 2, section_starts=[heading.index("发展")])
    assert heading[s:e] == "发展光伏产业。"  # a section start is a boundary
