"""The response cache serves repeats from memory and forgets everything when the store changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from zhaoshang.store.db import make_engine
from zhaoshang.store.models import AuditEntry, IndicatorFact
from zhaoshang.web.app import create_app
from zhaoshang.web.cache import cacheable_path


def test_only_the_public_read_only_paths_are_cacheable():
    for path in ("/", "/reports/3", "/regions/430000", "/api/v1/projects", "/search"):
        assert cacheable_path(path), path
    for path in ("/contribute", "/admin", "/login", "/enterprise", "/contact", "/static/css/site.css", "/docs",
                 "/api/v1/openapi.json", "/reportsx"):  # fmt: skip
        assert not cacheable_path(path), path


def test_repeat_is_a_hit_and_an_audited_edit_invalidates_it(ingested_sqlite: Any, tmp_path: Path):
    url = ingested_sqlite.copy_to(tmp_path)
    engine = make_engine(url)
    with Session(engine) as s:
        fact = s.scalars(select(IndicatorFact).order_by(IndicatorFact.id)).first()
        assert fact is not None
        fact_id, report_id = fact.id, fact.report_id
    with TestClient(create_app(url, cache=True)) as c:
        first = c.get(f"/reports/{report_id}")
        again = c.get(f"/reports/{report_id}")
        assert first.headers.get("x-cache") is None and again.headers.get("x-cache") == "hit"
        assert again.text == first.text and f'id="f-indicator-{fact_id}"' in again.text
        with Session(engine) as s, s.begin():  # an editor deletes the fact: the change is audited
            s.execute(update(IndicatorFact).where(IndicatorFact.id == fact_id).values(deleted=True))
            s.add(AuditEntry(action="delete_fact", target_type="indicator", target_id=str(fact_id)))
        after = c.get(f"/reports/{report_id}")
        assert after.headers.get("x-cache") is None
        assert f'id="f-indicator-{fact_id}"' not in after.text
    engine.dispose()


def test_requests_with_cookies_and_errors_are_never_cached(ingested_sqlite: Any):
    with TestClient(create_app(ingested_sqlite.url, cache=True)) as c:
        c.get("/", headers={"cookie": "session=abc"})
        assert c.get("/", headers={"cookie": "session=abc"}).headers.get("x-cache") is None
        c.get("/reports/99999999")
        assert c.get("/reports/99999999").headers.get("x-cache") is None


def test_gzip_and_plain_clients_get_their_own_entries(ingested_sqlite: Any):
    with TestClient(create_app(ingested_sqlite.url, cache=True)) as c:
        gz = c.get("/api/v1/home", headers={"accept-encoding": "gzip"})
        plain = c.get("/api/v1/home", headers={"accept-encoding": "identity"})
        plain2 = c.get("/api/v1/home", headers={"accept-encoding": "identity"})
        assert gz.headers.get("content-encoding") == "gzip"
        assert plain2.headers.get("content-encoding") is None and plain2.headers.get("x-cache") == "hit"
        assert plain.json() == gz.json() == plain2.json()
