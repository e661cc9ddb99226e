"""Recognition holds for every division in the country, not just the samples."""

from __future__ import annotations

from collections import Counter

from zhaoshang.regions.gazetteer import Gazetteer
from zhaoshang.regions.recognise import recognise_region


def _opening(name: str, office_char: str) -> str:
    return (f"2021年1月5日在{name}第十届人民代表大会第五次会议上 {office_char}长 张三 各位代表："
            f"现在，我代表{office_char}人民政府向大会报告工作。")


def _office_char(level: str, name: str) -> str:
    return "省" if level == "province" else name[-1]


def test_every_division_named_in_its_dateline_is_recognised_or_flagged_ambiguous(gazetteer: Gazetteer) -> None:
    wrong, ambiguous_unique = [], []
    for p in gazetteer:
        m = recognise_region(_opening(p.name, _office_char(p.level, p.name)))
        if m.status == "ok":
            if m.region is None or m.region.adcode != p.code:
                wrong.append(p.name)
        elif m.status == "ambiguous":
            assert p.code in {c.adcode for c in m.candidates}
            if len(gazetteer.by_full_name(p.name)) == 1:
                ambiguous_unique.append(p.name)
        else:
            wrong.append(p.name)
    assert wrong == []
    assert ambiguous_unique == []  # only names borne by several divisions stay ambiguous


def test_every_division_with_its_parent_in_the_dateline_is_recognised(gazetteer: Gazetteer) -> None:
    wrong = []
    for p in gazetteer:
        parents = gazetteer.parents(p.code)
        if not parents:
            continue
        m = recognise_region(f"2021年1月5日在{parents[-1].name}{p.name}第十届人民代表大会第五次会议上 各位代表：")
        if m.status != "ok" or m.region is None or m.region.adcode != p.code:
            wrong.append(p.name)
    assert wrong == []


def test_short_names_in_the_dateline_are_never_resolved_to_the_wrong_division(gazetteer: Gazetteer) -> None:
    wrong, ok = [], 0
    for p in gazetteer:
        if p.short == p.name:
            continue
        m = recognise_region(_opening(p.short, _office_char(p.level, p.name)))
        if m.status == "ok" and m.region is not None and m.region.adcode == p.code:
            ok += 1
        elif m.status != "ambiguous":
            wrong.append((p.name, m.status, m.region))
    assert wrong == []
    assert ok > 2900


def test_every_shared_name_resolves_by_the_parent_its_opening_mentions(gazetteer: Gazetteer) -> None:
    counts = Counter(p.name for p in gazetteer)
    shared = [p for p in gazetteer if counts[p.name] > 1]
    assert len(shared) > 40  # 朝阳区, 鼓楼区, 新华区, 城区 ...
    wrong = []
    for p in shared:
        parent = gazetteer.parents(p.code)[-1]
        text = (_opening(p.name, _office_char(p.level, p.name))
                + f"过去一年，在{parent.short}市委的坚强领导下，我们融入{parent.short}发展大局。")
        m = recognise_region(text)
        if m.status != "ok" or m.region is None or m.region.adcode != p.code:
            wrong.append(p.name)
    assert wrong == []
