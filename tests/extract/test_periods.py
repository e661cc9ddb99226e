"""Period arithmetic anchored on the report year (never a hard-coded 2021)."""

from __future__ import annotations

import pytest

from zhaoshang.extract.periods import (
    ScopeTracker,
    explicit_period,
    infer_year,
    named_plan,
    next_span,
    past_span,
    period_label,
    plan_of_year,
)


@pytest.mark.parametrize(("year", "plan"), [(2016, 13), (2020, 13), (2021, 14), (2025, 14), (2026, 15), (2011, 12)])
def test_plan_of_year(year: int, plan: int) -> None:
    assert plan_of_year(year) == plan


@pytest.mark.parametrize(
    ("year", "past", "nxt"),
    [(2021, (2016, 2020), (2021, 2025)), (2016, (2011, 2015), (2016, 2020)), (2023, (2018, 2022), (2021, 2025)),
     (2026, (2021, 2025), (2026, 2030))],
)
def test_past_and_next_spans(year: int, past: tuple[int, int], nxt: tuple[int, int]) -> None:
    assert past_span(year) == past and next_span(year) == nxt


def test_period_label() -> None:
    assert period_label(2020, 2020) == "2020" and period_label(2016, 2020) == "2016-2020"


@pytest.mark.parametrize(
    ("prefix", "year", "span"),
    [
        ("地区生产总值较2015年增长", 2021, (2016, 2020)),  # growth over the plan
        ("地区生产总值较“十二五”末增长", 2021, (2016, 2020)),
        ("地区生产总值由“十二五”末的", 2021, (2015, 2015)),
        ("“十四五”末，全省规上工业增加值突破", 2022, (2021, 2025)),
        ("到2025年，地区生产总值达到", 2024, (2021, 2025)),
        ("到2035年，人均地区生产总值达到", 2021, (2035, 2035)),
        ("2020年全市实现生产总值#、规上工业增加值", 2021, (2020, 2020)),  # a year dates its list
        ("城镇化率从2015年的#提升到", 2021, None),  # …but not past 到
        ("今年力争地区生产总值比2020年增长", 2021, None),  # a comparison base is not the date
        ("地区生产总值增长", 2021, None),
    ],
)
def test_explicit_period(prefix: str, year: int, span: tuple[int, int] | None) -> None:
    assert explicit_period(prefix, year, "this") == span


def test_from_level_in_the_past_plan_is_the_year_before_it() -> None:
    assert explicit_period("城乡居民人均可支配收入分别从", 2021, "past_plan") == (2015, 2015)


def test_named_plan() -> None:
    assert named_plan("“十三五”期间，地区生产总值年均增长") == (2016, 2020)
    assert named_plan("“十二五”末的") is None


@pytest.mark.parametrize(
    ("text", "year"),
    [("2020年，全县地区生产总值增长4.1%。", 2021), ("今年力争2021年地区生产总值增长7%。", 2021), ("到2025年达到100亿元", None), ("没有年份", None)],
)
def test_infer_year(text: str, year: int | None) -> None:
    assert infer_year(text) == year


def _plain_scan(tracker: ScopeTracker, text: str) -> list[tuple[int, str]]:
    """The markers a left-to-right ``finditer`` of the marker pattern finds: the reference
    the core-first search in :meth:`ScopeTracker.markers` must reproduce."""
    padded = "\n" + text
    out = []
    for m in tracker._both_text.finditer(padded):
        p = m.start() + (1 if padded[m.start()] in "。！？；!?;\n \t" else 0)
        scope = m.lastgroup or "unknown"
        # 今后五年 is dated from the end year written after it, as markers() does
        out.append((p - 1, tracker._dated(text, p - 1) if scope == "next_plan" else scope))
    return out


@pytest.mark.parametrize(
    "text",
    [
        "过去五年，我们攻坚克难。五年来，经济总量翻番。",
        "2020年是极不平凡的一年。2021年是“十四五”开局之年，今年要稳中求进。",
        "。在刚刚过去的2020年，全市生产总值增长3%。“十四五”时期，目标是……",
        "十三五时期以来，这五年间变化很大；今后五年、未来五年，去年一年来。",
        "2020年2020年是一年，20202020年；。2021年，是",  # cores overlapping and back to back
        "“十三五”规划纲要。“十四五”规划。十四五期间",  # (?!规划) and the quote-less name
        "",
    ],
)
@pytest.mark.parametrize("year", [2016, 2021, 2022, 2026])
def test_markers_are_those_a_plain_scan_finds(text: str, year: int) -> None:
    tracker = ScopeTracker(year)
    assert tracker.markers(text) == _plain_scan(tracker, text)


def test_markers_of_a_review_and_a_plan() -> None:
    text = "过去一年，经济平稳。过去五年，成就显著。今后五年，目标明确。今年，重点抓好。"
    assert [scope for _, scope in ScopeTracker(2021).markers(text)] == ["last", "past_plan", "next_plan", "this"]


@pytest.mark.parametrize("year", [2016, 2020, 2021, 2022, 2023])
def test_markers_of_the_sample_reports_are_those_a_plain_scan_finds(sample_dir, year: int) -> None:
    from zhaoshang.extract.pipeline import read_reports

    tracker = ScopeTracker(year)
    found = 0
    for path in sorted(sample_dir.glob("*.txt")):
        for text, _title, _channel in read_reports(path):
            markers = tracker.markers(text)
            assert markers == _plain_scan(tracker, text)
            found += len(markers)
    assert found > 100
