"""Fixtures for the portal tests: one app on the ingested samples, and a live server
for the browser tests (uvicorn in a thread on a free 127.0.0.1 port)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from zhaoshang.store.db import make_engine
from zhaoshang.store.models import IndicatorFact, Report
from zhaoshang.web.app import create_app


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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(web_app: Any) -> Iterator[str]:
    """The app under uvicorn on 127.0.0.1 (a real socket, for chromium)."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(web_app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the portal did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
