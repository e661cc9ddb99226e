"""The shipped gazetteer is complete, consistent and navigable."""

from __future__ import annotations

from collections import Counter
from importlib import resources

import pytest

from zhaoshang.model import RegionRef
from zhaoshang.regions.gazetteer import VINTAGE, Gazetteer, load_gazetteer


def test_covers_every_province_prefecture_and_county(gazetteer: Gazetteer) -> None:
    levels = Counter(p.level for p in gazetteer)
    assert levels["province"] == 31
    assert levels["prefecture"] >= 330
    assert levels["county"] + levels["district"] >= 2800
    assert set(levels) == {"province", "prefecture", "county", "district"}


def test_codes_are_unique_six_digit_adcodes(gazetteer: Gazetteer) -> None:
    codes = [p.code for p in gazetteer]
    assert len(codes) == len(set(codes)) == len(gazetteer)
    assert all(len(c) == 6 and c.isdigit() for c in codes)


def test_every_division_but_provinces_has_an_existing_higher_level_parent(gazetteer: Gazetteer) -> None:
    rank = {"province": 0, "prefecture": 1, "county": 2, "district": 2}
    for p in gazetteer:
        if p.level == "province":
            assert p.parent_code is None and p.province_code == p.code
            continue
        parent = gazetteer.get(p.parent_code or "")
        assert parent is not None, p
        assert rank[parent.level] < rank[p.level], p
        assert p.code[:2] == parent.code[:2] == p.province_code[:2]


def test_no_nbs_placeholders_or_functional_zones(gazetteer: Gazetteer) -> None:
    names = {p.name for p in gazetteer}
    assert not names & {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
    assert not [n for n in names if n.endswith(("开发区", "高新区", "管理区", "示范区"))]


def test_municipality_districts_and_directly_administered_counties_hang_off_the_province(
    gazetteer: Gazetteer,
) -> None:
    beijing = gazetteer.by_name("北京市")[0]
    assert beijing.level == "province"
    chaoyang = next(p for p in gazetteer.by_name("朝阳区") if p.parent_code == beijing.code)
    assert gazetteer.ref(chaoyang.code).parents == ("北京市",)
    xiantao = gazetteer.by_name("仙桃市")[0]
    assert (xiantao.level, gazetteer.get(xiantao.parent_code or "").name) == ("county", "湖北省")
    shennongjia = gazetteer.by_name("神农架林区")[0]
    assert shennongjia.level == "county"
    assert gazetteer.by_name("碑林区")[0].level == "district"
    assert gazetteer.by_name("六枝特区")[0].level == "county"


def test_cities_without_districts_appear_once(gazetteer: Gazetteer) -> None:
    dongguan = gazetteer.by_full_name("东莞市")
    assert [(p.code, p.level) for p in dongguan] == [("441900", "prefecture")]


def test_vintage_is_recorded_in_the_data_and_matches_the_constant(gazetteer: Gazetteer) -> None:
    first = (resources.files("zhaoshang.regions") / "data" / "gazetteer.csv").read_text("utf-8").splitlines()[0]
    assert first == f"# {VINTAGE}"
    assert gazetteer.vintage == VINTAGE


def test_loading_is_cached(gazetteer: Gazetteer) -> None:
    assert load_gazetteer() is gazetteer


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("湖南", [("湖南省", "province")]),
        ("湖南省", [("湖南省", "province")]),
        ("普洱", [("普洱市", "prefecture")]),
        ("黔南", [("黔南布依族苗族自治州", "prefecture")]),
        ("黔南州", [("黔南布依族苗族自治州", "prefecture")]),
        ("广西", [("广西壮族自治区", "province")]),
        ("内蒙古", [("内蒙古自治区", "province")]),
        ("克拉玛依区", [("克拉玛依区", "district")]),
        ("中站", [("中站区", "district")]),
    ],
)
def test_by_name_accepts_full_short_and_usual_names(gazetteer: Gazetteer, name: str, expected: list) -> None:
    assert [(p.name, p.level) for p in gazetteer.by_name(name)] == expected


def test_by_name_returns_every_bearer_of_a_shared_name_highest_level_first(gazetteer: Gazetteer) -> None:
    chaoyang = gazetteer.by_name("朝阳区")
    assert len(chaoyang) == 2
    assert {gazetteer.ref(p.code).parents for p in chaoyang} == {("北京市",), ("吉林省", "长春市")}
    assert [p.level for p in gazetteer.by_name("吉林")] == ["province", "prefecture"]
    assert gazetteer.by_name("不存在的地方") == []


def test_get_accepts_nbs_prefixes(gazetteer: Gazetteer) -> None:
    assert gazetteer.get("43").name == "湖南省"  # type: ignore[union-attr]
    assert gazetteer.get("4308").name == "张家界市"  # type: ignore[union-attr]
    assert gazetteer.get("999999") is None


def test_parents_children_descendants_and_ref(gazetteer: Gazetteer) -> None:
    doumen = gazetteer.by_name("斗门区")[0]
    assert [p.name for p in gazetteer.parents(doumen.code)] == ["广东省", "珠海市"]
    zhuhai = gazetteer.get(doumen.parent_code or "")
    assert zhuhai is not None and doumen in gazetteer.children(zhuhai.code)
    guangdong = gazetteer.by_name("广东省")[0]
    below = gazetteer.descendants(guangdong.code)
    assert doumen in below and zhuhai in below
    assert all(p.province_code == guangdong.code for p in below)
    assert gazetteer.ref(doumen.code) == RegionRef("斗门区", "440403", "district", ("广东省", "珠海市"))


def test_names_hold_full_short_and_alias_forms(gazetteer: Gazetteer) -> None:
    names = gazetteer.names()
    assert {"湖南省", "湖南", "黔南布依族苗族自治州", "黔南", "黔南州", "中站区", "中站"} <= names
    assert all(len(n) >= 2 for n in names)
