"""Parks and zones: named places for industry, with a normalised kind; generic uses left out."""

from __future__ import annotations

import pytest

from zhaoshang.extract.parks import extract_parks
from zhaoshang.model import Document


def parks(text: str) -> list[tuple[str, str]]:
    doc = Document(text=text)
    doc.parks = extract_parks(doc)
    doc.check_spans()
    return [(p.name, p.park_kind) for p in doc.parks]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("总投资20亿元的五龙汉白玉新材料产业园开工建设。", [("五龙汉白玉新材料产业园", "产业园")]),
        ("推动凤阳经开区与江苏如东开发区深化合作。", [("凤阳经开区", "经开区"), ("江苏如东开发区", "开发区")]),
        ("推动凤泉湖高新区创建国家级高新区。", [("凤泉湖高新区", "高新区")]),
        ("争取纳入中国（湖南）自由贸易试验区。", [("中国（湖南）自由贸易试验区", "自贸区")]),
        ("加快推进广丰物流园申报建设保税物流中心。", [("广丰物流园", "物流园")]),
        ("争当皖北承接产业转移示范区排头兵。", [("皖北承接产业转移示范区", "示范区")]),
        ("武店建材加工集中区脱硫设施全面建成。", [("武店建材加工集中区", "产业集聚区")]),
        ("万亩晚季枇杷产业园加快实施。", [("万亩晚季枇杷产业园", "产业园")]),
        ("汉白玉产销基地开工建设。", [("汉白玉产销基地", "基地")]),
        ("在火车站南片区打造北疆西部区域综合服务型物流园。", [("北疆西部区域综合服务型物流园", "物流园")]),
        ("做强飞地园区有色金属循环产业园。", [("有色金属循环产业园", "产业园")]),
        ("抓好菜鸟智能工业园区、海润跨境电商基地建设。", [("菜鸟智能工业园区", "工业园"), ("海润跨境电商基地", "基地")]),
        ("总投资50亿元的南玻面板、20亿元的韵达产业园开工。", [("韵达产业园", "产业园")]),
        ("积极参与塔城重点开发开放试验区建设。", [("塔城重点开发开放试验区", "试验区")]),
        ("加快河口渔业示范区建设。", [("河口渔业示范区", "示范区")]),
    ],
)
def test_named_parks_and_their_kinds(text: str, expected: list[tuple[str, str]]) -> None:
    assert parks(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "开展园区专项整治提升行动，促进园区扩容增效。",
        "积极争取各类园区建设用地指标。",
        "5家市级以上现代农业产业园实现产值50亿元。",
        "创建一批国家、省、市级现代农业产业园。",
        "培育省级休闲农业园区1个。",
        "3000亩蓝莓、5000亩葡萄、6000亩黄桃基地连线成片。",
        "小岗村获评全省唯一国家法治宣传教育基地。",
        "先后荣获国家生态文明建设示范县、中国森林养生基地等称号。",
        "加快建成全国红色教育示范基地。",
        "创建国家全域旅游示范区和乡村振兴示范区。",
        "“中国日用玻璃产业基地·凤阳”称号通过复评。",
        "打造千亿级智能制造示范区。",
        "深化农村宅基地制度改革试点。",
        "按照“三园一基地”建设布局推进。",
        "学习借鉴经济特区和自贸试验区先进经验。",
    ],
)
def test_generic_counted_and_awarded_uses_are_not_parks(text: str) -> None:
    assert parks(text) == []


def test_a_park_named_after_a_title_verb_is_the_title_but_the_subject_is_a_park() -> None:
    found = parks("斗门农业电商孵化园获评全国互联网+产业双创工程示范基地。")
    assert found == [("斗门农业电商孵化园", "产业园")]


def test_parks_get_industry_tags_from_their_names() -> None:
    doc = Document(text="规划建设数字经济产业园。")
    (park,) = extract_parks(doc)
    assert park.industries


def test_one_fact_per_name_as_written_with_the_first_mention() -> None:
    text = "五龙新材料产业园开工。加快建设五龙新材料产业园区。完善五龙新材料产业园配套。"
    found = extract_parks(Document(text=text))
    assert [p.name for p in found] == ["五龙新材料产业园", "五龙新材料产业园区"]
    assert found[0].start == 0
