"""Sections from inline headings: kinds, order, coverage, on written shapes and the samples."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from zhaoshang.extract import sections
from zhaoshang.extract.sections import classify_heading, plan_span, split_sections
from zhaoshang.ingest.normalise import normalise

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seed-reports"


def kinds(text: str, year: int | None = 2021) -> list[str]:
    return [s.kind for s in split_sections(text, year)]


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("2020年工作回顾", "review"),
        ("2020年工作和“十三五”工作回顾", "review"),
        ("“十三五”时期及2020年工作回顾", "review_plan"),
        ("盘点“十三五”", "review_plan"),
        ("“十四五”时期主要目标任务", "plan"),
        ("2035年远景目标及“十四五”时期主要目标任务", "plan"),
        ("今后五年及2021年重点工作安排", "plan"),
        ("2021年重点工作", "tasks"),
        ("2021年主要目标任务", "tasks"),
        ("聚焦2021", "tasks"),
        ("加强政府自身建设", "self_improvement"),
        ("名词解释", "appendix"),
        ("着力推动文旅产业融合", None),
        ("实施产业大升级行动", None),
    ],
)
def test_classify_heading(title: str, kind: str | None) -> None:
    assert classify_heading(title, 2021) == kind


def test_plan_span_is_computed_from_the_ordinal() -> None:
    assert plan_span(13) == (2016, 2020)
    assert plan_span(14) == (2021, 2025)
    assert plan_span(12) == (2011, 2015)


def test_sections_are_contiguous_and_cover_the_text() -> None:
    text = (
        "各位代表：现在我代表县人民政府报告工作。一、2020年工作回顾 去年全县经济平稳。"
        "二、“十四五”时期主要目标任务 今后五年目标明确。三、2021年重点工作 今年要做好以下工作。"
        "四、加强政府自身建设 坚持依法行政。" + "各项工作扎实推进。" * 30 + "各位代表，让我们团结奋斗！"
    )
    secs = split_sections(text, 2021)
    assert [s.kind for s in secs] == ["preamble", "review", "plan", "tasks", "self_improvement", "closing"]
    assert secs[0].start == 0 and secs[-1].end == len(text)
    assert all(a.end == b.start for a, b in zip(secs, secs[1:]))
    assert secs[1].title == "一、2020年工作回顾"


def test_unnumbered_headings_glued_to_the_body() -> None:
    text = "请予审议。2020年工作和“十三五”工作回顾2020年是极不平凡的一年。“十四五”规划和2035年远景目标考虑“十四五”时期是新起点。2021年重点工作安排2021年是开局之年。"
    assert kinds(text) == ["preamble", "review", "plan", "tasks"]


def test_numbered_task_items_naming_the_plan_stay_inside_the_tasks() -> None:
    text = "2021年重点工作安排 今年目标如下。一、着力抓好疫情防控。二、着力抢抓“十四五”规划和国家重大战略实施机遇。"
    assert kinds(text) == ["tasks"]


def test_a_sentence_that_mentions_self_improvement_is_not_a_heading() -> None:
    text = "2021年重点工作 今年目标如下。五年来，我们不忘初心，政府自身建设展现新风貌。七是强化了法治政府自身建设。"
    assert kinds(text) == ["tasks"]


def test_glossary_after_the_closing() -> None:
    text = "三、2021年重点工作 今年要做好工作。" + "认真落实。" * 60 + "各位代表！让我们共同奋斗！名词解释 1.六稳：稳就业。"
    assert kinds(text) == ["tasks", "closing", "appendix"]


def test_text_without_headings_is_one_other_section() -> None:
    secs = split_sections("地区生产总值增长3.8%。", 2021)
    assert [(s.kind, s.start, s.end) for s in secs] == [("other", 0, len("地区生产总值增长3.8%。"))]


def test_headings_on_their_own_lines() -> None:
    text = "各位代表：\n一、2021年工作回顾\n一年来，全县经济平稳。\n二、2022年工作安排\n今年要做好以下工作。\n"
    assert kinds(text, 2022) == ["preamble", "review", "tasks"]


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="sample corpus not present")
@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")) if SAMPLES.is_dir() else [], ids=lambda p: p.stem)
def test_every_sample_has_review_plan_and_tasks_parts_in_order(path: Path) -> None:
    raw = path.read_text(encoding="utf-8").split("\n", 1)[1]
    for text in (raw, normalise(raw).text):  # as published, and as stored
        _check_order(split_sections(text, 2021))


def _check_order(secs: list) -> None:
    got = [s.kind for s in secs]
    assert got[0] == "preamble"
    assert {"review", "review_plan"} & set(got) and "plan" in got
    order = {"preamble": 0, "review": 1, "review_plan": 1, "plan": 2, "tasks": 3, "self_improvement": 4, "closing": 5, "appendix": 6}
    assert [order[k] for k in got] == sorted(order[k] for k in got)


def test_years_written_in_chinese_numerals() -> None:
    text = "各位代表：请审议。一、二〇二〇年工作回顾 去年经济平稳。二、二〇二一年重点工作 今年稳增长。"
    assert kinds(text) == ["preamble", "review", "tasks"]


def test_a_glossary_glued_to_the_text_before_it() -> None:
    text = "三、2021年重点工作 今年要做好工作。" + "认真落实。" * 60 + "各位代表！让我们共同奋斗！责任单位:市住建局名词解释1.六稳:稳就业。"
    secs = split_sections(text, 2021)
    assert [s.kind for s in secs] == ["tasks", "closing", "appendix"]
    assert text[secs[-1].start :].startswith("名词解释")


_FILLER = "全面推进高质量发展奋力谱写新篇章全面推进高质量发展奋力谱写新篇章"


@pytest.mark.parametrize(
    ("gap", "tail", "found"),
    [
        (0, "，今年", True), (0, "。今年", True), (0, _FILLER, False),
        (17, "，今年", True), (17, "。今年", True), (17, _FILLER, True),  # 工作 ends the 24-character cut
        (30, "，今年", True), (30, "。今年", False), (30, _FILLER, False),
    ],
)
def test_a_heading_ending_in_work_is_found_where_the_title_ends_with_it(gap: int, tail: str, found: bool) -> None:
    # 工作 makes a future heading only as its last word: before a comma or a clause break,
    # or where a long clause is cut to its first 24 characters.
    text = "各位代表：去年经济平稳。一、2021年" + _FILLER[:gap] + "工作" + tail + "要稳增长。"
    secs = split_sections(text, 2021)
    assert [s.title for s in secs if s.kind == "tasks"] == (["一、2021年" + _FILLER[:gap] + "工作"] if found else [])


def test_a_heading_number_with_a_space_inside_opens_one_part() -> None:
    text = "十 一、2021年重点工作今年要稳增长。"
    secs = split_sections(text, 2021)
    assert [(s.kind, s.title) for s in secs] == [("tasks", "十 一、2021年重点工作")]


def test_the_last_glued_glossary_word_followed_by_an_item_opens_the_appendix() -> None:
    text = "二、2021年重点工作 今年要稳增长，注释(1)见后。发布单位建设局名词解释1.四条防线：见注释说明"
    secs = split_sections(text, 2021)
    assert [(s.kind, s.title) for s in secs] == [("tasks", "二、2021年重点工作"), ("appendix", "名词解释")]
    assert text[secs[-1].start :].startswith("名词解释1.")


_PIECES = [
    "一、", "二、", "十 一、", "(一)", "（二）", "2021年", "二〇二一年", "工作", "重点工作", "回顾", "过去五年", "十四五",
    "今后五年", "目标", "任务", "政府", "自身建设", "名词解释", "注释", "附件", "附:", "各位代表,", "。", "；", ":", " ",
    "\n", "\t", "\u3000", "，", "加强", "建设", "人民满意", "服务型政府", "聚焦", "展望", "考虑", "安排", "主要", "开局",
    "奋进", "擘画", "谋划", "总结", "成就", "盘点", "今年", "去年", "经济", "增长", "发展", "1.", "2035年", "远景目标",
    "“", "”", "全面推进高质量发展",
]


# Plus every plain word the classifier looks for, so that a word added there without
# adding it to the trigger scan fails the test below.
_PIECES += [
    alt.rstrip("$")
    for pattern in (sections._REVIEW_WORD, sections._FUTURE_WORD, sections._SELF_HEAD, sections._APPENDIX_HEAD,
                    sections._TITLE_END, sections._KIND_WORD)
    for alt in pattern.pattern.split("|")
    if re.fullmatch(r"[\u4e00-\u9fff]+\$?", alt)
]


def _every_boundary(text: str):  # noqa: ANN202 - the plain scan the fast one must equal
    m = sections._OPENING.match(text)
    if m:
        yield 0, m.end(), m["num"]
    for m in sections._BOUNDARY.finditer(text):
        yield m.start() + 1, m.end(), m["num"]


@pytest.mark.parametrize("seed", range(4))
def test_the_trigger_scan_finds_the_parts_that_visiting_every_boundary_finds(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(seed)
    texts = ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 60))) for _ in range(1000)]
    years = [rng.choice([None, 2020, 2021]) for _ in texts]
    fast = [split_sections(t, y) for t, y in zip(texts, years)]
    monkeypatch.setattr(sections, "_candidates", _every_boundary)
    monkeypatch.setattr(sections, "_may_head", lambda text, body: True)
    slow = [split_sections(t, y) for t, y in zip(texts, years)]
    assert fast == slow
    assert sum(len(s) > 1 for s in fast) > 100  # the texts do hold parts


def test_a_review_sub_point_about_the_governments_own_work_opens_no_part() -> None:
    text = (
        "一、2020年工作回顾 （一）经济运行稳定恢复。全区地区生产总值增长3.9%。"
        "（二）政府自身建设不断加强。坚持依法行政。"
        "二、“十四五”时期主要目标任务 地区生产总值年均增长5.5%。"
        "三、2021年重点工作 今年要抓好以下工作。"
        "四、加强政府自身建设 各级政府要坚持依法行政。"
    )
    kinds = [(s.kind, s.title[:2]) for s in split_sections(text, 2021)]
    assert [k for k, _ in kinds] == ["review", "plan", "tasks", "self_improvement"]
