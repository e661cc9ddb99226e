"""The portal on PostgreSQL: every page and API answer, and the API agrees with SQLite."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from zhaoshang.web.app import create_app

pytestmark = pytest.mark.pg


@pytest.fixture(scope="module")
def pg_client(pg_ingested_template: Any) -> Iterator[TestClient]:
    # A clone: a connection left open on the template would block CREATE DATABASE ... TEMPLATE.
    with pg_ingested_template.clone() as url:
        app = create_app(url)
        with TestClient(app) as c:
            yield c
        app.state.engine.dispose()


def _paths(ids: dict[str, Any]) -> list[str]:
    code, rid = ids["region_codes"][0], ids["report_ids"][0]
    return [
        "/", "/regions", f"/regions/{code}", "/reports", f"/reports/{rid}", "/compare?metric=gdp&period=2020",
        "/map?metric=gdp&period=2020", "/targets", f"/targets?region={code}", "/projects", "/industries",
        "/indicators", "/search?q=产业园", "/docs",
        "/api/v1/home", "/api/v1/regions", f"/api/v1/regions/{code}", "/api/v1/reports", f"/api/v1/reports/{rid}",
        "/api/v1/indicators?metric=gdp", "/api/v1/projects?sort=-investment_yuan", "/api/v1/metrics",
        "/api/v1/compare?metric=gdp&period=2020", "/api/v1/map?metric=gdp&period=2020", "/api/v1/targets",
        "/api/v1/industries", "/api/v1/search?q=新材料", "/api/v1/projects?format=csv", "/api/v1/indicators?format=xlsx",
    ]  # fmt: skip


def test_every_page_and_api_answers_on_postgresql(pg_client: TestClient, sample_facts: dict[str, Any]) -> None:
    ids = {**sample_facts, "report_ids": _pg_ids(pg_client)}
    for path in _paths(ids):
        r = pg_client.get(path)
        assert r.status_code == 200, (path, r.status_code, r.text[:300])


def _pg_ids(client: TestClient) -> list[int]:
    return [r["id"] for r in client.get("/api/v1/reports", params={"per_page": 50}).json()["items"]]


@pytest.mark.parametrize(
    "path",
    ["/api/v1/reports?per_page=50", "/api/v1/indicators?metric=gdp&per_page=500", "/api/v1/projects?per_page=500",
     "/api/v1/compare?metric=gdp&period=2020", "/api/v1/search?q=汉白玉", "/api/v1/targets"],
)
def test_postgresql_and_sqlite_give_the_same_answers(pg_client: TestClient, client: TestClient, path: str) -> None:
    def comparable(data: Any) -> Any:
        # Ids and ingest times differ between two databases; the content must not.
        if isinstance(data, dict):
            return {k: comparable(v) for k, v in data.items()
                    if k not in {"id", "report_id", "fact_id", "ingested_at", "url", "region_url", "score"}}
        if isinstance(data, list):
            return sorted((comparable(v) for v in data), key=repr)
        return data

    a, b = pg_client.get(path), client.get(path)
    assert a.status_code == b.status_code == 200
    assert comparable(a.json()) == comparable(b.json())
