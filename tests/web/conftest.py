"""Fixtures for the portal tests: one app on the ingested samples, and a live server
for the browser tests (uvicorn in a thread on a free 127.0.0.1 port)."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import make_url, select
from sqlalchemy.orm import Session

from zhaoshang.store.db import make_engine
from zhaoshang.store.models import IndicatorFact, Report
from zhaoshang.web.app import create_app
from web_support import CHROMIUM, CHROMIUM_ARGS, open_page, serving


@pytest.fixture(scope="session")
def web_app(ingested_sqlite: Any) -> Any:
    return create_app(ingested_sqlite.url)


@pytest.fixture(scope="session")
def client(web_app: Any) -> Iterator[TestClient]:
    with TestClient(web_app) as c:
        yield c


@pytest.fixture(scope="session")
def sample_facts(ingested_sqlite: Any) -> dict[str, Any]:
    """Ids the tests navigate by, read from the database rather than assumed."""
    engine = make_engine(ingested_sqlite.url)
    with Session(engine) as s:
        reports = list(s.execute(select(Report.id, Report.region_code, Report.year).order_by(Report.id)))
        ind = s.scalars(select(IndicatorFact).where(IndicatorFact.deleted.is_(False)).order_by(IndicatorFact.id)).first()
        info = {
            "report_ids": [r.id for r in reports],
            "region_codes": sorted({r.region_code for r in reports if r.region_code}),
            "indicator": {"id": ind.id, "report_id": ind.report_id, "quote": ind.quote, "metric": ind.metric,
                          "period": ind.period, "kind": ind.kind} if ind else None,
        }  # fmt: skip
    engine.dispose()
    return info


@pytest.fixture(scope="session")
def live_server(web_app: Any) -> Iterator[str]:
    """The read-only portal on the ingested samples, for the browser tests."""
    with serving(web_app) as url:
        yield url


# --- the ingested samples on PostgreSQL ------------------------------------------------------------


@dataclass
class PgSamples:
    """The ten samples ingested once into a PostgreSQL database; ``clone()`` gives a writable copy."""

    server: str
    name: str
    url: str

    @contextmanager
    def clone(self) -> Iterator[str]:
        from zhaoshang.devtools.pgcluster import admin_execute

        name = f"{self.name}_{next(_clones)}"
        admin_execute(self.server, f"CREATE DATABASE {name} TEMPLATE {self.name} STRATEGY FILE_COPY")
        try:
            yield make_url(self.server).set(database=name).render_as_string(hide_password=False)
        finally:
            admin_execute(self.server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


_clones = itertools.count(1)


@pytest.fixture(scope="session")
def pg_ingested_template(pg_url: str, sample_listing: Path) -> PgSamples:
    from zhaoshang.devtools.pgcluster import admin_execute
    from zhaoshang.services.ingest import ingest_paths
    from zhaoshang.store.schema import init_db

    name = "zs_web_samples"
    admin_execute(pg_url, f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}")
    url = make_url(pg_url).set(database=name).render_as_string(hide_password=False)
    engine = init_db(url)
    summary = ingest_paths([sample_listing], engine)
    engine.dispose()
    assert not summary.failed, summary.failed
    return PgSamples(pg_url, name, url)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"chromium not found at {CHROMIUM}")
        pytest.skip(f"chromium not found at {CHROMIUM}")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, live_server: str) -> Iterator[Any]:
    pg = open_page(browser, live_server)
    yield pg
    pg.context.close()


