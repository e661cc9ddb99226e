"""Each report's own region comes from its channel, title and opening — never from a vote."""

from __future__ import annotations

import pytest
from region_samples import SAMPLES, Sample, needs_samples, require_samples

from zhaoshang.regions.gazetteer import Gazetteer
from zhaoshang.regions.recognise import RegionMatch, lookup, recognise_region, resolve_tail

EVIDENCE = {
    "channel_and_title": lambda s: {"channel": s.channel, "title": s.title},
    "title_only": lambda s: {"title": s.title},
    "channel_only": lambda s: {"channel": s.channel},
    "text_only": lambda s: {},
}


def _assert_gold(m: RegionMatch, sample: Sample, gazetteer: Gazetteer) -> None:
    gold = sample.gold["region"]
    assert m.status == "ok", (m, gold)
    assert m.region is not None
    assert (m.region.name, m.region.level, list(m.region.parents)) == (gold["name"], gold["level"], gold["parents"])
    place = gazetteer.get(m.region.adcode)
    assert place is not None and place.name == gold["name"]
    assert [p.name for p in gazetteer.parents(place.code)] == gold["parents"]


def test_the_ten_sample_reports_are_present() -> None:
    require_samples()
    assert len(SAMPLES) == 10


@needs_samples
@pytest.mark.parametrize("how", EVIDENCE)
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.doc)
def test_sample_reports_get_their_gold_region(sample: Sample, how: str, gazetteer: Gazetteer) -> None:
    m = recognise_region(sample.text, **EVIDENCE[how](sample))
    _assert_gold(m, sample, gazetteer)
    assert m.evidence


@needs_samples
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.doc)
def test_region_survives_text_without_its_first_line(sample: Sample, gazetteer: Gazetteer) -> None:
    """The listing gives the title on its own line; the body alone still has the opening."""
    m = recognise_region(sample.text.removeprefix(sample.title), channel=sample.channel)
    _assert_gold(m, sample, gazetteer)


def test_short_channel_name_resolves_to_the_province() -> None:
    m = recognise_region("各位代表：现在，我代表省人民政府，向大会作政府工作报告。", channel="【湖南招商】")
    assert (m.status, m.region and m.region.name) == ("ok", "湖南省")


def test_short_prefecture_name_resolves() -> None:
    m = recognise_region("各位代表：", channel="普洱招商")
    assert (m.status, m.region and m.region.name, m.region and m.region.level) == ("ok", "普洱市", "prefecture")


def test_shared_district_name_without_parent_mention_is_ambiguous() -> None:
    text = "2022年1月6日在朝阳区第十七届人民代表大会第一次会议上 区长 王五 各位代表：现在，我代表区人民政府作报告。"
    m = recognise_region(text)
    assert m.status == "ambiguous" and m.region is None
    assert {c.parents for c in m.candidates} == {("北京市",), ("吉林省", "长春市")}


@pytest.mark.parametrize(
    ("text", "parents"),
    [
        ("2022年1月6日在北京市朝阳区第十七届人民代表大会第一次会议上 区长 王五 各位代表：", ("北京市",)),
        ("2022年1月6日在朝阳区第十七届人民代表大会第一次会议上 区长 王五 各位代表：在长春市委的领导下，"
         "我们服务长春现代化都市圈建设。", ("吉林省", "长春市")),
        ("各位代表：过去一年，在首都北京的发展大局中，我们……", ("北京市",)),
    ],
    ids=["path_in_dateline", "parent_in_opening", "parent_in_body_start"],
)
def test_shared_district_name_resolves_by_the_parent_the_text_mentions(text: str, parents: tuple) -> None:
    m = recognise_region(text, title="2022年朝阳区政府工作报告")
    assert m.status == "ok" and m.region is not None
    assert (m.region.name, m.region.parents) == ("朝阳区", parents)


def test_parent_mentions_deep_in_the_body_decide_only_when_the_opening_is_silent() -> None:
    filler = "各位代表：我们在市委的领导下……" + "。" * 3000
    deep = recognise_region(filler + "北京" * 5 + "长春", title="朝阳区政府工作报告")
    assert deep.region is not None and deep.region.parents == ("北京市",)
    early = recognise_region("各位代表：服务长春发展" + filler + "北京" * 5, title="朝阳区政府工作报告")
    assert early.region is not None and early.region.parents == ("吉林省", "长春市")
    tie = recognise_region(filler + "北京长春", title="朝阳区政府工作报告")
    assert tie.status == "ambiguous"


@pytest.mark.parametrize(
    ("opening", "name", "level"),
    [
        ("在衡阳第十五届人民代表大会第九次会议上 市长 张三 各位代表：我代表市人民政府", "衡阳市", "prefecture"),
        ("在衡阳第十八届人民代表大会第五次会议上 县长 张三 各位代表：我代表县人民政府", "衡阳县", "county"),
    ],
)
def test_same_named_prefecture_and_county_follow_the_office_named(opening: str, name: str, level: str) -> None:
    m = recognise_region("2021年1月5日" + opening, channel="衡阳招商")
    assert m.region is not None and (m.region.name, m.region.level) == (name, level)


def test_deeper_title_refines_a_parent_channel() -> None:
    m = recognise_region("各位代表：", channel="【雅安招商】", title="2021年宝兴县政府工作报告")
    assert m.region is not None and (m.region.name, m.region.parents) == ("宝兴县", ("四川省", "雅安市"))


def test_channel_that_is_not_a_place_is_ignored() -> None:
    m = recognise_region("各位代表：", channel="【政策法规】", title="2021年凤阳县政府工作报告")
    assert m.region is not None and m.region.name == "凤阳县"


def test_dateline_path_names_the_parent() -> None:
    m = recognise_region("2021年2月25日在珠海市斗门区第四届人民代表大会第七次会议上珠海市斗门区区长马洪胜各位代表：")
    assert m.region is not None and (m.region.name, m.region.parents) == ("斗门区", ("广东省", "珠海市"))
    assert m.evidence == "珠海市斗门区"


def test_reporting_government_is_enough() -> None:
    m = recognise_region("各位代表：现在，我代表黔南州人民政府向大会报告工作。")
    assert m.region is not None and m.region.name == "黔南布依族苗族自治州"


def test_places_mentioned_only_in_the_body_are_not_the_region() -> None:
    body = "各位代表：过去一年，我们与成都、重庆、雅安深化合作，宝兴、芦山、天全项目加快推进。" * 20
    assert recognise_region(body).status == "unknown"


def test_unknown_when_nothing_names_a_region() -> None:
    m = recognise_region("")
    assert (m.status, m.region, m.candidates) == ("unknown", None, [])


@pytest.mark.parametrize("hint", ["湖南", "湖南省", "430000", "43"])
def test_hint_overrides_everything(hint: str) -> None:
    m = recognise_region("2021年1月5日在凤阳县第十六届人民代表大会第六次会议上", title="2021年凤阳县政府工作报告", hint=hint)
    assert (m.status, m.region and m.region.name) == ("override", "湖南省")


def test_hint_with_a_parent_path_or_code_picks_one_of_a_shared_name() -> None:
    assert recognise_region("", hint="吉林省长春市朝阳区").region.adcode == "220104"  # type: ignore[union-attr]
    assert recognise_region("", hint="长春市 朝阳区").region.adcode == "220104"  # type: ignore[union-attr]
    assert recognise_region("", hint="110105").region.parents == ("北京市",)  # type: ignore[union-attr]
    assert recognise_region("", hint="朝阳区").status == "ambiguous"
    assert recognise_region("", hint="不存在县").status == "unknown"


def test_lookup_and_resolve_tail(gazetteer: Gazetteer) -> None:
    assert [p.name for p in lookup(gazetteer, "普洱")] == ["普洱市"]
    assert [p.code for p in resolve_tail(gazetteer, "我代表克拉玛依区")] == ["650203"]
    assert [p.code for p in resolve_tail(gazetteer, "会议上北京市朝阳区")] == ["110105"]
    assert resolve_tail(gazetteer, "我代表县") == []


def _hard_wrap(text: str, width: int = 30) -> str:
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))


@needs_samples
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.doc)
def test_hard_wrapped_opening_still_names_the_region(sample: Sample, gazetteer: Gazetteer) -> None:
    _assert_gold(recognise_region(_hard_wrap(sample.text[:3000])), sample, gazetteer)


def test_spaced_characters_in_the_opening() -> None:
    m = recognise_region("2021年2月2日在 普 洱 市 第四届人民代表大会第五次会议上 市长刘勇 各位代表：")
    assert m.region is not None and m.region.name == "普洱市"


def test_long_title_with_the_dateline() -> None:
    title = "政府工作报告——2021年2月25日在珠海市斗门区第四届人民代表大会第七次会议上"
    m = recognise_region("各位代表：", title=title)
    assert m.region is not None and m.region.name == "斗门区"


def test_level_cue_from_office_after_the_name() -> None:
    m = recognise_region("在衡阳第十五届人民代表大会第九次会议上衡阳县县长张三各位代表：", channel="衡阳")
    assert m.region is not None and m.region.name == "衡阳县"


@pytest.mark.parametrize(
    ("title", "name", "parents"),
    [
        ("2018年莱芜市政府工作报告", "莱芜区", ("山东省", "济南市")),  # 撤市设区 (2019)
        ("2016年长乐市政府工作报告", "长乐区", ("福建省", "福州市")),
    ],
)
def test_an_older_name_whose_suffix_changed_finds_its_successor(title: str, name: str, parents: tuple) -> None:
    m = recognise_region("各位代表：", title=title)
    assert m.region is not None and (m.region.name, m.region.parents) == (name, parents)


def test_title_naming_the_government_before_the_year() -> None:
    m = recognise_region("各位代表：", title="宝兴县人民政府2021年政府工作报告")
    assert m.region is not None and m.region.name == "宝兴县"


def test_an_unknown_name_with_a_county_suffix_stays_unknown() -> None:
    assert recognise_region("各位代表：", title="2021年火星县政府工作报告").status == "unknown"


def test_a_misfiled_channel_loses_to_title_and_dateline_that_agree() -> None:
    text = "2021年1月5日在凤阳县第十六届人民代表大会第六次会议上县人民政府代县长;朱林各位代表："
    m = recognise_region(text, channel="【湖南招商】", title="2021年凤阳县政府工作报告")
    assert m.region is not None and m.region.name == "凤阳县"


def test_channel_wins_a_one_to_one_disagreement() -> None:
    m = recognise_region("各位代表：", channel="【湖南招商】", title="2021年凤阳县政府工作报告")
    assert m.region is not None and m.region.name == "湖南省"
