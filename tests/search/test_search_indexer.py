"""Index maintenance on both backends: idempotent indexing, removal, rebuild, empty stores."""

from __future__ import annotations

import hashlib

import pytest

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from zhaoshang.search.indexer import ensure_schema, index_report, rebuild, remove_report
from zhaoshang.search.service import search
from zhaoshang.store.models import Report

TEXT = "推进汉白玉新材料产业园建设。稳就业保民生；财政收入增长5%。"


def _report(session: Session, text: str = TEXT, key: str = "a") -> Report:
    report = Report(title="测试报告", year=2021, source_name=key, source_format="txt",
                    content_hash=hashlib.sha256(key.encode()).hexdigest(), text=text, pipeline_version="test")  # fmt: skip
    session.add(report)
    session.flush()
    return report


def test_search_on_an_empty_store_returns_nothing(engine: Engine) -> None:
    result = search(engine, "汉白玉")
    assert result.total == 0 and result.hits == [] and all(v == [] for v in result.facets.values())


def test_indexing_twice_replaces_the_rows(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        report = _report(session)
        index_report(session, report)
        index_report(session, report)
    assert search(engine, "就业").total == 1


def test_reindexing_changed_text_forgets_the_old_words(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        report = _report(session)
        index_report(session, report)
    with Session(engine, expire_on_commit=False) as session, session.begin():
        report = session.get(Report, report.id)
        report.text = "全新内容：发展数字经济。"
        index_report(session, report)
    assert search(engine, "汉白玉").total == 0
    assert search(engine, "数字经济").total == 1


def test_remove_report_drops_its_sentences(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        a = _report(session, key="a")
        b = _report(session, text="财政收入稳步增长。", key="b")
        index_report(session, a)
        index_report(session, b)
    assert search(engine, "财政").total == 2
    with Session(engine, expire_on_commit=False) as session, session.begin():
        remove_report(session, a.id)
        remove_report(session, 99999)
    hits = search(engine, "财政").hits
    assert [h.report_id for h in hits] == [b.id]


def test_index_rows_roll_back_with_the_report(engine: Engine) -> None:
    ensure_schema(engine)
    try:
        with Session(engine, expire_on_commit=False) as session, session.begin():
            index_report(session, _report(session))
            raise RuntimeError("save failed")
    except RuntimeError:
        pass
    assert search(engine, "汉白玉").total == 0


def test_rebuild_reindexes_every_report(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        _report(session, key="a")
        _report(session, text="财政收入稳步增长。", key="b")
    assert search(engine, "财政").total == 0  # saved without indexing
    assert rebuild(engine) == 2
    assert search(engine, "财政").total == 2
    assert rebuild(engine) == 2
    assert search(engine, "财政").total == 2


def test_an_index_of_another_format_is_replaced_not_misread(engine: Engine) -> None:
    from sqlalchemy import text

    with Session(engine, expire_on_commit=False) as session, session.begin():
        report = _report(session)
        index_report(session, report)
    with engine.begin() as conn:
        conn.execute(text("UPDATE search_meta SET value = 'old' WHERE key = 'format'"))
    from zhaoshang.search import indexer

    indexer._ready.discard(engine)
    assert search(engine, "汉白玉").total == 0  # emptied, not misread
    assert rebuild(engine) == 1
    assert search(engine, "汉白玉").total == 1


def test_rebuild_in_worker_processes_and_batches_equals_one_process(engine: Engine, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from zhaoshang.search import indexer

    with Session(engine) as session, session.begin():
        for i in range(45):  # more than the 20 reports that start workers; three batches, two commits
            _report(session, text=f"第{i}号。{TEXT}" + "财政" * (i % 3), key=f"{i:02d}")
    monkeypatch.setattr(indexer, "_BATCH", 20)
    monkeypatch.setattr(indexer, "_COMMIT", 30)
    queries = ("财政", "汉白玉新材料", "第1", "号。推进")
    assert rebuild(engine, workers=1) == 45
    one = [(r.total, r.facets, [(h.report_id, h.start) for h in r.hits]) for r in map(lambda q: search(engine, q, limit=50), queries)]
    assert rebuild(engine, workers=2) == 45
    two = [(r.total, r.facets, [(h.report_id, h.start) for h in r.hits]) for r in map(lambda q: search(engine, q, limit=50), queries)]
    assert one == two and one[0][0] == 45 + 30  # 财政 in every report, and a second sentence in 30


def test_facets_follow_a_report_reindexed_with_another_year(engine: Engine) -> None:
    """The facets' in-memory copy of the report table must notice every write."""
    assert search(engine, "就业").facets["year"] == []
    with Session(engine, expire_on_commit=False) as session, session.begin():
        report = _report(session)
        index_report(session, report)
    assert search(engine, "就业").facets["year"] == [(2021, "2021", 1)]
    with Session(engine, expire_on_commit=False) as session, session.begin():
        report = session.get(Report, report.id)
        report.year = 2022
        index_report(session, report)
    assert search(engine, "就业").facets["year"] == [(2022, "2022", 1)]
    with Session(engine, expire_on_commit=False) as session, session.begin():
        remove_report(session, report.id)
    assert search(engine, "就业").facets["year"] == []


def test_a_rebuild_in_one_transaction_writes_one_fts5_segment(engine: Engine) -> None:
    """FTS5 (SQLite 3.40) flushes its pending terms into a new segment at every statement
    savepoint: a write that opens one per report would make the build twice as slow."""
    if engine.dialect.name != "sqlite":
        pytest.skip("FTS5 segments are SQLite's")
    with Session(engine) as session, session.begin():
        for i in range(30):
            _report(session, text=f"第{i}号。{TEXT}", key=f"{i:02d}")
    assert rebuild(engine, workers=1) == 30
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(DISTINCT segid) FROM search_fts_idx").scalar() == 1
