"""The Aho–Corasick automaton that finds metric aliases chooses exactly the mentions the
alias trie and regexes chose before it (same aliases, same character offsets, same
leftmost-longest, non-overlapping choice), so indicators come out identical whichever
scanner runs."""

from __future__ import annotations

import random

import pytest
from glued import glued_texts

from zhaoshang.extract import metrics
from zhaoshang.extract.metrics import Mention, catalogue, find_mentions

def _reference_mentions(text: str, lo: int = 0, hi: int | None = None, own: tuple[str, ...] = ()) -> list[Mention]:
    """``find_mentions`` with the automaton switched off: the trie of literal prefixes and each
    alias's regex (``_regex_scan``, the scanner before the automaton and its fallback) choose,
    the same exclusion checks follow."""
    automaton_scan = metrics._automaton_scan
    metrics._automaton_scan = lambda *_: None
    try:
        return find_mentions(text, lo, hi, own)
    finally:
        metrics._automaton_scan = automaton_scan


def test_the_reference_is_the_regex_scanner() -> None:
    text = "地区生产总值增长6%，一般公共预算收入增长5%"
    assert [(m.start, m.end) for m in _reference_mentions(text)] == [
        (s, e) for _, s, e in metrics._regex_scan(text, 0, len(text))
    ]


def _alias_texts() -> list[str]:
    texts = []
    for _, _, rx in catalogue().aliases:
        expanded = metrics._expand(rx.pattern)
        assert expanded is not None, rx.pattern
        texts.extend(expanded)
    return texts


def _random_texts(seed: int, count: int) -> list[str]:
    """Texts glued from alias texts (also bracketed), with the words the exclusion checks look
    for around a mention (占, 全国, 人均, 比重, 新区, 空气 …), punctuation and characters outside
    the BMP."""
    context = ["占", "占全市", "全国", "人均", "单位", "的比重", "占比", "能耗", "排名", "2倍", "新区", "园区实现",
               "某某新区", "镇", "城镇", "空气", "PM2.5", "总额", "额", "实现", "常住", "总", "人数", "人次"]
    filler = list("的和在增长。，、；;,!？\n (（)）") + ["😀", "𠀀", "é", "12.5%", "亿元"]
    return glued_texts(_alias_texts(), seed, count, fillers=context + filler, brackets=True)


def test_the_shipped_aliases_are_all_searched_by_the_automaton() -> None:
    assert metrics._automaton() is not None
    assert metrics._automaton_scan("地区生产总值增长6%", 0, 10) == [("gdp__0", 0, 6)]


def test_mentions_are_the_reference_mentions_on_the_sample_and_holdout_reports(report_texts: list[str]) -> None:
    total = 0
    for text in report_texts:
        assert metrics._automaton_scan(text, 0, len(text)) == metrics._regex_scan(text, 0, len(text))
        got = find_mentions(text)
        assert got == _reference_mentions(text)
        total += len(got)
    assert total > 500  # the reports do name metrics


def test_mentions_are_the_reference_mentions_on_random_texts() -> None:
    for text in _random_texts(seed=5, count=3000):
        assert metrics._automaton_scan(text, 0, len(text)) == metrics._regex_scan(text, 0, len(text)), text
        assert find_mentions(text) == _reference_mentions(text), text
        assert find_mentions(text, own=("某某新区",)) == _reference_mentions(text, own=("某某新区",)), text


def test_a_window_of_the_text_is_scanned_as_the_reference_scans_it() -> None:
    rng = random.Random(7)
    for text in _random_texts(seed=9, count=500):
        lo = rng.randint(0, len(text))
        hi = rng.randint(lo, len(text))
        assert find_mentions(text, lo, hi) == _reference_mentions(text, lo, hi), (text, lo, hi)


def test_offsets_count_characters_not_bytes_or_utf16_units() -> None:
    text = "𠀀😀é地区生产总值和社零额"
    assert [(m.metric, text[m.start : m.end]) for m in find_mentions(text)] == [
        ("gdp", "地区生产总值"),
        ("retail_sales", "社零额"),
    ]
    assert find_mentions(text)[0].start == 3


def test_a_text_with_lone_surrogates_is_scanned_by_the_regexes() -> None:
    text = "地区生产总值\udcff增长，社零额\ud800增长"  # not encodable as UTF-8
    assert metrics._automaton_scan(text, 0, len(text)) is None
    assert find_mentions(text) == _reference_mentions(text) != []


def test_the_longest_text_an_alias_regex_can_take_is_the_one_it_takes() -> None:
    # 固定资产投资(?:总额|额)?: the regex goes on to 总额, so the automaton must too
    text = "固定资产投资总额增长5%"
    assert [text[m.start : m.end] for m in find_mentions(text)] == ["固定资产投资总额"]


@pytest.mark.parametrize(
    ("pattern", "texts"),
    [
        ("第一产业(?:实现)?增加值", ["第一产业实现增加值", "第一产业增加值"]),
        ("城镇[、和]农村", ["城镇、农村", "城镇和农村"]),
        ("接待(?:国内外)?游客(?:人数|人次)?", ["接待国内外游客人数", "接待国内外游客人次", "接待国内外游客",
                                            "接待游客人数", "接待游客人次", "接待游客"]),
        ("PM2\\.5|PM10", ["PM2.5", "PM10"]),
    ],
)
def test_alias_patterns_expand_to_every_text_they_match(pattern: str, texts: list[str]) -> None:
    assert metrics._expand(pattern) == texts


@pytest.mark.parametrize("pattern", ["粮食.产量", "粮食产量+", "粮食(产量)", "粮食(?=产量)", "[一-九]产", "粮食{2}", "产量)"])
def test_an_alias_outside_the_plain_grammar_is_left_to_the_regexes(pattern: str) -> None:
    assert metrics._expand(pattern) is None


def test_an_alias_whose_regex_stops_short_of_its_longest_text_is_left_to_the_regexes() -> None:
    import re

    assert metrics._texts_taken_whole(re.compile("增加(?:值|值额)")) is None  # stops at 增加值 in 增加值额
    assert metrics._texts_taken_whole(re.compile("增加(?:值额|值)")) == ["增加值额", "增加值"]


def _straddling_texts(seed: int, count: int) -> list[str]:
    """Texts whose UTF-16 bytes hold alias texts one byte off a character boundary (the
    alias bytes shifted by one byte, read back as characters), mixed with real aliases."""
    rng = random.Random(seed)
    words = _alias_texts()
    out = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 8)):
            if rng.random() < 0.5:
                raw = bytes([rng.randrange(256)]) + rng.choice(words).encode("utf-16-le") + bytes([rng.randrange(256)])
                parts.append(raw.decode("utf-16-le", errors="replace"))
            else:
                w = rng.choice(words)
                parts.append(w if rng.random() < 0.7 else w[rng.randint(0, len(w) - 1) :])
        out.append("".join(parts))
    return out


def test_alias_bytes_across_characters_are_not_taken_for_aliases() -> None:
    automata = metrics._automaton()
    assert automata is not None
    straddled = 0
    for text in _straddling_texts(seed=13, count=2000):
        if any(s & 1 for _, s, _ in automata.utf16.find_matches_as_indexes(text.encode("utf-16-le"))):
            straddled += 1
        assert metrics._automaton_scan(text, 0, len(text)) == metrics._regex_scan(text, 0, len(text)), text
        assert find_mentions(text) == _reference_mentions(text), text
    assert straddled > 100  # the case did arise


def test_a_text_outside_the_bmp_is_scanned_by_characters() -> None:
    text = "𠀀地区生产总值😀和社零额𪚥"
    assert len(text.encode("utf-16-le")) > 2 * len(text)
    assert metrics._automaton_scan(text, 0, len(text)) == metrics._regex_scan(text, 0, len(text)) != []


def test_without_an_automaton_the_regexes_find_the_same_mentions(report_texts: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    texts = report_texts[:5] + _random_texts(seed=17, count=200)
    expected = [find_mentions(t) for t in texts]
    monkeypatch.setattr(metrics, "_automaton", lambda: None)  # as when an alias is not plain
    assert metrics._automaton_scan("地区生产总值", 0, 6) is None
    assert [find_mentions(t) for t in texts] == expected
