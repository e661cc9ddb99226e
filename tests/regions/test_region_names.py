"""Short names follow general suffix rules and are never a single or generic character run."""

from __future__ import annotations

import pytest

from zhaoshang.regions.gazetteer import Gazetteer
from zhaoshang.regions.names import aliases, short_name, usable


@pytest.mark.parametrize(
    ("name", "level", "short"),
    [
        ("湖南省", "province", "湖南"),
        ("北京市", "province", "北京"),
        ("新疆维吾尔自治区", "province", "新疆"),
        ("宁夏回族自治区", "province", "宁夏"),
        ("内蒙古自治区", "province", "内蒙古"),  # 蒙古 is a nationality, but 内 alone is no name
        ("西藏自治区", "province", "西藏"),
        ("普洱市", "prefecture", "普洱"),
        ("阿里地区", "prefecture", "阿里"),
        ("兴安盟", "prefecture", "兴安"),
        ("黔南布依族苗族自治州", "prefecture", "黔南"),
        ("博尔塔拉蒙古自治州", "prefecture", "博尔塔拉"),  # nationality written without 族
        ("云山傣族拉祜族佤族自治县", "county", "云山"),  # made-up name, same rule
        ("东乡族自治县", "county", "东乡"),
        ("隆林各族自治县", "county", "隆林"),
        ("宝兴县", "county", "宝兴"),
        ("神农架林区", "county", "神农架"),
        ("浦东新区", "district", "浦东"),
        ("清新区", "district", "清新"),  # 新区 would leave one character; 区 is stripped instead
        ("克拉玛依区", "district", "克拉玛依"),
        ("代县", "county", "代县"),  # never one character
        ("城区", "district", "城区"),
        ("市中区", "district", "市中区"),  # 市中 is generic, not a place
        ("城东区", "district", "城东区"),
    ],
)
def test_short_name(name: str, level: str, short: str) -> None:
    assert short_name(name, level) == short


@pytest.mark.parametrize(
    ("name", "level", "expected"),
    [
        ("黔南布依族苗族自治州", "prefecture", ("黔南州",)),
        ("三都水族自治县", "county", ("三都县",)),
        ("鄂伦春自治旗", "county", ("鄂伦春旗",)),
        ("广西壮族自治区", "province", ()),
        ("普洱市", "prefecture", ()),
    ],
)
def test_autonomous_units_have_the_usual_abbreviated_alias(name: str, level: str, expected: tuple) -> None:
    assert aliases(name, short_name(name, level)) == expected


def test_usable_rejects_single_and_generic_stems() -> None:
    assert not usable("城")
    assert not usable("市北")
    assert usable("中站")


def test_every_shipped_short_name_is_a_prefix_stem_of_at_least_two_characters(gazetteer: Gazetteer) -> None:
    for p in gazetteer:
        assert len(p.short) >= 2, p
        assert p.name.startswith(p.short), p
