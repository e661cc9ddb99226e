"""The query language: what it accepts, and the clear errors it gives."""

from __future__ import annotations

import pytest

from zhaoshang.search.query import MAX_QUERY_CHARS, QueryError, parse


def test_words_are_anded_and_or_separates_groups() -> None:
    q = parse("汉白玉 产业园 OR 大熊猫")
    assert [[t.text for t in g] for g in q.groups] == [["汉白玉", "产业园"], ["大熊猫"]]


def test_phrase_keeps_its_words_together_and_ignores_inner_spaces() -> None:
    q = parse('"新材料 产业园" 开工')
    assert q.groups[0][0].phrase and q.groups[0][0].alternatives == ("新材料产业园",)


def test_not_and_minus_exclude() -> None:
    q = parse("大熊猫 -国家 NOT 公园")
    assert [(t.text, t.negated) for t in q.groups[0]] == [("大熊猫", False), ("国家", True), ("公园", True)]


def test_synonyms_expand_words_but_not_phrases() -> None:
    assert "地区生产总值" in parse("GDP").groups[0][0].alternatives
    assert "社会消费品零售总额" in parse("社零").groups[0][0].alternatives
    assert "规模以上" in parse("规上").groups[0][0].alternatives
    assert parse('"GDP"').groups[0][0].alternatives == ("gdp",)


def test_query_side_folds_like_the_index_side() -> None:
    assert parse("ＧＤＰ").groups[0][0].alternatives == parse("gdp").groups[0][0].alternatives
    assert parse("經濟").groups[0][0].alternatives == ("经济",)


def test_punctuation_only_terms_are_dropped_and_reported() -> None:
    q = parse("汉白玉 ，。 ")
    assert [t.text for t in q.groups[0]] == ["汉白玉"]
    assert q.ignored == ["，。"]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ('"新材料 产业园', "unbalanced quote"),
        ('"*', "unbalanced quote"),
        ("，。！？", "only punctuation"),
        ("   ", "empty query"),
        ("-国家", "at least one word"),
        ("NOT 国家", "at least one word"),
        ("汉白玉 NOT", "NOT must be followed"),
        ("OR AND", "only punctuation or operators"),
        ("汉" * 10_000, "too long"),
        ("a " * 40, "too many terms"),
    ],
)
def test_bad_queries_raise_query_error_with_a_clear_message(raw: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        parse(raw)


def test_query_error_is_a_value_error() -> None:
    assert issubclass(QueryError, ValueError)
    assert MAX_QUERY_CHARS < 10_000


@pytest.mark.parametrize("raw", ["NEAR(汉白玉 产业园)", "bigrams:财政", "words : x", "汉白玉*", "^财政", "a AND (b OR"])
def test_engine_syntax_is_taken_literally(raw: str) -> None:
    q = parse(raw)
    assert q.groups and all(g for g in q.groups)
