"""Memoised corpus-wide answers refresh whenever the data version moves."""

from __future__ import annotations

from svc_builders import ReportBuilder

from zhaoshang.services import available_metrics, cache, compare, corpus_overview
from zhaoshang.store.models import AuditEntry


def test_answer_is_reused_while_nothing_changes(svc_session):
    ReportBuilder(svc_session, "430400", 2021).indicator("gdp", "2020", "actual", "growth_pct", 4.0)
    svc_session.flush()
    first = compare(svc_session, "gdp", "2020")
    assert compare(svc_session, "gdp", "2020") is first
    assert compare(svc_session, "gdp", "2020", sort="region") is not first  # other arguments, other answer


def test_a_new_report_refreshes_the_answer(svc_session):
    ReportBuilder(svc_session, "430400", 2021).indicator("gdp", "2020", "actual", "growth_pct", 4.0)
    svc_session.flush()
    assert corpus_overview(svc_session).reports == 1
    assert len(available_metrics(svc_session)) == 1
    ReportBuilder(svc_session, "430000", 2021).indicator("gdp", "2021", "target", "growth_pct", 7)
    svc_session.flush()
    assert corpus_overview(svc_session).reports == 2
    assert len(available_metrics(svc_session)) == 2


def test_an_audited_edit_refreshes_the_answer(svc_session):
    fact = ReportBuilder(svc_session, "430400", 2021).indicator("gdp", "2020", "actual", "growth_pct", 4.0)
    svc_session.flush()
    assert compare(svc_session, "gdp", "2020").rows[0].number == 4.0
    fact.number, fact.corrected = 4.2, True
    svc_session.add(AuditEntry(action="fact.correct", target_type="indicator", target_id=str(fact.id)))
    svc_session.flush()
    row = compare(svc_session, "gdp", "2020").rows[0]
    assert (row.number, row.corrected) == (4.2, True)


def test_cache_can_be_switched_off(svc_session, monkeypatch):
    monkeypatch.setenv("ZHAOSHANG_SERVICE_CACHE", "0")
    ReportBuilder(svc_session, "430400", 2021).indicator("gdp", "2020", "actual", "growth_pct", 4.0)
    svc_session.flush()
    assert compare(svc_session, "gdp", "2020") is not compare(svc_session, "gdp", "2020")
    cache.clear()
