"""The search indexer is called inside the save transaction and sees the report's sections."""

from __future__ import annotations

import sys
import types

import pytest
from sqlalchemy import Engine, func, select
from store_docs import make_input

from zhaoshang.store.db import transaction
from zhaoshang.store.models import Report
from zhaoshang.store.repository import delete_report, save_report


@pytest.fixture
def fake_indexer(monkeypatch: pytest.MonkeyPatch) -> dict[str, list]:
    seen: dict[str, list] = {"indexed": [], "removed": []}
    module = types.ModuleType("zhaoshang.search.indexer")
    module.index_report = lambda session, report: seen["indexed"].append(  # type: ignore[attr-defined]
        (report.id, [s.kind for s in report.sections])
    )
    module.remove_report = lambda session, report_id: seen["removed"].append(report_id)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "zhaoshang.search.indexer", module)
    return seen


def test_the_indexer_sees_the_saved_report_with_its_sections(sqlite_engine: Engine, fake_indexer: dict) -> None:
    with transaction(sqlite_engine) as s:
        rid = save_report(s, make_input()).report_id
        delete_report(s, rid)
    assert fake_indexer["indexed"] == [(rid, ["preamble", "review", "tasks"])]
    assert fake_indexer["removed"] == [rid]


def test_an_indexer_failure_rolls_the_report_back(sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("zhaoshang.search.indexer")

    def broken(session, report):  # type: ignore[no-untyped-def]
        raise RuntimeError("index unavailable")

    module.index_report = broken  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "zhaoshang.search.indexer", module)
    with pytest.raises(RuntimeError):
        with transaction(sqlite_engine) as s:
            save_report(s, make_input())
    with transaction(sqlite_engine) as s:
        assert s.scalar(select(func.count()).select_from(Report)) == 0
