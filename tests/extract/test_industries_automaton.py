"""The Aho–Corasick automaton that scans texts for taxonomy terms finds exactly what the
taxonomy regex finds (same terms, same character offsets, same leftmost-longest choice), so
industry mentions and tags come out identical whichever scanner runs."""

from __future__ import annotations

import pytest
from glued import glued_texts

from zhaoshang.extract import industries
from zhaoshang.extract.industries import extract_industries, tag_industries, taxonomy
from zhaoshang.extract.pipeline import extract_document

def _regex_hits(text: str) -> list[tuple[int, int, str]]:
    """The reference scan: the taxonomy regex, hits as (start, end, term)."""
    return [(*m.span(), m[0]) for m in taxonomy().pattern.finditer(text)]


def _regex_terms(text: str) -> list[str]:
    return taxonomy().pattern.findall(text)


def _hits(text: str) -> list[tuple[int, int, str]]:
    """The module's scan: the automaton's terms, placed by ``_locate``."""
    return industries._locate(text, industries._terms(text))


def _random_texts(seed: int, count: int) -> list[str]:
    """Texts glued from taxonomy terms, with Latin letters and digits that can run into ASCII
    terms (5G → 5GB, AI → MAIL) and characters outside the BMP (two UTF-16 units, four UTF-8
    bytes); ASCII terms are drawn more often than their share of the vocabulary."""
    words = list(taxonomy().surface)
    ascii_words = [w for w in words if any(c.isascii() for c in w)]
    filler = list("的和在发展。，、；\n 　") + list("ABGILMNPabgx0159+-_") + ["😀", "𠀀", "𪚥", "é", "Ⅱ"]
    return glued_texts(words + ascii_words * 20, seed, count, max_parts=25, fillers=filler)


def test_automaton_hits_are_the_regex_hits_on_random_texts() -> None:
    for text in _random_texts(seed=3, count=3000):
        assert _hits(text) == _regex_hits(text), text


def test_automaton_hits_are_the_regex_hits_on_the_sample_and_holdout_reports(report_texts: list[str]) -> None:
    for text in report_texts:
        assert _hits(text) == _regex_hits(text)


def test_hits_are_placed_in_characters_not_bytes_or_utf16_units() -> None:
    text = "𠀀😀é新能源汽车和AI"
    assert _hits(text) == [(3, 8, "新能源汽车"), (9, 11, "AI")]


def test_a_term_is_placed_after_the_previous_match_not_at_an_earlier_occurrence() -> None:
    # 新能源 occurs inside 新能源汽车 first; the second hit is the standalone one
    assert [h[:2] for h in _hits("新能源汽车和新能源")] == [(0, 5), (6, 9)]


def test_a_text_with_lone_surrogates_is_scanned_by_the_regex() -> None:
    text = "发展\udcff新能源汽车\ud800AI产业"  # not encodable as UTF-8
    assert _hits(text) == _regex_hits(text) != []
    assert [m.quote for m in extract_industries(extract_document(text))] == _regex_terms(text)


@pytest.mark.parametrize(
    "text",
    [
        "5GB流量和5G基站，MAIL服务与AI产业、AIGC和LNG",
        "发展5G+工业互联网，xAI不算，AI算；PCB板和PCBA",
        "互联网+监管和互联网+政务服务",
        "新能源汽车新能源新材料",
    ],
)
def test_ascii_terms_keep_their_rules_under_the_automaton(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    automaton = industries._scan(text), tag_industries(text)
    monkeypatch.setattr(industries, "_terms", _regex_terms)
    assert automaton == (industries._scan(text), tag_industries(text))


def _mentions(texts: list[str]) -> list[list[tuple[object, ...]]]:
    out = []
    for text in texts:
        doc = extract_document(text)
        mentions = extract_industries(doc)
        out.append([(m.code, m.name, m.section_kind, m.weight, m.quote, m.start, m.end) for m in mentions])
    return out


def test_mentions_sit_where_the_regex_finds_their_terms(report_texts: list[str]) -> None:
    """The mention walk places terms itself (inlined ``_locate``): every mention is a regex hit
    that is neither blocked nor glued to Latin letters, and every such hit is a mention."""
    info = industries._matcher()[1]
    for text in report_texts + _random_texts(seed=5, count=300):
        expected = [
            (s, e, term)
            for s, e, term in _regex_hits(text)
            if info[term][0] and not (info[term][1] and industries._glued_to_latin(text, s, e))
        ]
        assert [(m.start, m.end, m.quote) for m in extract_industries(extract_document(text))] == expected


def test_mentions_and_tags_are_the_same_with_either_scanner(
    report_texts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = report_texts + _random_texts(seed=11, count=300)
    automaton = _mentions(texts), [tag_industries(t) for t in texts]
    monkeypatch.setattr(industries, "_terms", _regex_terms)
    regex = _mentions(texts), [tag_industries(t) for t in texts]
    assert automaton[0] == regex[0]
    assert automaton[1] == regex[1]
    assert sum(map(len, automaton[0])) > 1000  # the reports do name industries
