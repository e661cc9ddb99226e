"""The reading view: wrapped lines joined, punctuation folded, every span mapped back exactly."""

from __future__ import annotations

from zhaoshang.extract.view import ReadingView
from zhaoshang.model import Indicator


def test_wrapped_lines_are_joined_and_paragraphs_kept() -> None:
    src = "地区生产总\n值增长3.8%，总量\n  突破4万亿元。\n规模工业增加值增长4.8%。\n一、加强建设"
    v = ReadingView.of(src)
    assert v.text == "地区生产总值增长3.8%,总量突破4万亿元。\n规模工业增加值增长4.8%。\n一、加强建设"


def test_every_view_character_maps_back_to_its_source_character() -> None:
    src = "ab\ncd，ef\n  gh。\nij\nk"
    v = ReadingView.of(src)
    for i, ch in enumerate(v.text):
        assert src[v.to_source_pos(i)] in (ch, "，")
    assert [v.to_view(j) for j in (0, 2, 3)] == [0, 2, 2]


def test_a_fact_span_is_moved_back_with_its_exact_quote() -> None:
    src = "去年地区生产总\n值增长3.8%。"
    v = ReadingView.of(src)
    start, end = v.text.index("地区"), v.text.index("%") + 1
    fact = Indicator(metric="gdp", period="2020", kind="actual", measure="growth_pct", number=3.8, unit="%",
                     quote=v.text[start:end], start=start, end=end)
    moved = v.to_source(fact, src)
    assert moved.quote == "地区生产总\n值增长3.8%" and src[moved.start : moved.end] == moved.quote


def test_text_without_line_breaks_only_folds_punctuation() -> None:
    v = ReadingView.of("增长3.8%，总量（GDP）")
    assert (v.text, v.cuts) == ("增长3.8%,总量(GDP)", ())


def test_a_heading_line_keeps_its_break() -> None:
    src = "一、2020年工作回顾\n2020年是极不平凡的一年。\n“十三五”时期的工作回顾\n五年来成绩显著。"
    assert ReadingView.of(src).cuts == ()


def test_a_blank_line_is_never_a_soft_break_even_after_a_wrapped_one() -> None:
    from zhaoshang.extract.view import soft_breaks

    text = "全年地区生产\n总值增长5%，\n\n固定资产投资\n  增长6%。\n \n下一段"
    spans = [text[m.start() : m.end()] for m in soft_breaks(text)]
    assert spans == ["\n", "\n  "]


def test_a_line_ending_a_sentence_keeps_its_break_even_with_trailing_spaces() -> None:
    from zhaoshang.extract.view import soft_breaks

    assert soft_breaks("增长5%。  \n固定资产投资增长6%") == []
