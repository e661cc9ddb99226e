"""names.name_start: the fast walk (token verdicts looked up in a table) gives exactly the
start the plain reference walk gives.

Enterprises and parks must not move when the fast form replaces the reference, so the two
are compared, not checked approximately: on the sample and held-out reports at every place
the extractors walk from (park kinds, organisation suffixes, business words, list ends) and
at spread-out positions, and on generated texts made of what changes the walk — lead and
kept verbs, brackets, short and long quotations, digits, punctuation — glued in any order.
"""

from __future__ import annotations

import random

import pytest

from zhaoshang.extract import enterprises, names, parks
from zhaoshang.extract.names import LEAD_WORDS, _name_start_reference, clause_floor, name_start

from glued import glued_texts

#: the settings the extractors walk with: (keep_verbs, max_len)
SETTINGS = [
    (frozenset(), 20),
    (frozenset(), 8),
    (parks._KEEP_VERBS, 22),
    (enterprises._ORG_KEEP, 20),
    (enterprises._ORG_KEEP, 12),
    (enterprises._ORG_KEEP, 6),
]

WORDS = sorted(LEAD_WORDS)[:60] + sorted(parks._KEEP_VERBS)[:20] + sorted(enterprises._ORG_KEEP) + [
    "（", "）", "(", ")", "“", "”", "“双百”", "“西电东送、云电外送”", "中国（湖南）", "12", "3.5", "2021年",
    "的", "和", "与", "在", "、", "，", "。", "：", "；", "\n", "产业园", "示范区", "有限公司", "集团",
    "铜业", "科技", "君禾", "四川省", "雅安市", "韵达", "坚持", "复制推广", "做精", "建设投资", "皖北",
    "承接", "产业转移", "集聚区", "农业", "现代", "万亩", "食用菌", "宝兴", "工业园", "飞地", "园区",
]


def _ends(text: str, rng: random.Random) -> list[int]:
    """Where the extractors walk from in ``text`` (the starts of suffixes, business words and
    list ends) and a spread of other positions."""
    ends = {m.start() for m in parks._SUFFIX.finditer(text)}
    ends |= {m.start() for m in enterprises._ORG.finditer(text)}
    ends |= {m.start() for m in enterprises._BUSINESS.finditer(text)}
    ends |= {m.start() for m in enterprises._LIST_END_DENG.finditer(text)}
    ends |= {rng.randrange(len(text) + 1) for _ in range(60)}
    return sorted(ends)


def _mismatches(texts: list[str], seed: int) -> list[tuple[str, int, int, int, int, int]]:
    rng = random.Random(seed)
    bad = []
    for text in texts:
        names.start_document(text)
        for end in _ends(text, rng):
            floors = {clause_floor(text, end), max(0, end - rng.randint(0, 70))}
            for floor in floors:
                for keep, max_len in SETTINGS:
                    fast = name_start(text, end, floor, keep_verbs=keep, max_len=max_len)
                    slow = _name_start_reference(text, end, floor, keep_verbs=keep, max_len=max_len)
                    if fast != slow:
                        bad.append((text[max(0, end - 30) : end], end, floor, max_len, fast, slow))
    return bad


def test_name_start_matches_the_reference_on_reports(report_texts: list[str]) -> None:
    assert _mismatches(report_texts, seed=3)[:5] == []


@pytest.mark.parametrize("seed", [1, 2])
def test_name_start_matches_the_reference_on_glued_texts(seed: int) -> None:
    texts = glued_texts(WORDS, seed, 150, max_parts=25, brackets=True)
    assert _mismatches(texts, seed=seed)[:5] == []


def test_name_start_steps_over_a_short_quotation_and_brackets() -> None:
    """The bracket verdicts are used (not only the stop ones): a name holding （…） or a short
    “…” is walked back over whole, a long quotation ends it."""
    text = "推进中国（湖南）自由贸易试验区"
    end = text.index("自由贸易试验区")
    assert text[name_start(text, end, 0, max_len=22) : end] == "中国（湖南）"
    text = "打造“双百”产业园"
    end = text.index("产业园")
    assert text[name_start(text, end, 0, max_len=22) : end] == "“双百”"
    text = "实施“西电东送、云电外送”产业园"
    end = text.index("产业园")
    assert name_start(text, end, 0, max_len=22) == end


def test_a_token_holding_punctuation_stops_the_walk_whatever_its_tag() -> None:
    """A token the segmenter glues across a break character (rare: its tag is then not the
    punctuation tag) still ends the name, as in the reference walk."""
    table: dict[tuple[str, str], int] = {}
    assert names._verdict(("乙、丙", "n"), LEAD_WORDS, frozenset(), table) & names._STOP
    assert names._verdict(("乙丙", "n"), LEAD_WORDS, frozenset(), table) == 0
    assert table == {("乙、丙", "n"): names._STOP, ("乙丙", "n"): 0}
