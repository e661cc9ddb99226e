"""The Aho–Corasick automaton that finds metric aliases chooses exactly the mentions the
alias trie and regexes chose before it (same aliases, same character offsets, same
leftmost-longest, non-overlapping choice), so indicators come out identical whichever
scanner runs."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from zhaoshang.extract import metrics
from zhaoshang.extract.metrics import Mention, _alias_info, _aliases_of, catalogue, find_mentions
from zhaoshang.extract.pipeline import read_reports

HOLDOUT_TEXTS = Path(__file__).resolve().parents[1] / "holdout" / "texts"


def _reference_mentions(text: str, lo: int = 0, hi: int | None = None, own: tuple[str, ...] = ()) -> list[Mention]:
    """``find_mentions`` as it was before the automaton (commit 0f3fd41), kept verbatim as
    the reference: the trie of literal prefixes, each alias's regex, the exclusion checks."""
    cat = catalogue()
    hi = len(text) if hi is None else hi
    out: list[Mention] = []
    by_word, info, search = cat.by_word, _alias_info(cat), cat.prefix_trie.search
    hit = search(text, lo, hi)
    while hit is not None:
        m_start = hit.start()
        word = hit.group()
        m_end, g = m_start, ""
        for key, rx, n in by_word.get(word) or _aliases_of(cat, word):
            if rx is None:
                end = m_start + n
            elif m := rx.match(text, m_start, hi):
                end = m.end()
            else:
                continue
            if end > m_end:
                m_end, g = end, key
        hit = search(text, m_end if g else m_start + 1, hi)
        if not g:
            continue
        metric, many, excluded_before, excluded_after, context = info[g]
        before = text[max(lo, m_start - 24) : m_start]
        cut = max(before.rfind(","), before.rfind("，"), before.rfind(";"), before.rfind("；"))
        before = before[cut + 1 :]
        if excluded_before(before) or excluded_after(text[m_end : min(hi, m_end + 8)]):
            continue
        if (area := cat.sub_area.search(before)) and not any(before[: area.end(1)].endswith(o) for o in own if o):
            continue
        if context is not None:
            stop = max(text.rfind(c, max(lo, m_start - 80), m_start) for c in "。;；!?！？\n")
            if not context.search(text, max(lo, stop + 1, m_start - 80), m_start):
                continue
        if out and out[-1].end == m_start - 1 and text[m_start - 1] in "(（" and text[m_end : m_end + 1] in (")", "）"):
            prev = out.pop()
            out.append(Mention(prev.start, m_end + 1, prev.metric, prev.many))
            continue
        out.append(Mention(m_start, m_end, metric, many))
    return out


def _alias_texts() -> list[str]:
    texts = []
    for _, _, rx in catalogue().aliases:
        expanded = metrics._expand(rx.pattern)
        assert expanded is not None, rx.pattern
        texts.extend(expanded)
    return texts


def _random_texts(seed: int, count: int) -> list[str]:
    """Texts glued from alias texts (whole, cut at either end, back to back, bracketed),
    their characters, the words the exclusion checks look for around a mention (占, 全国,
    人均, 比重, 新区, 空气 …), punctuation, characters outside the BMP and ordinary filler."""
    rng = random.Random(seed)
    words = _alias_texts()
    chars = sorted({c for w in words for c in w})
    context = ["占", "占全市", "全国", "人均", "单位", "的比重", "占比", "能耗", "排名", "2倍", "新区", "园区实现",
               "某某新区", "镇", "城镇", "空气", "PM2.5", "总额", "额", "实现", "常住", "总", "人数", "人次"]
    filler = list("的和在增长。，、；;,!？\n (（)）") + ["😀", "𠀀", "é", "12.5%", "亿元"]
    out = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 30)):
            w = rng.choice(words)
            r = rng.random()
            if r < 0.35:
                parts.append(w)
            elif r < 0.5:
                parts.append(w[: rng.randint(1, len(w))])
            elif r < 0.6:
                parts.append(w[rng.randint(0, len(w) - 1) :])
            elif r < 0.7:
                parts.append("(" + w + ")")
            elif r < 0.8:
                parts.append(rng.choice(context))
            elif r < 0.9:
                parts.append("".join(rng.choice(chars) for _ in range(rng.randint(1, 4))))
            else:
                parts.append("".join(rng.choice(filler) for _ in range(rng.randint(1, 3))))
        out.append("".join(parts))
    return out


@pytest.fixture(scope="module")
def reports(sample_dir: Path) -> list[str]:
    """The sample reports and the held-out texts, normalised as the pipeline reads them."""
    paths = sorted(sample_dir.glob("*.txt")) + sorted(HOLDOUT_TEXTS.glob("*.txt"))
    texts = [t for p in paths for t, _title, _channel in read_reports(p)]
    assert len(texts) >= 28
    return texts


def test_the_shipped_aliases_are_all_searched_by_the_automaton() -> None:
    assert metrics._automaton() is not None
    assert metrics._automaton_scan("地区生产总值增长6%", 0, 10) == [("gdp__0", 0, 6)]


def test_mentions_are_the_reference_mentions_on_the_sample_and_holdout_reports(reports: list[str]) -> None:
    total = 0
    for text in reports:
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


def test_without_an_automaton_the_regexes_find_the_same_mentions(reports: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    texts = reports[:5] + _random_texts(seed=17, count=200)
    expected = [find_mentions(t) for t in texts]
    monkeypatch.setattr(metrics, "_automaton", lambda: None)  # as when an alias is not plain
    assert metrics._automaton_scan("地区生产总值", 0, 6) is None
    assert [find_mentions(t) for t in texts] == expected
