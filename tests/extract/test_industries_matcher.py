"""The fast taxonomy matcher finds exactly what the plain prefix-trie regex finds, and each
hit is weighed by the sentence, section and heading it falls in."""

from __future__ import annotations

import re

import pytest
from glued import glued_texts

from zhaoshang.extract.industries import (
    HEADING_WEIGHT,
    PRIORITY_WEIGHT,
    SECTION_WEIGHTS,
    SUFFIX_WEIGHT,
    extract_industries,
    tag_industries,
    taxonomy,
)
from zhaoshang.extract.tries import dispatch_regex, trie_regex
from zhaoshang.model import Document, Section, Sentence


def _spans(pattern: str, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(pattern, text)]


def _texts(words: list[str], seed: int, count: int = 300) -> list[str]:
    return glued_texts(words, seed, count, fillers=list("的和在发展。，\n a1"))


def test_dispatch_regex_matches_the_trie_regex_on_the_taxonomy() -> None:
    words = list(taxonomy().surface)
    trie, fast = trie_regex(words), dispatch_regex(words)
    for text in _texts(words, seed=7):
        assert _spans(fast, text) == _spans(trie, text), text


@pytest.mark.parametrize(
    "words",
    [
        ["新能源", "新能源汽车", "能源", "新材料", "材料", "汽车", "车"],  # nested, one-character words
        ["ab", "abc", "abcd", "bc", "b", "cd", "d", "ac"],
        ["a.b", "a+", "[x]", "x-y", "^z", "a\\b", "q\nr", "..."],  # regex-special characters, newline
        ["甲乙", "乙甲", "甲乙甲", "乙乙乙乙", "甲"],
    ],
)
def test_dispatch_regex_matches_the_trie_regex_on_awkward_vocabularies(words: list[str]) -> None:
    for groups in (None, 1, 2, 50):
        fast = dispatch_regex(words, groups=groups)
        for text in _texts(words, seed=len(words), count=200):
            assert _spans(fast, text) == _spans(trie_regex(words), text), (groups, text)


def test_dispatch_regex_handles_an_empty_vocabulary() -> None:
    assert re.search(dispatch_regex([]), "任何文本") is None


def test_taxonomy_pattern_takes_the_longest_term_at_the_leftmost_position() -> None:
    pattern = taxonomy().pattern
    assert [m.group() for m in pattern.finditer("新能源汽车和新能源")] == ["新能源汽车", "新能源"]


def test_ascii_terms_inside_latin_words_are_not_tags() -> None:
    assert tag_industries("MAIL服务") == []
    assert tag_industries("5GB流量") == []
    assert tag_industries("发展AI产业") == tag_industries("AI")


def _weights(doc: Document) -> list[tuple[str, str, float]]:
    return [(m.quote, m.section_kind, m.weight) for m in extract_industries(doc)]


def test_each_mention_takes_the_kind_and_context_of_its_own_sentence() -> None:
    text = "茶叶产量增长。大力发展光伏。旅游恢复。"
    doc = Document(text=text, sentences=[Sentence(0, 7, "review"), Sentence(7, 14, "tasks"), Sentence(14, 19, "tasks")])
    assert _weights(doc) == [
        ("茶叶", "review", SECTION_WEIGHTS["review"]),
        ("光伏", "tasks", SECTION_WEIGHTS["tasks"] * PRIORITY_WEIGHT),  # 大力发展 in its sentence
        ("旅游", "tasks", SECTION_WEIGHTS["tasks"]),  # the priority wording was in the previous one
    ]


def test_a_mention_between_sentences_counts_as_other() -> None:
    text = "茶叶产量增长。光伏\n旅游恢复。"
    doc = Document(text=text, sentences=[Sentence(0, 7, "tasks"), Sentence(10, 15, "tasks")])
    assert _weights(doc) == [
        ("茶叶", "tasks", SECTION_WEIGHTS["tasks"]),
        ("光伏", "other", SECTION_WEIGHTS["other"]),
        ("旅游", "tasks", SECTION_WEIGHTS["tasks"]),
    ]


def test_a_sentence_without_a_kind_takes_the_kind_of_its_section() -> None:
    text = "一、发展茶叶产业\n茶叶销往全国。"
    doc = Document(
        text=text,
        sections=[Section("tasks", "一、发展茶叶产业", 0, len(text))],
        sentences=[Sentence(0, 8), Sentence(9, len(text))],
    )
    heading, body = extract_industries(doc)
    assert (heading.section_kind, body.section_kind) == ("tasks", "tasks")
    # in the heading and followed by 产业; the body mention has neither boost
    assert heading.weight == round(SECTION_WEIGHTS["tasks"] * SUFFIX_WEIGHT * HEADING_WEIGHT, 3)
    assert body.weight == SECTION_WEIGHTS["tasks"]


def test_the_suffix_boost_needs_a_whole_suffix_word_and_a_term_may_end_the_text() -> None:
    text = "推进光伏园和茶叶基地，旅游"
    doc = Document(text=text, sentences=[Sentence(0, len(text), "review")])
    assert _weights(doc) == [
        ("光伏", "review", SECTION_WEIGHTS["review"]),  # 园 alone is not 园区
        ("茶叶", "review", SECTION_WEIGHTS["review"] * SUFFIX_WEIGHT),
        ("旅游", "review", SECTION_WEIGHTS["review"]),  # nothing after it
    ]
