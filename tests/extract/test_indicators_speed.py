"""The fast marker search of periods.ScopeTracker (one hit per core, runs of head widths found
by a class search) finds exactly the markers a plain left-to-right scan of the marker pattern
finds, on the sample and held-out reports and on texts glued from the markers' own words."""

from __future__ import annotations

import pytest
from glued import glued_texts

from zhaoshang.extract.periods import ScopeTracker, _width_checks


def _plain_scan(tracker: ScopeTracker, text: str) -> list[tuple[int, str]]:
    """The reference: ``finditer`` of the whole marker pattern over the text with a sentence
    end prepended (a consumed sentence end belongs to the sentence before)."""
    padded = "\n" + text
    out = []
    for m in tracker._both_text.finditer(padded):
        p = m.start() + (1 if padded[m.start()] in "。！？；!?;\n \t" else 0)
        out.append((p - 1, m.lastgroup or "unknown"))
    return out


def _marker_words(year: int) -> list[str]:
    """The cores, heads and tails markers are made of for a report of ``year``, with the
    characters that end a sentence and the ones a sentence lead may not hold."""
    return [
        "五年", "一年", "去年", "今年", f"{year - 1}年", f"{year}年", f"{year + 1}年", "五", "十", "十三五", "十四五", "十五五",
        "过去", "这", "今后", "未来", "刚刚过去的", "来", "间", "中", "时期", "期间", "以来", "规划", "是", "极不平凡的",
        "“", "”", "在", "全市", "经济", "增长", "7%",
    ]


_FILLERS = list("。！？；!?;\n \t,，") + ["”", "“"]


@pytest.mark.parametrize("year", [2006, 2016, 2021, 2022, 2026, 2036])  # 2006, 2036: a bare 五 core
def test_markers_are_those_a_plain_scan_finds_on_glued_texts(year: int) -> None:
    tracker = ScopeTracker(year)
    found = 0
    for text in glued_texts(_marker_words(year), seed=year, count=1500, fillers=_FILLERS):
        markers = tracker.markers(text)
        assert markers == _plain_scan(tracker, text), text
        found += len(markers)
    assert found > 1000  # the texts do hold markers of every kind


@pytest.mark.parametrize("year", [2019, 2021, 2023])
def test_markers_are_those_a_plain_scan_finds_on_the_reports(report_texts: list[str], year: int) -> None:
    tracker = ScopeTracker(year)
    found = 0
    for text in report_texts:
        markers = tracker.markers(text)
        assert markers == _plain_scan(tracker, text)
        found += len(markers)
    assert found > 200


def test_a_marker_led_by_a_sentence_end_up_to_nine_characters_before_the_year() -> None:
    # the sentence lead is a run of widths 1..9 found by one class search: every width counts
    tracker = ScopeTracker(2021)
    for lead in ["", "在", "在刚刚过去", "在刚刚过去的一", "一二三四五六七八"]:
        text = f"全市经济增长。{lead}2020年，地区生产总值增长3%"
        assert tracker.markers(text) == _plain_scan(tracker, text), lead
        assert [scope for _, scope in tracker.markers(text)] == ["last"], lead
    text = "全市经济增长。一二三四五六七八九2020年，地区生产总值增长3%"  # ten characters: no marker
    assert tracker.markers(text) == _plain_scan(tracker, text) == []


def test_a_core_that_ends_another_is_still_found() -> None:
    # a plan named outside 十一五…十六五 is a bare 五 (a 2006 report reviews the 10th plan),
    # which ends the other plan's name
    tracker = ScopeTracker(2006)
    assert any(not alone for _, _, alone in tracker._core_scans)
    text = "全市经济增长。“五”时期，十五五期间，十五时期以来。"
    assert tracker.markers(text) == _plain_scan(tracker, text)
    assert all(alone for _, _, alone in ScopeTracker(2021)._core_scans)


def test_width_checks_split_the_widths_without_losing_or_adding_one() -> None:
    cases = [
        {0: {"a"}},
        {1: {"a"}, 2: {"a"}},
        {1: {"a"}, 2: {"a"}, 3: {"a"}},
        {0: {"x"}, 1: {"a", "b"}, 2: {"a", "b"}, 3: {"a", "b"}, 5: {"a", "b"}, 6: {"c"}},
        {1: {"a"}, 2: {"a"}, 3: {"b"}, 4: {"b"}, 5: {"b"}, 6: {"b"}, 7: {"a"}},
    ]
    for widths in cases:
        singles, runs = _width_checks(widths)
        rebuilt: dict[int, set[str]] = {w: set(chars) for w, chars in singles}
        for lo, hi, cls in runs:
            assert hi - lo >= 2
            for w in range(lo, hi + 1):
                assert w not in rebuilt
                rebuilt[w] = {c for c in widths[w] if cls.fullmatch(c)}
                assert rebuilt[w] == widths[w] and not cls.fullmatch("z")
        assert rebuilt == widths
