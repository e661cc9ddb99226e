"""Enterprises: full names, short forms and listed brands, linked to one canonical name."""

from __future__ import annotations

import pytest

from zhaoshang.extract.enterprises import extract_enterprises
from zhaoshang.extract.names import canonical_key
from zhaoshang.model import Document


def names(text: str) -> list[str]:
    doc = Document(text=text)
    doc.enterprises = extract_enterprises(doc)
    doc.check_spans()
    return [e.name for e in doc.enterprises]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("组建小岗产业发展投资有限公司，强力推进园区基础设施PPP项目。", ["小岗产业发展投资有限公司"]),
        ("与四川省旅投集团创新公司成功牵手。", ["四川省旅投集团创新公司"]),
        ("支持宇澄热力公司逐步整合新疆油田公司稠油业务。", ["宇澄热力公司", "新疆油田公司"]),
        ("成功推动亚太集团债务重整。", ["亚太集团"]),
        ("湖南衡阳祥瑞矿业股份有限公司顺利投产。", ["湖南衡阳祥瑞矿业股份有限公司"]),
    ],
)
def test_full_names_with_organisation_suffix(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("帮助中核城建、华辉石业、立邦涂料等企业尽快入驻投产。", ["中核城建", "华辉石业", "立邦涂料"]),
        ("总投资4.8亿元的君禾铜业实现当年开工。", ["君禾铜业"]),
        ("冠宇电池成功申报国家企业技术中心认定。", ["冠宇电池"]),
        ("加快瑞欣铜业等入驻并建成投产。", ["瑞欣铜业"]),
        ("盼盼食品、濠州粮油一期投产。", ["盼盼食品", "濠州粮油"]),
        ("加快推进盈磊石材人造岗石项目。", ["盈磊石材"]),
    ],
)
def test_short_forms_brand_plus_business_word(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("平安、保利、万科、华侨城等知名企业进驻潮州。", ["平安", "保利", "万科", "华侨城"]),
        ("科力、红都等企业在乌克兰开展油气服务。", ["科力", "红都"]),
        ("积极引入陕西吉电、特变电等重点企业落地建设。", ["陕西吉电", "特变电"]),
        ("成功引进丰瑞菌业、五盛药业、北京天福号等龙头农业产业企业。", ["丰瑞菌业", "五盛药业", "北京天福号"]),
    ],
)
def test_bare_brands_in_lists_the_text_calls_enterprises(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "深化国有企业改革，完成公司制改革。",
        "完成县属国有企业重组挂牌，激发市场主体活力。",
        "培育龙头企业和规上企业，支持民营企业上市。",
        "打掉恶势力犯罪集团31个。",
        "启动粮油公司储备仓库改造建设。",
        "发展现代农业，壮大新能源新材料产业，建设智慧物流体系。",
        "推进大熊猫国家公园建设和城乡基础设施建设。",
        "稳妥推进民宿公司化工作。",
        "依托韩江实验室等重大科研平台。",
        "建设5G基站1000座以上，推进进口冷链食品监管。",
        "农林牧渔业总产值增长6.8%。",
    ],
)
def test_generic_groups_and_industry_phrases_are_not_enterprises(text: str) -> None:
    assert names(text) == []


def test_a_bare_brand_that_takes_an_award_as_an_enterprise_is_one() -> None:
    assert names("台玻获批国家级两化融合体系贯标企业。") == ["台玻"]
    assert names("小岗村获评全国文明村。") == []


def test_coined_names_the_government_helps_to_full_output_are_companies() -> None:
    assert names("支持三兴、华锐稳产满产。") == ["三兴", "华锐"]
    assert names("开展复工复产达产。") == []


def test_items_listed_with_a_full_company_name_are_companies() -> None:
    assert names("携手中茶公司、云南农垦打造有机茶强市。") == ["中茶公司", "云南农垦"]
    assert names("深化与平安、华为、腾讯等的战略合作。") == ["平安", "华为", "腾讯"]


def test_every_mention_of_a_company_shares_the_fullest_name_as_canonical() -> None:
    doc = Document(text="科力公司成功中标加拿大项目。鼓励西部钻探、科力等企业参与海外油气开发。")
    found = {e.name: e.canonical for e in extract_enterprises(doc)}
    assert found["科力"] == found["科力公司"] == "科力公司"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("四川君禾铜业有限公司", "君禾铜业"),
        ("福建华辉", "华辉石业"),
        ("福莱特光伏玻璃", "福莱特"),
        ("西部钻探公司", "西部钻探"),
        ("三环集团", "三环"),
    ],
)
def test_canonical_key_links_full_and_short_forms_across_reports(a: str, b: str) -> None:
    assert canonical_key(a) == canonical_key(b)


def test_canonical_key_keeps_names_that_are_only_business_words() -> None:
    assert canonical_key("中国石油") == "石油"
    assert canonical_key("立邦涂料") != canonical_key("立白洗涤")


def test_enterprises_get_industry_tags_from_their_names() -> None:
    doc = Document(text="帮助华辉石业、立邦涂料等企业尽快入驻投产。")
    tags = {e.name: e.industries for e in extract_enterprises(doc)}
    assert tags["华辉石业"]  # 石业 → 石材
