"""Normalisation rules, one behaviour per test, on sentences written in many shapes."""

from __future__ import annotations

import random

import pytest

from zhaoshang.ingest.normalise import OffsetMap, normalise


def norm(s: str) -> str:
    return normalise(s).text


# ---------------------------------------------------------------- characters


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("地区生产总值增长３．８％", "地区生产总值增长3.8%"),
        ("完成投资１，２３４亿元", "完成投资1,234亿元"),
        ("ＧＤＰ突破１０００亿元", "GDP突破1000亿元"),
        ("建成５Ｇ基站２００个", "建成5G基站200个"),
        ("２０２０－２０２５年", "2020-2025年"),
        ("１．加快发展", "1.加快发展"),
    ],
)
def test_fullwidth_digits_letters_and_number_punctuation_become_ascii(raw: str, expected: str) -> None:
    assert norm(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "各位代表：现在，我代表市人民政府，向大会报告工作。",
        "坚持“两山”理念（绿水青山就是金山银山）；推进“六稳”“六保”！",
        "一、二季度分别增长1，2个百分点。",  # a list of two numbers, not 1,2
    ],
)
def test_chinese_punctuation_is_kept(raw: str) -> None:
    assert norm(raw) == raw


def test_zero_width_characters_and_soft_hyphens_are_removed() -> None:
    assert norm("政府\u200b工作\ufeff报告\u00ad") == "政府工作报告"


@pytest.mark.parametrize("circle", ["○", "Ｏ", "O"])
def test_lookalike_zeros_inside_chinese_numeral_years_become_ling(circle: str) -> None:
    assert norm(f"二{circle}二一年") == "二〇二一年"


# ---------------------------------------------------------------- spaces


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("政 府 工 作 报 告", "政府工作报告"),
        ("2021年宝兴县 政府工作报告", "2021年宝兴县政府工作报告"),
        ("完成投资 21.5 亿元", "完成投资21.5亿元"),
        ("增长 4 . 1 %", "增长4.1%"),
        ("增长 3.8 ‰", "增长3.8‰"),
        ("2 0 2 1 年", "2021年"),
        ("现在, 我代表", "现在,我代表"),
        ("推进 GDP 核算", "推进GDP核算"),
        ("“ 十四五 ” 规划", "“十四五”规划"),
        ("全　面　推　进", "全面推进"),  # ideographic spaces
    ],
)
def test_spaces_next_to_chinese_and_inside_numbers_are_removed(raw: str, expected: str) -> None:
    assert norm(raw) == expected


def test_letter_spaced_lines_lose_single_spaces_and_keep_wider_gaps() -> None:
    assert norm("各 位 代 表 ： 现 在 ， 增 长 3 . 8 % ， 达 1 2 0 亿 元 。") == "各位代表：现在，增长3.8%，达120亿元。"
    assert norm("签 约   Tesla   项 目 ，   投 资   2 0 2 1   年") == "签约Tesla项目，投资2021年"
    assert norm("M a d e   i n   C h i n a") == "Made in China"


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Made in   China 2025", "Made in China 2025"),
        ("签约 Tesla Gigafactory 项目", "签约Tesla Gigafactory项目"),
        ("第1, 2 批", "第1, 2批"),
    ],
)
def test_latin_words_keep_one_space(raw: str, expected: str) -> None:
    assert norm(raw) == expected


def test_a_space_after_a_sentence_end_is_a_flattened_paragraph_break() -> None:
    assert norm("请予审议。 一、2020年工作回顾") == "请予审议。\n一、2020年工作回顾"
    assert norm("迎接建党100周年! 各位代表") == "迎接建党100周年!\n各位代表"
    assert norm("他说：“好。” 我们") == "他说：“好。”\n我们"


def test_a_space_after_the_salutation_colon_is_a_paragraph_break() -> None:
    assert norm("各位代表: 现在,我代表市人民政府") == "各位代表:\n现在,我代表市人民政府"


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("提出意见。 一、2020年工作回顾 2020年是极不平凡的一年", "提出意见。\n一、2020年工作回顾\n2020年是极不平凡的一年"),
        ("（三）加快建设现代产业体系 坚持把发展经济的着力点放在实体经济上", "（三）加快建设现代产业体系\n坚持把发展经济的着力点放在实体经济上"),
        ("第二章 总体要求", "第二章总体要求"),  # too short to be a heading's text
        ("（二）Made in China 战略", "（二）Made in China战略"),  # Latin words are not a heading's end
    ],
)
def test_a_space_after_a_numbered_heading_ends_the_heading(raw: str, expected: str) -> None:
    assert norm(raw) == expected


def test_a_heading_glued_to_the_previous_sentence_starts_a_line() -> None:
    assert norm("全面完成目标任务。二、2021年工作安排") == "全面完成目标任务。\n二、2021年工作安排"
    assert norm("全面完成目标任务。（一）稳增长") == "全面完成目标任务。\n（一）稳增长"


# ---------------------------------------------------------------- lines


@pytest.mark.parametrize("page", ["- 2 -", "—2—", "－ ２ －", "第 2 页", "第2页 共30页", "12", "2/30", "— 三 —"])
def test_page_number_lines_are_removed(page: str) -> None:
    assert norm(f"各位代表：\n{page}\n现在，我代表县人民政府。") == "各位代表：\n现在，我代表县人民政府。"


def test_numbers_inside_text_lines_are_not_page_numbers() -> None:
    assert norm("增长\n2021\n年") == "增长\n2021\n年"


WRAPPED = (
    "一年来，我们坚持稳中求进工作总基调，统筹推进疫情防\n"
    "控和经济社会发展，地区生产总值增长3.8%，规模以上工\n"
    "业增加值增长4.1%。固定资产投资增长8.6%，社会消费品\n"
    "零售总额下降2.3%，城乡居民收入稳步增长，民生保障有\n"
    "力有效。\n"
    "一、2021年主要目标\n"
    "今年经济社会发展的主要预期目标是：地区生产总值增长\n"
    "7%左右，一般公共预算收入增长6%，城镇调查失业率控制\n"
    "在5.5%以内。"
)


def test_hard_line_breaks_inside_sentences_are_joined_and_paragraphs_kept() -> None:
    assert norm(WRAPPED) == (
        "一年来，我们坚持稳中求进工作总基调，统筹推进疫情防控和经济社会发展，地区生产总值增长3.8%，"
        "规模以上工业增加值增长4.1%。固定资产投资增长8.6%，社会消费品零售总额下降2.3%，"
        "城乡居民收入稳步增长，民生保障有力有效。\n"
        "一、2021年主要目标\n"
        "今年经济社会发展的主要预期目标是：地区生产总值增长7%左右，一般公共预算收入增长6%，"
        "城镇调查失业率控制在5.5%以内。"
    )


def test_page_numbers_between_wrapped_lines_do_not_break_the_sentence() -> None:
    text = WRAPPED.replace("规模以上工\n", "规模以上工\n\n- 2 -\n\n")
    assert norm(text) == norm(WRAPPED)


def test_an_indented_line_starts_a_paragraph_even_after_a_full_line() -> None:
    text = WRAPPED.replace("一、2021年主要目标\n今年", "　　今年")
    assert "有效。\n今年" in norm(text)


def test_paragraph_per_line_text_is_not_joined() -> None:
    text = "2020年工作回顾\n一年来，我们统筹推进疫情防控和经济社会发展。\n二、2021年工作安排\n今年要抓好以下工作：\n加快产业转型"
    assert norm(text) == text


def test_blank_lines_collapse_to_one_paragraph_break() -> None:
    assert norm("第一段。\n\n\n   \n第二段。\r\n第三段。") == "第一段。\n第二段。\n第三段。"


def test_a_latin_token_cut_by_the_margin_is_joined_without_a_space() -> None:
    lines = ["一年来，我们坚持稳中求进工作总基调，推动澜沧古茶公司进入I", "PO待审名单，五家企业列入云南省金种子企业名单，企业加快发"] * 5
    assert "进入IPO待审" in norm("\n".join(lines))


def test_hard_wrapped_latin_words_keep_their_space() -> None:
    lines = ["The government work report sets targets for the", "year and reviews the results of the last year"] * 4
    assert "the year" in norm("\n".join(lines))


# ---------------------------------------------------------------- scraping damage


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("到二三五年基本实现", "到二〇三五年基本实现"),
        ("二二一年是“十四五”开局之年", "二〇二一年是“十四五”开局之年"),
        ("远景目标纲要（20212035年）", "远景目标纲要（2021-2035年）"),
        ("规划(20212025年)", "规划(2021-2025年)"),
    ],
)
def test_dropped_zeros_and_dashes_in_years_are_restored(raw: str, expected: str) -> None:
    assert norm(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "二十三年来",  # 二十三, a real numeral
        "一二三五年",  # a numeral run, not a year missing its zero
        "二〇三五年",  # already right
        "二三年",  # two numerals: 2023? 2030? "two or three years"? ambiguous
        "编号20352021年",  # years out of order
        "共20219999年",  # second part is not a plausible year
        "120212035年",  # nine digits
    ],
)
def test_year_repairs_only_fire_when_unambiguous(raw: str) -> None:
    assert norm(raw) == raw


# ---------------------------------------------------------------- the offset map

MESSY = (
    "２０２１年 政 府 工 作 报 告\r\n\r\n"
    "各位代表：地区生产总值增长 ３ ． ８ ％，完成投资 21.5 亿元，\n"
    "- 2 -\n"
    "到二三五年（20212035年）基本实现现代化。 一、主要目标\u200b\n"
)


def test_every_unchanged_character_maps_to_itself_in_the_original() -> None:
    n = normalise(MESSY)
    changed = 0
    for i, ch in enumerate(n.text):
        o = n.offsets.to_original(i)
        assert 0 <= o < len(MESSY)
        if MESSY[o] != ch:
            changed += 1
            assert ch in "0123456789.%\n〇-" or ch.isascii(), (i, ch, MESSY[o])
    assert changed < 20


def test_offsets_are_non_decreasing_and_span_ends_map() -> None:
    n = normalise(MESSY)
    mapped = [n.offsets.to_original(i) for i in range(len(n.text) + 1)]
    assert mapped == sorted(mapped)
    assert n.offsets.to_original(len(n.text)) <= len(MESSY)
    start = n.text.index("21.5亿元")
    s, e = n.offsets.span_to_original(start, start + len("21.5亿元"))
    assert MESSY[s:e] == "21.5 亿元"


def test_original_offsets_map_forward_to_the_same_characters() -> None:
    n = normalise(MESSY)
    for i in range(len(n.text)):
        o = n.offsets.to_original(i)
        j = n.offsets.from_original(o)
        assert n.offsets.to_original(j) == o and j <= i  # the first stored character from that original one
    start = MESSY.index("21.5 亿元")
    assert n.text[n.offsets.from_original(start) :].startswith("21.5亿元")
    assert n.offsets.from_original(MESSY.index("- 2 -")) == n.text.index("到二〇三五年")  # a dropped line maps to what follows


def test_the_map_survives_json() -> None:
    n = normalise(MESSY)
    data = n.offsets.to_json()
    assert all(isinstance(x, int) for x in data)
    back = OffsetMap.from_json(data)
    assert [back.to_original(i) for i in range(len(n.text) + 1)] == [
        n.offsets.to_original(i) for i in range(len(n.text) + 1)
    ]


def test_run_compression_equals_a_plain_scan() -> None:
    from array import array

    rng = random.Random(7)
    for _ in range(500):
        origins, cur = [], rng.randint(0, 5)
        for _ in range(rng.randint(0, 400)):
            r = rng.random()
            cur += rng.randint(1, 9) if r < 0.05 else (-1 if r < 0.07 and cur else 0)
            origins.append(cur)
            cur += 1
        length = (origins[-1] + 1 if origins else 0) + rng.randint(0, 3)
        m = OffsetMap.from_origins(array("i", origins), length)
        assert [m.to_original(i) for i in range(len(origins))] == origins
        assert m.to_original(len(origins)) == length
        shifts = [o - i for i, o in enumerate(origins)]
        assert len(m.starts) <= 1 + sum(1 for a, b in zip(shifts, shifts[1:]) if a != b) + 1


def test_the_map_is_compact_for_clean_text(sample_texts: dict[str, tuple[str | None, str]]) -> None:
    for _, text in sample_texts.values():
        n = normalise(text)
        assert len(n.offsets.to_json()) < 200  # runs, not one entry per character
        for i in range(0, len(n.text), 97):
            if n.text[i] not in "\n〇-":
                assert text[n.offsets.to_original(i)] == n.text[i]


def test_empty_text_normalises_to_empty() -> None:
    n = normalise("")
    assert n.text == "" and n.offsets.to_original(0) == 0


# ---------------------------------------------------------------- idempotence

FRAGMENTS = [
    "政府工作报告", "政 府 工 作", "增长３．８％", "21.5 亿元", "4 . 1 %", "。", "，", "；", "：", "“", "”",
    " ", "  ", "　", "\n", "\n\n", "\n- 2 -\n", "\n第 3 页\n", "二三五年", "（20212035年）", "GDP", "Made in",
    "一、", "（二）", "各位代表", "1,234", "二○二一", "!", "? ", "\r\n", "\t", "2 0 2 1", "\u200b",
    "统筹推进疫情防控和经济社会发展", "地区生产总值", "12", "- ", "。 ", "！ 一",
]


@pytest.mark.parametrize("seed", range(6))
def test_normalise_is_idempotent(seed: int, sample_texts: dict[str, tuple[str | None, str]]) -> None:
    rng = random.Random(seed)
    cases = ["".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 120))) for _ in range(150)]
    # hard-wrapped shapes too: random fragments cut into lines of similar length
    for _ in range(30):
        s = "".join(rng.choice(FRAGMENTS[:12] + FRAGMENTS[-6:]) for _ in range(200)).replace("\n", "")
        w = rng.randint(8, 40)
        cases.append("\n".join(s[i : i + w] for i in range(0, len(s), w)))
    for case in cases:
        once = normalise(case).text
        assert normalise(once).text == once, repr(case)


def test_samples_are_fixed_points_after_one_pass(sample_texts: dict[str, tuple[str | None, str]]) -> None:
    for _, text in sample_texts.values():
        once = normalise(text).text
        assert normalise(once).text == once


@pytest.mark.parametrize("seed", range(3))
def test_offsets_stay_ordered_in_range_and_point_at_the_same_hanzi(seed: int) -> None:
    rng = random.Random(100 + seed)
    for _ in range(150):
        raw = "".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 80)))
        n = normalise(raw)
        mapped = [n.offsets.to_original(i) for i in range(len(n.text) + 1)]
        assert mapped == sorted(mapped), repr(raw)
        assert mapped[-1] <= len(raw) and all(0 <= o < len(raw) for o in mapped[:-1]), repr(raw)
        for i, ch in enumerate(n.text):
            if "\u4e00" <= ch <= "\u9fff" and ch != "〇":
                assert raw[mapped[i]] == ch, (repr(raw), i)

