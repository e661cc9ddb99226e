"""Fact spans become properly nested <mark> elements, whatever the overlaps."""

from __future__ import annotations

import re

from zhaoshang.web.highlight import Mark, blocks, nest, render

TEXT = "全县地区生产总值增长4.1%,总量突破50亿元。"


def _marks_text(html: str, key: str) -> str:
    """Concatenated text of every piece of one fact (tags stripped)."""
    pieces = re.findall(rf'<mark [^>]*data-fact="{key}"[^>]*>(.*?)</mark>', html)
    return "".join(re.sub(r"<[^>]+>", "", p) for p in pieces)


def test_disjoint_spans_each_get_one_element_with_the_anchor():
    html = render(TEXT, [Mark("indicator", 1, 2, 12), Mark("indicator", 2, 13, 21)])
    assert html.count("<mark") == 2
    assert 'id="f-indicator-1"' in html and 'id="f-indicator-2"' in html
    assert re.sub(r"<[^>]+>", "", html) == TEXT


def test_nested_span_stays_inside_its_container_as_one_element():
    outer, inner = Mark("indicator", 1, 0, 24), Mark("indicator", 2, 2, 12)
    html = str(render(TEXT, [inner, outer]))
    assert html.index('id="f-indicator-1"') < html.index('id="f-indicator-2"')
    assert html.count('data-fact="indicator-2"') == 1
    assert _marks_text(html, "indicator-2") == TEXT[2:12]


def test_crossing_spans_are_split_and_every_character_of_both_is_kept():
    a, b = Mark("project", 1, 0, 10), Mark("park", 2, 5, 20)
    pieces = nest([a, b])
    assert [(p.mark.key, p.start, p.end, p.first) for p in pieces] == [
        ("project-1", 0, 10, True),
        ("park-2", 5, 10, True),
        ("park-2", 10, 20, False),
    ]
    html = str(render(TEXT, [a, b]))
    assert html.count('id="f-park-2"') == 1
    assert 'class="f f-park f-cont"' in html
    assert re.sub(r"<[^>]+>", "", html) == TEXT


def test_identical_spans_both_get_anchors():
    html = str(render(TEXT, [Mark("indicator", 1, 2, 12), Mark("industry", 7, 2, 12)]))
    assert 'id="f-indicator-1"' in html and 'id="f-industry-7"' in html


def test_text_is_escaped_and_marks_are_the_only_markup():
    text = '<script>alert("x")</script>投资&建设'
    html = str(render(text, [Mark("project", 3, 0, 8)]))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html and "&amp;" in html


def test_rendering_a_slice_clips_marks_and_keeps_the_anchor_on_the_first_part():
    mark = Mark("policy", 4, 5, 15)
    first = str(render(TEXT, [mark], 0, 10))
    second = str(render(TEXT, [mark], 10, len(TEXT)))
    assert 'id="f-policy-4"' in first and 'id="f-policy-4"' not in second
    assert 'data-fact="policy-4"' in second


def test_blocks_cover_the_text_exactly_once_even_with_gaps_and_overlaps():
    out = blocks(100, [("review", "一、回顾", 10, 60), ("tasks", "二、任务", 50, 90)])
    spans = [(b.start, b.end) for b in out]
    assert spans == [(0, 10), (10, 60), (60, 90), (90, 100)]
    assert [b.title for b in out] == [None, "一、回顾", "二、任务", None]
