"""Scoring rules: what counts as the same fact, and the P/R/F1 arithmetic."""

from __future__ import annotations

import pytest

from zhaoshang.evaluate.score import (
    combine,
    indicator_matches,
    match_facts,
    name_matches,
    project_matches,
    region_matches,
    score_document,
)

GDP = {"metric": "gdp", "period": "2020", "kind": "actual", "measure": "growth_pct", "number": 4.1, "unit": "%"}


def test_indicator_matches_on_all_keys_and_number_within_tolerance() -> None:
    assert indicator_matches(GDP, {**GDP, "number": 4.1004, "quote": "x"})
    for key, other in [("metric", "cpi"), ("period", "2021"), ("kind", "target"), ("measure", "value"), ("number", 4.2)]:
        assert not indicator_matches(GDP, {**GDP, key: other})


def test_money_is_compared_in_yuan() -> None:
    gold = {**GDP, "measure": "value", "number": 0.35, "unit": "亿元", "value_yuan": 35_000_000}
    assert indicator_matches(gold, {**gold, "number": 3500, "unit": "万元", "value_yuan": 35_000_000.0})
    assert not indicator_matches(gold, {**gold, "number": 3500, "unit": "万元", "value_yuan": 35_000_001_000})


def test_other_units_must_agree() -> None:
    gold = {**GDP, "measure": "value", "number": 80, "unit": "万吨"}
    assert not indicator_matches(gold, {**gold, "unit": "吨"})


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("五龙汉白玉新材料产业园", "五龙汉白玉新材料产业园", True),
        ("五龙汉白玉新材料产业园", "五龙汉白玉新材料产业园项目", True),  # containment
        ("“君禾铜业”", "君禾铜业", True),  # punctuation ignored
        ("中核城建汉白玉绿色建材一体化生产项目", "中核城建汉白玉绿色建材生产项目", True),  # overlap ≥ 0.6
        ("君禾铜业", "世行贷款项目", False),
        ("", "x", False),
    ],
)
def test_similar_names(a: str, b: str, same: bool) -> None:
    assert name_matches(a, b) is same


def test_project_needs_the_same_investment() -> None:
    gold = {"name": "汉白玉产销基地", "investment_yuan": 1e9}
    assert project_matches(gold, {"name": "汉白玉产销基地", "investment_yuan": 1.0e9})
    assert not project_matches(gold, {"name": "汉白玉产销基地", "investment_yuan": 2e9})


def test_region_needs_name_level_and_parents() -> None:
    gold = {"name": "宝兴县", "level": "county", "parents": ["四川省", "雅安市"]}
    assert region_matches(gold, {**gold, "adcode": "511827"})
    assert not region_matches(gold, {**gold, "parents": ["四川省"]})
    assert not region_matches(gold, None)


def test_matching_is_one_to_one_and_lists_misses_and_false_hits() -> None:
    other = {**GDP, "number": 9.9}
    s = match_facts("d", [GDP, {**GDP, "metric": "cpi"}], [GDP, GDP, other], indicator_matches)
    assert (s.tp, s.fp, s.fn) == (1, 2, 1)
    assert s.precision == pytest.approx(1 / 3) and s.recall == pytest.approx(1 / 2)
    assert s.f1 == pytest.approx(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))
    assert [f["metric"] for _, f in s.misses] == ["cpi"]
    assert len(s.false_hits) == 2


def test_empty_sets_score_perfectly_rather_than_dividing_by_zero() -> None:
    s = match_facts("d", [], [], indicator_matches)
    assert (s.precision, s.recall) == (1.0, 1.0)


def test_score_document_scores_entities_only_when_labelled() -> None:
    gold = {"indicators": [GDP], "projects": [], "region": {"name": "宝兴县", "level": "county", "parents": []}}
    got = {"report": {"region": {"name": "宝兴县", "level": "county", "parents": []}}, "indicators": [GDP], "projects": [],
           "enterprises": [{"name": "君禾铜业有限公司"}], "parks": [], "policies": [{"title": "宝兴县招商引资办法"}]}
    assert set(score_document("d", gold, got)) == {"indicators", "projects", "regions"}
    labels = {"enterprises": [{"name": "君禾铜业"}], "parks": [{"name": "五龙产业园"}], "policies": [{"title": "宝兴县招商引资办法"}]}
    scores = score_document("d", gold, got, labels)
    assert (scores["enterprises"].tp, scores["parks"].fn, scores["policies"].tp) == (1, 1, 1)
    total = combine([scores, scores])
    assert total["indicators"].tp == 2 and total["overall"].tp == 2 * (1 + 1 + 1 + 1)
