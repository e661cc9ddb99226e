"""The shared suite: every test runs on SQLite FTS5 and on PostgreSQL and must pass on both."""

from __future__ import annotations

import random
import re
import threading

import pytest
from sqlalchemy import event, text

from zhaoshang.search.normalize import compact, fold, is_word_char
from zhaoshang.search.query import QueryError, parse
from zhaoshang.search.service import all_matches, search
from zhaoshang.search.synonyms import expand, key
from zhaoshang.search.units import split_units

from typing import Any as Corpus  # the fixture type lives in this folder's conftest.py

N_RECALL_QUERIES = 300
SEED = 20210125


def _units(corpus: Corpus) -> list[tuple[int, int, int, str]]:
    return [(rid, s, e, text[s:e]) for rid, text in corpus.texts.items() for s, e in split_units(text)]


def _draw_queries(corpus: Corpus) -> list[str]:
    """Substrings of 2–6 characters from random sentences (fixed seed), plus short words."""
    rng = random.Random(SEED)
    units = [u for u in _units(corpus) if len(u[3]) >= 6]
    drawn = ["财政", "就业", "税收", "新材料", "克拉玛依区"]
    while len(drawn) < N_RECALL_QUERIES:
        sentence = rng.choice(units)[3]
        n = rng.randint(2, 6)
        at = rng.randrange(0, len(sentence) - n + 1)
        s = sentence[at : at + n]
        if any(c.isspace() or c in '"＂' for c in s) or s[0] in "-－" or not any(is_word_char(c) for c in s):
            continue
        drawn.append(s)
    return drawn


def test_recall_matches_a_brute_force_substring_scan(corpus: Corpus) -> None:
    """Every drawn string is found in every sentence holding it, and (without synonyms) only there."""
    units = _units(corpus)
    folded_units = [(rid, s, e, compact(fold(t))[0]) for rid, s, e, t in units]
    misses: list[str] = []
    extras: list[str] = []
    for q in _draw_queries(corpus):
        found = set(all_matches(corpus.engine, q))
        raw = {(rid, s, e) for rid, s, e, t in units if q in t}
        if not raw <= found:
            misses.append(q)
        if expand(q) == (key(q),):
            exact = {(rid, s, e) for rid, s, e, t in folded_units if key(q) in t}
            if found != exact:
                extras.append(q)
        assert {r for r, _, _ in raw} <= {r for r, _, _ in found}
    assert misses == [], f"{len(misses)} queries missed sentences that contain them: {misses[:10]}"
    assert extras == [], f"{len(extras)} queries found sentences without them: {extras[:10]}"


def test_two_character_words_are_found_everywhere(corpus: Corpus) -> None:
    for word in ("财政", "就业"):
        expected = sum(text.count(word) > 0 for text in corpus.texts.values())
        reports = {r for r, _, _ in all_matches(corpus.engine, word)}
        assert len(reports) == expected


def test_totals_and_facets_count_exactly_the_matching_sentences(corpus: Corpus) -> None:
    """Totals are counted without the word-layer bonus terms, which must never change the set."""
    for q in _draw_queries(corpus)[:60] + ["汉白玉新材料产业园", "克拉玛依区", "GDP", "规上"]:
        result = search(corpus.engine, q)
        matches = all_matches(corpus.engine, q)
        assert result.total == len(matches), q
        assert sum(n for _, _, n in result.facets["year"]) == len(matches), q


def test_total_counts_every_matching_sentence_not_the_page(corpus: Corpus) -> None:
    result = search(corpus.engine, "发展", limit=5)
    assert len(result.hits) == 5
    assert result.total == len(all_matches(corpus.engine, "发展")) > 100
    page2 = search(corpus.engine, "发展", limit=5, offset=5)
    assert page2.total == result.total
    first = {(h.report_id, h.start) for h in result.hits}
    assert not first & {(h.report_id, h.start) for h in page2.hits}


def test_hits_link_to_the_exact_span_in_the_stored_text(corpus: Corpus) -> None:
    result = search(corpus.engine, "大熊猫国家公园", limit=50)
    assert result.total > 0
    for hit in result.hits:
        text = corpus.texts[hit.report_id]
        assert text[hit.start : hit.end] == "大熊猫国家公园"
        assert "<mark>大熊猫国家公园</mark>" in hit.snippet_html
        assert hit.sentence_start <= hit.start < hit.end <= hit.sentence_end


def test_traditional_and_full_width_text_is_found_by_simplified_queries(corpus: Corpus) -> None:
    hits = search(corpus.engine, "地区生产总值增长5.2%").hits
    assert [h.report_id for h in hits] == [corpus.ids["hengshan-2020"]]
    text = corpus.texts[hits[0].report_id]
    assert text[hits[0].start : hits[0].end] == "地區生產總值增長5.2%"


def test_synonym_finds_the_full_term(corpus: Corpus) -> None:
    gdp = all_matches(corpus.engine, "GDP")
    full = all_matches(corpus.engine, "地区生产总值")
    literal = all_matches(corpus.engine, '"GDP"')
    assert set(full) <= set(gdp) and set(literal) <= set(gdp)
    assert len(gdp) > len(literal)
    hit = search(corpus.engine, "社零", region="衡山县").hits[0]
    assert "<mark>社零</mark>" in hit.snippet_html
    assert search(corpus.engine, "社零").total >= search(corpus.engine, "社会消费品零售总额").total
    assert search(corpus.engine, "规上").total >= search(corpus.engine, "规模以上").total


def test_region_filter_includes_children(corpus: Corpus) -> None:
    hunan = {h for h in all_matches(corpus.engine, "就业", region="湖南省")}
    reports = {r for r, _, _ in hunan}
    assert reports == {corpus.ids["hunan"], corpus.ids["hengyang"], corpus.ids["hengshan-2020"]}
    hengyang = {r for r, _, _ in all_matches(corpus.engine, "就业", region="衡阳市")}
    assert hengyang == {corpus.ids["hengyang"], corpus.ids["hengshan-2020"]}
    by_code = {r for r, _, _ in all_matches(corpus.engine, "就业", region="430400")}
    assert by_code == hengyang


def test_unknown_region_is_a_query_error(corpus: Corpus) -> None:
    with pytest.raises(QueryError, match="unknown region"):
        search(corpus.engine, "发展", region="不存在的地方")


def test_level_year_and_section_filters(corpus: Corpus) -> None:
    county = search(corpus.engine, "就业", level="county", limit=200)
    assert county.total > 0
    assert {h.region_code for h in county.hits} <= {"511827", "341126", "522727", "430423"}
    y2020 = search(corpus.engine, "就业", year=2020)
    assert {h.report_id for h in y2020.hits} == {corpus.ids["hengshan-2020"]}
    tasks = search(corpus.engine, "就业", section_kind="tasks", region="衡山县")
    review = search(corpus.engine, "就业", section_kind="review", region="衡山县")
    assert [h.snippet_text for h in tasks.hits] == ["稳就业、保民生，新增城镇就业3000人以上。"]
    assert [h.snippet_text for h in review.hits] == ["成就业绩来之不易！"]
    assert tasks.hits[0].section_kind == "tasks"


def test_fact_type_filter_keeps_sentences_holding_such_a_fact(corpus: Corpus) -> None:
    parks = search(corpus.engine, "汉白玉", fact_type="park")
    assert [h.report_id for h in parks.hits] == [corpus.ids["wulong-2019"]]
    assert parks.total == 1
    projects = search(corpus.engine, "君禾铜业", fact_type="project")
    assert projects.total == 1
    with pytest.raises(QueryError, match="unknown fact type"):
        search(corpus.engine, "汉白玉", fact_type="rumour")


def test_facets_count_every_match_by_province_level_year_and_section(corpus: Corpus) -> None:
    result = search(corpus.engine, "就业")
    assert set(result.facets) == {"province", "level", "year", "section_kind"}
    for name in ("province", "level", "year", "section_kind"):
        assert sum(n for _, _, n in result.facets[name]) == result.total
    provinces = {value: label for value, label, _ in result.facets["province"]}
    assert provinces["430000"] == "湖南省"
    years = {value: n for value, _, n in result.facets["year"]}
    assert years[2020] == search(corpus.engine, "就业", year=2020).total


def test_whole_word_matches_rank_above_straddling_ones(corpus: Corpus) -> None:
    result = search(corpus.engine, "就业", region="衡山县")
    snippets = [h.snippet_text for h in result.hits]
    assert snippets == ["稳就业、保民生，新增城镇就业3000人以上。", "成就业绩来之不易！"]


def test_a_whole_word_outranks_a_shorter_sentence_where_it_straddles_words(corpus: Corpus) -> None:
    # bm25 alone prefers the shorter 成就业绩。; the word layer knows 就业 is a word only in the other
    result = search(corpus.engine, "就业", region="平塘县", year=2019)
    assert [h.snippet_text for h in result.hits] == ["我们将千方百计稳就业保民生。", "成就业绩。"]


def test_names_match_whole_and_are_found(corpus: Corpus) -> None:
    for name in ("汉白玉新材料产业园", "克拉玛依区"):
        expected = sum(t.count(name) > 0 for t in corpus.texts.values())
        assert len({r for r, _, _ in all_matches(corpus.engine, name)}) == expected > 0


def test_boolean_queries(corpus: Corpus) -> None:
    both = set(all_matches(corpus.engine, "大熊猫 国家公园"))
    panda = set(all_matches(corpus.engine, "大熊猫"))
    park = set(all_matches(corpus.engine, "国家公园"))
    assert both == panda & park
    assert set(all_matches(corpus.engine, "大熊猫 -国家公园")) == panda - park
    assert set(all_matches(corpus.engine, "大熊猫 NOT 国家公园")) == panda - park
    assert set(all_matches(corpus.engine, "大熊猫 OR 国家公园")) == panda | park
    assert set(all_matches(corpus.engine, "大熊猫 AND 国家公园")) == both


def test_single_character_query_finds_every_sentence_with_it(corpus: Corpus) -> None:
    found = set(all_matches(corpus.engine, "税"))
    expected = {(rid, s, e) for rid, text in corpus.texts.items() for s, e in split_units(text) if "税" in text[s:e]}
    assert found == expected


BAD_QUERIES = [
    '"新材料', '"*', "NEAR(", "NEAR(汉白玉 产业园, 3)", "bigrams:财政", "col:x", "*", "^", "汉白玉*",
    "'", "\\", "%", "_", ";DROP TABLE reports;--", "') OR 1=1 --", "，。", "", "  ", "汉" * 10_000,
    "a" * 300, "NOT", "OR", "-", "--", "((", "\x00", "\ue0ff\ue0fe", "AND OR NOT x",
]  # fmt: skip


@pytest.mark.parametrize("raw", BAD_QUERIES)
def test_bad_queries_give_a_clear_error_or_an_empty_result(corpus: Corpus, raw: str) -> None:
    try:
        result = search(corpus.engine, raw)
    except QueryError as exc:
        assert str(exc)
        return
    assert result.total >= 0
    assert result.total == len(all_matches(corpus.engine, raw))


def test_bad_paging_values_are_query_errors(corpus: Corpus) -> None:
    for kwargs in ({"limit": 0}, {"limit": 10_000}, {"offset": -1}, {"year": "last"}):
        with pytest.raises(QueryError):
            search(corpus.engine, "发展", **kwargs)


def test_query_syntax_never_reaches_the_engine(corpus: Corpus) -> None:
    assert search(corpus.engine, "NEAR(").total == 0
    assert search(corpus.engine, "年)").total == sum(
        bool(re.search(r"年[)）]", t[s:e])) for t in corpus.texts.values() for s, e in split_units(t)
    )


def test_huge_results_rank_within_the_newest_matches_and_keep_exact_counts(corpus: Corpus, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    if corpus.backend != "sqlite":
        pytest.skip("only the FTS5 backend bounds bm25 to a recency window")
    from zhaoshang.search import backend_sqlite

    full = search(corpus.engine, "发展", limit=200)
    monkeypatch.setattr(backend_sqlite, "RANK_WINDOW", 50)
    windowed = search(corpus.engine, "发展", limit=20)
    assert windowed.total == full.total > 50 and windowed.facets == full.facets
    newest = sorted(all_matches(corpus.engine, "发展"), key=lambda m: (-m[0], -m[1]))[:50]
    assert {(h.report_id, h.sentence_start) for h in windowed.hits} <= {(r, s) for r, s, _ in newest}
    scores = [h.score for h in windowed.hits]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("query, filters", [("发展", {}), ("就业", {"region": "湖南省"}), ("建设", {"section_kind": "tasks"})])
def test_facets_counted_in_parallel_parts_equal_one_pass(corpus: Corpus, monkeypatch, query: str, filters: dict) -> None:  # type: ignore[no-untyped-def]
    if corpus.backend != "sqlite":
        pytest.skip("only the FTS5 backend splits facet counting over cores")
    from zhaoshang.search import backend_sqlite

    one_pass = search(corpus.engine, query, **filters)
    monkeypatch.setattr(backend_sqlite, "PARALLEL_FROM", 1)
    monkeypatch.setattr(backend_sqlite, "_PARTS", 3)
    with corpus.engine.connect() as conn:
        assert len(backend_sqlite._parts(conn)) == 3
    parallel = search(corpus.engine, query, **filters)
    assert one_pass.total > 0
    assert (parallel.total, parallel.facets) == (one_pass.total, one_pass.facets)
    assert [(h.report_id, h.start) for h in parallel.hits] == [(h.report_id, h.start) for h in one_pass.hits]


def test_optimizing_the_index_changes_no_result(corpus: Corpus) -> None:
    from zhaoshang.search.indexer import optimize

    before = search(corpus.engine, "就业", limit=50)
    optimize(corpus.engine)
    after = search(corpus.engine, "就业", limit=50)
    assert (after.total, after.facets) == (before.total, before.facets)
    assert [(h.report_id, h.start) for h in after.hits] == [(h.report_id, h.start) for h in before.hits]


def test_parallel_facet_parts_never_wait_for_the_engines_pool(corpus: Corpus, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A request holds one pooled connection while its other parts are counted: they must not
    need a second one, or a full pool would leave every request waiting."""
    if corpus.backend != "sqlite":
        pytest.skip("only the FTS5 backend splits facet counting over cores")
    from zhaoshang.search import backend_sqlite
    from zhaoshang.store.db import make_engine

    one_pass = search(corpus.engine, "发展")
    tight = make_engine(corpus.engine.url.database, pool_size=1, max_overflow=0, pool_timeout=1)
    monkeypatch.setattr(backend_sqlite, "PARALLEL_FROM", 1)
    try:
        parallel = search(tight, "发展")
    finally:
        tight.dispose()
    assert (parallel.total, parallel.facets) == (one_pass.total, one_pass.facets)


@pytest.mark.parametrize("parallel_from", [10**9, 1], ids=["one part", "parallel parts"])
def test_facets_of_more_matches_than_sqlites_longest_string_are_counted_in_halves(corpus: Corpus, monkeypatch, parallel_from: int) -> None:  # type: ignore[no-untyped-def]
    if corpus.backend != "sqlite":
        pytest.skip("only the FTS5 backend lists matching rowids in one string")
    import sqlite3

    from zhaoshang.search import backend_sqlite
    from zhaoshang.search.filters import Filters
    from zhaoshang.store.db import make_engine

    match = backend_sqlite.compile_match(parse("发展"), set())
    with corpus.engine.connect() as conn:
        expected = backend_sqlite.facet_counts(conn, match, Filters())
        listed = conn.execute(text("SELECT length(group_concat(rowid)) FROM search_fts WHERE search_fts MATCH :q"), {"q": match}).scalar()
    connect = sqlite3.connect

    def limited(*args, **kwargs):  # type: ignore[no-untyped-def]
        connection = connect(*args, **kwargs)
        connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, listed // 5)
        return connection

    monkeypatch.setattr(sqlite3, "connect", limited)  # the parallel parts' own readers
    monkeypatch.setattr(backend_sqlite, "PARALLEL_FROM", parallel_from)
    monkeypatch.setattr(backend_sqlite, "_readers", threading.local())  # readers opened before the patch would be unlimited
    small = make_engine(corpus.engine.url.database)
    event.listen(small, "connect", lambda connection, _: connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, listed // 5))
    try:
        with small.connect() as conn:
            with pytest.raises(Exception, match="too big"):
                conn.execute(text("SELECT group_concat(rowid) FROM search_fts WHERE search_fts MATCH :q"), {"q": match}).scalar()
            assert backend_sqlite.facet_counts(conn, match, Filters()) == expected
    finally:
        small.dispose()
