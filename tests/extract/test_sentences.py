"""Sentence spans: terminal marks, list items, paragraph breaks and wrapped lines."""

from __future__ import annotations

from zhaoshang.extract.sections import split_sections
from zhaoshang.extract.sentences import split_sentences


def pieces(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text, split_sections(text, 2021))]


def test_splits_on_terminal_marks_in_both_widths() -> None:
    assert pieces("增长3.8%。下降1%；持平!好吗？好;") == ["增长3.8%。", "下降1%；", "持平!", "好吗？", "好;"]


def test_list_items_start_new_sentences() -> None:
    assert pieces("主要抓了：一是抓疫情，取得成效，二是稳增长。(一)加强建设") == [
        "主要抓了：", "一是抓疫情，取得成效，", "二是稳增长。", "(一)加强建设"
    ]


def test_wrapped_lines_stay_in_one_sentence_but_paragraphs_split() -> None:
    text = "全市地区生产总值完成1234.5亿元，规模以上工业增加\n值增长6.1%。\n城镇新增就业1.2万人。\n一、加强建设"
    assert pieces(text) == ["全市地区生产总值完成1234.5亿元，规模以上工业增加\n值增长6.1%。", "城镇新增就业1.2万人。", "一、加强建设"]


def test_closing_quote_stays_with_its_sentence() -> None:
    assert pieces("提出“两个确保”。然后") == ["提出“两个确保”。", "然后"]


def test_spans_carry_the_section_kind_and_never_cross_a_section() -> None:
    text = "各位代表：请予审议。一、2020年工作回顾 去年经济平稳。二、2021年重点工作 今年要稳增长。"
    secs = split_sections(text, 2021)
    sents = split_sentences(text, secs)
    assert [s.section_kind for s in sents][-1] == "tasks"
    for s in sents:
        owner = [x for x in secs if x.start <= s.start < x.end][0]
        assert s.end <= owner.end


def test_blank_text_has_no_sentences() -> None:
    assert split_sentences("  \n ", []) == []


def test_a_space_next_to_latin_letters_or_digits_is_not_a_break() -> None:
    assert pieces("人均GDP 9.6万元，CPI 上涨2%。 今年") == ["人均GDP 9.6万元，CPI 上涨2%。", "今年"]


def test_the_listed_blank_class_is_exactly_python_whitespace() -> None:
    import re

    from zhaoshang.extract.sentences import _BLANK

    every = "".join(map(chr, range(0x110000)))
    assert re.findall(f"[{_BLANK}]", every) == [c for c in every if c.isspace()]


def test_sections_out_of_order_cut_the_same_sentences_as_in_order() -> None:
    from zhaoshang.model import Section

    text = "去年增长5%。今年目标(一)稳增长，二是促消费。"
    ordered = [Section("review", "", 0, 7), Section("tasks", "", 7, len(text))]
    a = split_sentences(text, ordered)
    b = split_sentences(text, list(reversed(ordered)))
    assert [(s.start, s.end) for s in a] == [(s.start, s.end) for s in b]
    assert [text[s.start : s.end] for s in a] == ["去年增长5%。", "今年目标", "(一)稳增长，", "二是促消费。"]
    assert [s.section_kind for s in a] == ["review", "tasks", "tasks", "tasks"]


def test_a_line_break_after_a_closing_quote_still_ends_the_sentence() -> None:
    assert pieces("他说“好。”\n然后继续") == ["他说“好。”", "然后继续"]


def test_a_wrapped_line_joins_even_across_several_breaks() -> None:
    text = "全市规模以上工业\n增加值增长\n6.1%。"
    assert pieces(text) == [text]


def test_the_fast_split_cuts_exactly_where_the_boundary_at_a_time_split_does() -> None:
    import random

    from zhaoshang.extract.sentences import _split_general
    from zhaoshang.model import Section

    rng = random.Random(11)
    alphabet = [*"中国经济一二三是十（）()，,:：。！？；!?”’\" \n\t\u3000AB5%.、年工作", "\n一、", "一是", "(一)", "GDP ", " 5"]
    for _ in range(8000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        cuts = sorted(rng.randint(0, len(text)) for _ in range(rng.randint(0, 3)))
        secs = [Section(rng.choice(["review", "tasks"]), "", x, x) for x in cuts]
        assert split_sentences(text, secs) == _split_general(text, secs), (text, cuts)
