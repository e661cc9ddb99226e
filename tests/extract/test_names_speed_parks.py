"""parks: the names rejected before any walk (parks._rejected_whatever_the_start) are exactly
names the full checks reject, and the clause start of the suffix handed to ``_accept`` is the
name's own, so the parks found do not change.

Compared with the slow path (every suffix walked and judged by ``_accept`` alone, which finds
the name's clause start itself) on the
sample and held-out reports and on generated texts glued from what the early rejections
read: 示范区/基地/试验区 and the other kinds, economic words (or none), education and honour
words, 宅基地, 公司/集团, quotation marks, lead verbs and punctuation, at every distance from
the suffix, inside and beyond the walk's reach.
"""

from __future__ import annotations

import pytest
from glued import glued_texts

from zhaoshang.extract import parks
from zhaoshang.model import Document

WORDS = list(parks.KINDS) + [
    "产业", "农业", "物流", "科技", "教育", "培训", "实践", "红色", "宅", "公司", "集团", "“", "”", "双百",
    "推进", "打造", "建设", "创建", "全国", "全域旅游", "乡村振兴", "宝兴", "雅安", "夹金山", "现代", "生态",
    "蓝莓", "3000亩", "获评", "成为", "，", "、", "。", "和", "的", "（", "）", "高新技术", "承接", "转移",
    "一二三四五六七八九十", "各类", "中心", "小学", "称号",
]


def _facts(texts: list[str]) -> list[list[tuple[str, str, int, int]]]:
    return [[(p.name, p.park_kind, p.start, p.end) for p in parks.extract_parks(Document(text=t))] for t in texts]


def _same_as_slow_path(texts: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _facts(texts)
    with monkeypatch.context() as m:
        m.setattr(parks, "_rejected_whatever_the_start", lambda *args: False)
        accept = parks._accept
        m.setattr(parks, "_accept", lambda *args: accept(*args[:6]))  # its own clause start
        slow = _facts(texts)
    assert [i for i, (f, s) in enumerate(zip(fast, slow)) if f != s] == []
    assert fast == slow


def test_early_rejections_keep_the_parks_of_the_reports(report_texts: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    _same_as_slow_path(report_texts, monkeypatch)


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_early_rejections_keep_the_parks_of_glued_texts(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    _same_as_slow_path(glued_texts(WORDS, seed, 400, max_parts=14), monkeypatch)


def test_early_rejections_fire_and_the_slow_path_agrees() -> None:
    """The shortcut is taken (not only harmless): each of these is rejected before a walk,
    and none of them is a park."""
    cases = ["全国全域旅游示范区", "红色教育基地", "农村宅基地", "雅安建设集团基地", "打造“农基地"]
    for text in cases:
        ks = max(m.start() for m in parks._SUFFIX.finditer(text))
        ke = max(m.end() for m in parks._SUFFIX.finditer(text))
        kind = parks.KINDS[text[ks:ke]]
        assert parks._rejected_whatever_the_start(text, 0, ks, ke, kind), text
        assert parks.extract_parks(Document(text=text)) == [], text
    assert not parks._rejected_whatever_the_start("宝兴县农业示范区", 0, 5, 8, "示范区")
