"""Policy documents: official titles in 《》 with the action and a category; works of culture skipped."""

from __future__ import annotations

import pytest

from zhaoshang.extract.policies import extract_policies, policy_category
from zhaoshang.model import Document


def policies(text: str) -> list[tuple[str, str | None, str]]:
    doc = Document(text=text)
    doc.policies = extract_policies(doc)
    doc.check_spans()
    return [(p.title, p.action, p.category) for p in doc.policies]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("编制了《宝兴县全域旅游规划(2021-2035年)》。", ("宝兴县全域旅游规划(2021-2035年)", "编制", "plan")),
        ("县政府组织编制了《X县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要（草案）》。",
         ("X县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要（草案）", "编制", "plan")),
        ("在全市率先出台《支持企业应对疫情共渡难关有关政策的实施方案》。",
         ("支持企业应对疫情共渡难关有关政策的实施方案", "出台", "policy")),
        ("印发《关于加快建筑业发展的若干意见》。", ("关于加快建筑业发展的若干意见", "印发", "policy")),
        ("认真贯彻《雅安市新村聚居点管理条例》。", ("雅安市新村聚居点管理条例", "贯彻", "law")),
        ("落实《中华人民共和国国防法》。", ("中华人民共和国国防法", "落实", "law")),
        ("修订完善《凤阳县人民政府工作规则》。", ("凤阳县人民政府工作规则", "修订", "law")),
        ("完成《潮州市城市总体规划(2015-2035年)》编制。", ("潮州市城市总体规划(2015-2035年)", "编制", "plan")),
        ("制定《X市招商引资优惠政策实施细则》。", ("X市招商引资优惠政策实施细则", "制定", "policy")),
        ("县委《关于制定X县第十四个五年规划的建议》。", ("关于制定X县第十四个五年规划的建议", None, "other")),
    ],
)
def test_titles_with_action_and_category(text: str, expected: tuple[str, str | None, str]) -> None:
    assert policies(text) == [expected]


def test_one_verb_before_a_list_of_titles_applies_to_each() -> None:
    found = policies("落实《普洱市文明行为促进条例》、《普洱市古茶树资源保护条例》。")
    assert [a for _, a, _ in found] == ["落实", "落实"]


@pytest.mark.parametrize(
    "text",
    [
        "开展《感谢那一年》《又唱花鼓》首映式。",
        "编纂出版《潮州文化丛书》。",
        "发布《明中都遗址价值专项研究》。",
        "《纲要》(草案)综合考虑国内外发展趋势。",
        "《纲要草案》提出了总体目标。",
    ],
)
def test_works_of_culture_studies_and_back_references_are_skipped(text: str) -> None:
    assert policies(text) == []


def test_category_ignores_draft_and_year_tails() -> None:
    assert policy_category("某某规划（2021-2025年）") == "plan"
    assert policy_category("某某办法(试行)") == "policy"
    assert policy_category("政府工作报告") == "other"
    assert policy_category("岗上花开") is None


def test_a_document_named_twice_is_one_fact() -> None:
    assert len(policies("审议通过《X市扬尘污染防治条例》。严格执行《X市扬尘污染防治条例》。")) == 1
