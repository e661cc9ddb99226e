"""Facet counting over matching rowids (SQLite backend) against a plain Counter."""

from __future__ import annotations

import random
from collections import Counter

import numpy as np
import pytest

from zhaoshang.search.rowid_facets import count, parse_rowids, report_table, sentences_per_report

SHIFT, MASK = 20, 15


def _rowids(rng: random.Random, reports: list[int], n: int) -> list[int]:
    return sorted({(rng.choice(reports) << SHIFT) | (rng.randrange(1 << 12) << 4) | rng.randrange(9) for _ in range(n)})


def _brute(rowids: list[int], rows: list[tuple[int, str | None, str | None, int | None]]):  # type: ignore[no-untyped-def]
    attrs = {r[0]: r[1:] for r in rows}
    kinds = Counter(r & MASK for r in rowids)
    facets = [Counter(), Counter(), Counter()]
    for r in rowids:
        values = attrs.get(r >> SHIFT, (None, None, None))
        for facet, value in zip(facets, values):
            facet[value] += 1
    return dict(kinds), [dict(f) for f in facets]


@pytest.mark.parametrize("spread", [1, 10_000_000], ids=["dense ids", "sparse ids"])
def test_counts_equal_a_counter_over_the_rowids(spread: int) -> None:
    rng = random.Random(7)
    reports = [1 + i * spread for i in range(60)]
    rows = [(rid, rng.choice(["430000", "510000", None]), rng.choice(["county", "prefecture"]),
             rng.choice([2019, 2020, None])) for rid in reports[:50]]  # fmt: skip  # 10 reports have no row
    rowids = _rowids(rng, reports, 5000)
    half = len(rowids) // 2  # two parts and one with no match, as the parallel parts give them
    parsed = parse_rowids([",".join(map(str, rowids[:half])), None, ",".join(map(str, rowids[half:]))])
    assert parsed.tolist() == rowids
    kinds, facets = count(parsed, report_table(1, rows), SHIFT, MASK)
    assert (kinds, facets) == _brute(rowids, rows)
    assert all(type(k) is int and type(n) is int for k, n in kinds.items())
    assert all(type(n) is int for f in facets for n in f.values())


def test_sentences_per_report_dense_and_sparse_agree() -> None:
    rowids = np.array([(5 << SHIFT) | 1, (5 << SHIFT) | 2, (9 << SHIFT), ((1 << 40) << SHIFT) | 3], dtype=np.int64)
    ids, n = sentences_per_report(rowids, SHIFT)
    assert ids.tolist() == [5, 9, 1 << 40] and n.tolist() == [2, 1, 1]
    ids, n = sentences_per_report(rowids[:3], SHIFT)
    assert ids.tolist() == [5, 9] and n.tolist() == [2, 1]


def test_no_match_and_no_report_count_nothing() -> None:
    assert count(parse_rowids([None, ""]), report_table(0, []), SHIFT, MASK) == ({}, [{}, {}, {}])
    kinds, facets = count(parse_rowids(["1048577"]), report_table(0, []), SHIFT, MASK)
    assert kinds == {1: 1} and facets == [{None: 1}, {None: 1}, {None: 1}]
