"""SQLite and PostgreSQL give the same results: totals, facets and the matching sentences."""

from __future__ import annotations

import pytest

from zhaoshang.search.service import all_matches, search

QUERIES = [
    ("汉白玉", {}),
    ("GDP", {}),
    ("就业", {"region": "湖南省"}),
    ("发展 -经济", {"level": "prefecture"}),
    ('"新材料 产业园" OR 大熊猫', {}),
    ("财政", {"year": 2021, "section_kind": "other"}),
    ("规上", {}),
    ("税", {"region": "衡阳市"}),
    ("汉白玉", {"fact_type": "park"}),
    ("招商", {}),
]


@pytest.mark.pg
@pytest.mark.parametrize(("query", "filters"), QUERIES)
def test_sqlite_and_postgresql_agree(both, query: str, filters: dict) -> None:  # type: ignore[no-untyped-def]
    lite, pg = both
    a, b = search(lite.engine, query, limit=200, **filters), search(pg.engine, query, limit=200, **filters)
    assert a.total == b.total
    assert a.facets == b.facets
    if a.total <= 200:  # the whole result fits in one page: the same hits, whatever the ranking
        key = lambda h: (h.report_id, h.start, h.end, h.snippet_html, h.section_kind)  # noqa: E731
        assert sorted(map(key, a.hits)) == sorted(map(key, b.hits))
    assert all_matches(lite.engine, query, **filters) == all_matches(pg.engine, query, **filters)
