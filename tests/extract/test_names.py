"""names: the whole-text scanning helpers give exactly what the plain slow forms give.

The entity extractors rely on these being *equal*, not approximately equal, to
``pattern.finditer`` and to a character-by-character walk back: extraction output must not
move when they replace them.  Checked on the sample reports and on generated texts built
from the patterns' own pieces (overlaps, nested suffixes, lookaheads at the edges).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import rjieba

from zhaoshang.extract import names, tries
from zhaoshang.extract.tries import keyed_finditer, literal_keys
from zhaoshang.extract.names import (
    CLAUSE_PUNCT,
    SENTENCE_RUN,
    clause_floor,
    run_start,
    split_sentences,
)

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seed-reports"


def sample_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    assert texts, "sample reports missing"
    return texts


def generated_texts(words: list[str], seed: int, n: int = 200) -> list[str]:
    """Texts made of the words, their halves and filler, glued in every order."""
    rng = random.Random(seed)
    pieces = words + [w[: len(w) // 2] for w in words] + [w[1:] for w in words] + list("的和制化区园，。、\n") + ["产业", "示范", "经开"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 40))) for _ in range(n)]


def spans(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


SUFFIXES = ["经济技术开发区", "经开区", "开发区", "产业园区", "产业园", "园区", "示范园", "示范区", "基地", "保税物流中心", "高新区"]
ORG = ["集团股份有限公司", "股份有限公司", "有限公司", "集团公司", "集团", "公司"]


@pytest.mark.parametrize(
    ("words", "suffix_pattern", "reach"),
    [
        (SUFFIXES, "", 0),  # nested and overlapping words (示范园区: 示范园 first, then 园区 is gone)
        (ORG, "(?![制化])", 1),  # a lookahead reading past the match
        (["获批", "荣获", "入选", "获评"], "", 0),  # 荣获批: overlapping words, leftmost wins
        (["稳产满产", "满产", "扩产", "增资扩产"], "", 0),
    ],
)
def test_keyed_finditer_finds_exactly_what_finditer_finds(words: list[str], suffix_pattern: str, reach: int) -> None:
    longest_first = sorted(words, key=len, reverse=True)
    pattern = re.compile("(?:" + "|".join(longest_first) + ")" + suffix_pattern)
    keys = literal_keys(words)
    width = max(map(len, words))
    for text in sample_texts() + generated_texts(words, seed=len(words)):
        assert spans(keyed_finditer(pattern, keys, text, width, reach)) == spans(pattern.finditer(text)), text[:80]


def test_keyed_finditer_without_any_key_in_the_text_finds_nothing() -> None:
    pattern = re.compile("有限公司|集团")
    assert list(keyed_finditer(pattern, literal_keys(["有限公司", "集团"]), "没有任何企业名称的句子。", 4)) == []


def test_literal_keys_open_with_a_literal_and_hit_inside_every_word() -> None:
    words = ["经开区", "高新区", "产业园", "基地"]
    keys = literal_keys(words)
    assert len(keys) <= len({w[-1] for w in words})
    for key in keys:
        assert not key.pattern.startswith(("[", "(")), key.pattern  # a literal first: the fast search
    for w in words:
        assert any(k.search(w) for k in keys), w


def test_literal_keys_refuse_single_character_words() -> None:
    with pytest.raises(ValueError):
        literal_keys(["园", "产业园"])


def _walk_back(text: str, pos: int, stops: str) -> int:
    i = pos
    while i > 0 and text[i - 1] not in stops:
        i -= 1
    return i


def test_clause_floor_is_the_walk_back_to_the_last_clause_mark() -> None:
    for text in sample_texts()[:3] + ["", "无标点的一句话", "，开头就是逗号", "结尾是句号。"]:
        for pos in range(0, len(text) + 1, 7):
            assert clause_floor(text, pos) == _walk_back(text, pos, CLAUSE_PUNCT + "、"), (text[:20], pos)
        assert clause_floor(text, len(text)) == _walk_back(text, len(text), CLAUSE_PUNCT + "、")


def test_run_start_follows_the_given_run_and_the_text_asked_for() -> None:
    a, b = "甲乙，丙丁、戊己", "一二三；四五"
    # alternating texts: the reversed copy kept for one text must not serve the other
    assert run_start(a, len(a), SENTENCE_RUN) == 3  # 、 does not end a sentence-level run
    assert run_start(b, len(b), SENTENCE_RUN) == 4
    assert clause_floor(a, len(a)) == 6
    assert run_start(a, 0, SENTENCE_RUN) == 0


def test_memoised_segmentation_equals_rjieba_and_follows_the_document() -> None:
    text = "加快推进君禾铜业年产5万吨项目建设，支持三兴、正兴稳产满产。"
    names.start_document(text)
    for s in (text, text[4:8], "韵达", text):
        assert names.tag(s) == rjieba.tag(s)
        assert names.cut(s) == rjieba.cut(s)
    other = "另一份报告"
    names.start_document(other)
    assert names.tag(text[4:8]) == rjieba.tag(text[4:8])


def test_fallback_sentences_cover_the_text_between_marks() -> None:
    text = "第一句。 第二句；第三句没有句号"
    assert [text[s.start : s.end] for s in split_sentences(text)] == ["第一句。", "第二句；", "第三句没有句号"]


BUSINESS = ["科技", "能源", "新能源", "新材料", "生物", "生物科技", "铜业", "铝业", "农业科技", "电子", "电子商务", "智能", "智能科技", "化工"]


@pytest.mark.parametrize("words", [BUSINESS, SUFFIXES, ORG])
@pytest.mark.parametrize("tail", ["", "(?:{trie})*", "(?=园)", "[^，。]{{0,2}}公司"])
def test_scan_trie_regex_matches_what_the_trie_matches_in_the_same_order(words: list[str], tail: str) -> None:
    """Same spans alone, repeated, and where the rest of the pattern makes the engine back
    off to a shorter word (which must be the same next-longest word as the trie's)."""
    from zhaoshang.extract.tries import trie_regex

    trie = trie_regex(words)
    plain = re.compile(f"(?:{trie})" + tail.format(trie=trie))
    fast = re.compile(f"(?:{tries.scan_trie_regex(words)})" + tail.format(trie=trie))
    for text in sample_texts()[:4] + generated_texts(words + ["园", "公司"], seed=7):
        assert spans(fast.finditer(text)) == spans(plain.finditer(text)), text[:80]


def test_scan_trie_regex_refuses_single_character_words() -> None:
    with pytest.raises(ValueError):
        tries.scan_trie_regex(["园", "园区"])
