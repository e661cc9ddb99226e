"""A search corpus built once per backend: the ten sample reports plus reports written here.

Reports are inserted as rows and indexed directly (``index_report``), which keeps the search
suite independent of the ingest pipeline and fast; one database per backend per module.
"""

from __future__ import annotations

import hashlib
import itertools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import Engine, make_url
from sqlalchemy.orm import Session

from zhaoshang.store.models import ParkFact, ProjectFact, Report, ReportSection

SAMPLE_REGIONS = {
    "baoxing": "511827", "chaozhou": "445100", "doumen": "440403", "fengyang": "341126",
    "hengyang": "430400", "hunan": "430000", "kelamayiqu": "650203", "pingtang": "522727",
    "puer": "530800", "zhongzhan": "410803",
}  # fmt: skip


@dataclass(frozen=True)
class Written:
    """A short report written for these tests: odd characters, sections and a fact."""

    key: str
    region_code: str
    year: int
    parts: list[tuple[str, str]]
    """(section kind, text) in order; the text of a part starts with its heading."""
    park: str | None = None


WRITTEN = [
    Written(
        key="hengshan-2020",
        region_code="430423",  # 衡山县, under 衡阳市, under 湖南省
        year=2020,
        parts=[
            ("review", "一、2019年工作回顾\n全县地區生產總值增長5.2%，ＧＤＰ总量首次突破百亿元。"
                       "成就业绩来之不易！财政收支平衡。\n"),
            ("tasks", "二、2020年主要任务\n稳就业、保民生，新增城镇就业3000人以上。"
                      "加快建设<b>招商</b>&amp;服务中心，推进君禾铜业二期项目建设。"
                      "规上工业增加值增长8%左右？社零增长10%。\n"),
        ],
        park=None,
    ),
    Written(
        key="wulong-2019",
        region_code="511827",  # 宝兴县
        year=2019,
        parts=[
            ("tasks", "二、2019年重点工作\n做大汉白玉新材料产业园，引进石材加工企业12家；"
                      "大熊猫国家公园入口社区开工。\n"),
        ],
        park="汉白玉新材料产业园",
    ),
    Written(
        key="pingtang-2019",
        region_code="522727",  # 平塘县
        year=2019,
        parts=[("tasks", "三、民生工作\n成就业绩。我们将千方百计稳就业保民生。\n")],
    ),
]


@dataclass
class Corpus:
    engine: Engine
    backend: str
    texts: dict[int, str] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)
    drop: Callable[[], None] = lambda: None


def _pg_admin(server_url: str, *statements: str) -> None:
    import psycopg

    url = make_url(server_url).set(drivername="postgresql", database="postgres")
    with psycopg.connect(url.render_as_string(hide_password=False), autocommit=True) as conn:
        for sql in statements:
            conn.execute(sql)


_counter = itertools.count(1)


def _new_db_url(backend: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Callable[[], None]]:
    """A fresh database URL and the function that removes it."""
    if backend == "sqlite":
        return str(tmp_path_factory.mktemp("search") / "search.db"), lambda: None
    server = request.getfixturevalue("pg_url")
    name = f"zs_search_{os.getpid()}_{next(_counter)}"
    _pg_admin(server, f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}")
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    return url, lambda: _pg_admin(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _add_report(session: Session, corpus: Corpus, key: str, title: str, text: str, region: str, year: int,
                sections: list[tuple[str, str, int, int]] = ()) -> Report:  # fmt: skip
    report = Report(
        title=title, region_code=region, year=year, source_name=key, source_format="txt",
        content_hash=hashlib.sha256(text.encode()).hexdigest(), text=text, char_count=len(text),
        pipeline_version="test",
    )  # fmt: skip
    report.sections = [ReportSection(kind=k, title=t, start=s, end=e) for k, t, s, e in sections]
    session.add(report)
    session.flush()
    corpus.texts[report.id] = text
    corpus.ids[key] = report.id
    return report


def build_corpus(url: str, backend: str, sample_dir: Path) -> Corpus:
    from zhaoshang.search.indexer import index_report
    from zhaoshang.store.regions import load_gazetteer_into
    from zhaoshang.store.schema import init_db

    engine = init_db(url)
    load_gazetteer_into(engine)
    corpus = Corpus(engine=engine, backend=backend)
    with Session(engine) as session, session.begin():
        for path in sorted(sample_dir.glob("*.txt")):
            title, body = path.read_text(encoding="utf-8").split("\n", 1)
            body = body.rstrip("\n")
            report = _add_report(session, corpus, path.stem, title, body, SAMPLE_REGIONS[path.stem], 2021)
            index_report(session, report)
        for w in WRITTEN:
            text, sections, pos = "", [], 0
            for kind, part in w.parts:
                sections.append((kind, part.split("\n", 1)[0], pos, pos + len(part)))
                text += part
                pos += len(part)
            report = _add_report(session, corpus, w.key, f"{w.year}年政府工作报告", text, w.region_code, w.year, sections)
            if w.park:
                at = text.index(w.park)
                session.add(ParkFact(report_id=report.id, name=w.park, park_kind="产业园", quote=w.park,
                                     start=at, end=at + len(w.park)))  # fmt: skip
            project = "君禾铜业二期项目"
            if project in text:
                at = text.index(project)
                session.add(ProjectFact(report_id=report.id, name=project, quote=project, start=at,
                                        end=at + len(project)))  # fmt: skip
            session.flush()
            index_report(session, report)
    return corpus


@pytest.fixture(scope="session")
def _corpora(tmp_path_factory: pytest.TempPathFactory, sample_dir: Path) -> Iterator[dict[str, Corpus]]:
    """Corpora built lazily, once per backend per session, shared by every search test module."""
    built: dict[str, Corpus] = {}
    yield built
    for c in built.values():
        c.engine.dispose()
        try:
            c.drop()
        except Exception:  # noqa: BLE001 - the session's cluster may already be gone, and the database with it
            pass


def _corpus_for(backend: str, request: pytest.FixtureRequest) -> Corpus:
    built = request.getfixturevalue("_corpora")
    if backend not in built:
        url, drop = _new_db_url(backend, request, request.getfixturevalue("tmp_path_factory"))
        built[backend] = build_corpus(url, backend, request.getfixturevalue("sample_dir"))
        built[backend].drop = drop
    return built[backend]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def corpus(request: pytest.FixtureRequest) -> Corpus:
    """The indexed corpus on each backend (built once per session; treat as read-only)."""
    return _corpus_for(request.param, request)


@pytest.fixture
def both(request: pytest.FixtureRequest) -> tuple[Corpus, Corpus]:
    """The same corpus on SQLite and on PostgreSQL, for comparing the two."""
    return _corpus_for("sqlite", request), _corpus_for("postgresql", request)
