"""``zhaoshang search`` and ``zhaoshang reindex`` on a small SQLite store."""

from __future__ import annotations

import json

from click.testing import CliRunner
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from zhaoshang.cli.main import cli
from zhaoshang.search.indexer import index_report
from zhaoshang.store.models import Report

TEXT = "做大汉白玉新材料产业园，引进<石材>加工企业12家。地区生产总值增长4.1%。"


def _store(engine: Engine, index: bool = True) -> str:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        report = Report(title="2021年测试县政府工作报告", year=2021, source_name="t", source_format="txt",
                        content_hash="c" * 64, text=TEXT, pipeline_version="test")  # fmt: skip
        session.add(report)
        session.flush()
        if index:
            index_report(session, report)
    return str(engine.url.database)


def test_json_output_has_the_documented_shape(sqlite_engine: Engine) -> None:
    db = _store(sqlite_engine)
    out = CliRunner().invoke(cli, ["search", "GDP", "--json", "--db", db])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["query"] == "GDP" and data["total"] == 1
    hit = data["hits"][0]
    assert set(hit) >= {"report", "section", "snippet", "start", "end"}
    assert set(hit["report"]) == {"id", "title", "year", "region"}
    assert set(hit["report"]["region"]) == {"name", "code"}
    assert TEXT[hit["start"] : hit["end"]] == "地区生产总值"
    assert set(data["facets"]) == {"province", "level", "year", "section_kind"}


def test_text_output_lists_hits_and_escapes_nothing_for_the_terminal(sqlite_engine: Engine) -> None:
    db = _store(sqlite_engine)
    out = CliRunner().invoke(cli, ["search", "石材", "--db", db])
    assert out.exit_code == 0, out.output
    assert out.output.startswith("1 matching sentence(s)")
    assert "引进<石材>加工企业" in out.output


def test_bad_query_is_a_usage_error_not_a_traceback(sqlite_engine: Engine) -> None:
    db = _store(sqlite_engine)
    out = CliRunner().invoke(cli, ["search", '"汉白玉', "--db", db])
    assert out.exit_code == 2
    assert "unbalanced quote" in out.output


def test_reindex_builds_the_index_for_stored_reports(sqlite_engine: Engine) -> None:
    db = _store(sqlite_engine, index=False)
    runner = CliRunner()
    assert json.loads(runner.invoke(cli, ["search", "汉白玉", "--json", "--db", db]).output)["total"] == 0
    out = runner.invoke(cli, ["reindex", "--db", db])
    assert out.exit_code == 0 and "indexed 1 report(s)" in out.output
    assert json.loads(runner.invoke(cli, ["search", "汉白玉", "--json", "--db", db]).output)["total"] == 1


def test_reindex_optimize_compacts_to_one_segment_and_finds_the_same(sqlite_engine: Engine) -> None:
    db = _store(sqlite_engine)
    runner = CliRunner()
    before = json.loads(runner.invoke(cli, ["search", "汉白玉", "--json", "--db", db]).output)
    out = runner.invoke(cli, ["reindex", "--optimize", "--db", db])
    assert out.exit_code == 0 and "index compacted" in out.output
    with sqlite_engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(DISTINCT segid) FROM search_fts_idx").scalar() == 1
    after = json.loads(runner.invoke(cli, ["search", "汉白玉", "--json", "--db", db]).output)
    assert after["total"] == before["total"] == 1 and after["hits"] == before["hits"]
