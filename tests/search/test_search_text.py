"""Pure pieces: folding, units, tokens, segmentation dictionary, snippets (no database)."""

from __future__ import annotations

import html

from zhaoshang.search import segmenter
from zhaoshang.search.normalize import compact, fold
from zhaoshang.search.snippet import make_snippet, match_spans
from zhaoshang.search.tokens import END_MARK, WORD_MARK, bigram_phrase, bigrams, escape
from zhaoshang.search.units import MAX_UNIT, own_split, split_units


def test_fold_keeps_length_and_unifies_width_case_and_script() -> None:
    raw = "ＧＤＰ增長５．２％，經濟發展"
    folded = fold(raw)
    assert len(folded) == len(raw)
    assert folded == "gdp增长5.2%,经济发展"


def test_fold_keeps_characters_whose_normal_form_is_longer() -> None:
    raw = "面积100㎡①号"
    assert len(fold(raw)) == len(raw)
    assert fold(raw)[5] == "㎡"


def test_compact_maps_back_to_original_offsets() -> None:
    text, positions = compact(fold("新材料 产业\u3000园"))
    assert text == "新材料产业园"
    assert positions == [0, 1, 2, 4, 5, 7]


def test_bigrams_give_every_character_one_token_and_close_the_unit() -> None:
    toks = bigrams("财政收入")
    assert toks == ["财政", "政收", "收入", "入" + END_MARK]
    assert bigram_phrase("财政") == ["财政"]


def test_escape_moves_ascii_punctuation_out_of_the_tokenizer_way() -> None:
    escaped = escape('a"b*c:(d 财')
    assert len(escaped) == 10
    assert [c for c in escaped if c.isascii()] == ["a", "b", "c", "d", " "]  # whitespace stays a separator
    assert escaped.endswith("财")


def test_fallback_splitter_ends_sentences_at_stops_and_line_breaks() -> None:
    text = "一、回顾\n财政收入增长5%。就业稳定；“十四五”开局良好！能否实现？是的"
    pieces = [text[s:e] for s, e in own_split(text)]
    assert pieces == ["一、回顾", "财政收入增长5%。", "就业稳定；", "“十四五”开局良好！", "能否实现？", "是的"]


def test_units_cover_the_text_and_cap_long_sentences() -> None:
    text = "，".join(["推进产业园区建设"] * 400) + "。"
    spans = split_units(text)
    assert all(e - s <= MAX_UNIT for s, e in spans)
    assert "".join(text[s:e] for s, e in spans) == text


def test_learnt_names_stay_whole_in_the_word_layer() -> None:
    # a made-up name: the segmenter is process-wide and other tests teach it real ones
    assert "青石岭新材料产业园" not in segmenter.cut_for_search("加快青石岭新材料产业园建设")
    segmenter.learn(["青石岭新材料产业园"])
    words = segmenter.cut_for_search("加快青石岭新材料产业园建设")
    assert "青石岭新材料产业园" in words
    assert "产业园" in words  # search mode still adds the parts


def test_gazetteer_names_are_in_the_dictionary() -> None:
    vocabulary = set(segmenter.static_vocabulary())
    assert {"克拉玛依区", "衡阳市", "湖南省"} <= vocabulary
    assert "克拉玛依区" in segmenter.cut("努力让克拉玛依区的天更蓝")


def test_word_tokens_are_marked_apart_from_bigrams() -> None:
    from zhaoshang.search.tokens import word_tokens

    toks = word_tokens(["就业", "，", " ", "5%", "新", "a b"])
    assert toks.split() == [WORD_MARK + "就业", WORD_MARK + escape("5%")]
    assert not set(bigrams("就业")) & set(toks.split())


def test_match_spans_find_folded_text_across_spaces() -> None:
    sentence = "全县地區生產總值 增长"
    assert match_spans(sentence, ["地区生产总值增长"]) == [(2, 11)]


def test_snippet_marks_matches_and_escapes_everything_else() -> None:
    sentence = "加快建设<b>招商</b>&amp;服务中心"
    snip = make_snippet(sentence, ["招商"])
    assert snip.html == "加快建设&lt;b&gt;<mark>招商</mark>&lt;/b&gt;&amp;amp;服务中心"
    assert html.unescape(snip.html.replace("<mark>", "").replace("</mark>", "")) == sentence
    assert sentence[snip.start : snip.end] == "招商"


def test_snippet_of_a_long_sentence_is_a_window_around_the_first_match() -> None:
    sentence = "甲" * 300 + "汉白玉" + "乙" * 300
    snip = make_snippet(sentence, ["汉白玉"], width=100)
    assert snip.text.startswith("…") and snip.text.endswith("…")
    assert len(snip.text) == 102
    assert "<mark>汉白玉</mark>" in snip.html
    assert (snip.start, snip.end) == (300, 303)


def test_overlapping_matches_merge_into_one_mark() -> None:
    snip = make_snippet("新材料产业园", ["新材料", "材料产业"])
    assert snip.html == "<mark>新材料产业</mark>园"
