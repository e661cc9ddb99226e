"""Saving, deduplicating, re-extracting and deleting reports, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import copy

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError
from store_docs import REGION, TEXT, make_document, make_input

from zhaoshang import PIPELINE_VERSION
from zhaoshang.model import RegionRef
from zhaoshang.store.db import transaction
from zhaoshang.store.models import (
    FACT_TABLES,
    Enterprise,
    EnterpriseMention,
    IndicatorFact,
    ProjectFact,
    Region,
    Report,
    ReportSection,
)
from zhaoshang.store.repository import (
    content_hash,
    delete_report,
    fact_count,
    reextract_report,
    save_report,
)


def _count(engine: Engine, model: type) -> int:
    with transaction(engine) as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def _all_fact_counts(engine: Engine) -> dict[str, int]:
    return {t: _count(engine, m) for t, m in FACT_TABLES.items()}


def test_save_report_stores_every_field_section_and_fact_with_exact_spans(regions_engine: Engine) -> None:
    with transaction(regions_engine) as s:
        result = save_report(s, make_input())
    assert result.created
    with transaction(regions_engine) as s:
        report = s.get(Report, result.report_id)
        assert report is not None
        assert (report.title, report.year, report.meeting_date, report.speaker) == (
            "2022年湘潭县政府工作报告", 2022, "2022-01-10", "李明",
        )  # fmt: skip
        assert report.region_code == "430321" and report.region is not None and report.region.name == "湘潭县"
        assert report.region.parent is not None and report.region.parent.name == "湘潭市"
        assert report.content_hash == content_hash(TEXT) and report.char_count == len(TEXT)
        assert report.pipeline_version == PIPELINE_VERSION
        assert report.stage_status["extract"] == "ok"
        assert (report.source_format, report.encoding, report.channel) == ("text", "utf-8", "湘潭县")
        assert [sec.kind for sec in report.sections] == ["preamble", "review", "tasks"]
        stored = 0
        for model in FACT_TABLES.values():
            for fact in s.scalars(select(model).where(model.report_id == report.id)):
                assert report.text[fact.start : fact.end] == fact.quote
                stored += 1
        assert stored == len(make_document().facts())
        target = s.scalars(select(IndicatorFact).where(IndicatorFact.kind == "target")).one()
        assert (target.section_kind, target.qualifier, target.period) == ("tasks", "about", "2022")
        project = s.scalars(select(ProjectFact)).one()
        assert project.industries == ["advanced_manufacturing"] and project.investment_yuan == 1.2e9


def test_mentions_of_one_company_link_to_one_enterprise_across_reports(regions_engine: Engine) -> None:
    other_text = TEXT.replace("2022年", "2023年", 1) + "华菱钢铁扩产。"
    with transaction(regions_engine) as s:
        save_report(s, make_input())
        save_report(s, make_input(make_document(other_text), source="xiangtan-2023.txt"))
    with transaction(regions_engine) as s:
        companies = s.scalars(select(Enterprise)).all()
        assert [c.canonical for c in companies] == ["华菱钢铁"]
        assert companies[0].industries == ["steel"]
        mentions = s.scalars(select(EnterpriseMention)).all()
        assert len(mentions) == 4 and {m.enterprise_id for m in mentions} == {companies[0].id}


def test_saving_the_same_text_again_is_a_duplicate_and_writes_nothing(regions_engine: Engine) -> None:
    with transaction(regions_engine) as s:
        first = save_report(s, make_input())
    before = _all_fact_counts(regions_engine)
    with transaction(regions_engine) as s:
        again = save_report(s, make_input(source="renamed-copy.html"))
    assert not again.created and again.report_id == first.report_id
    assert _count(regions_engine, Report) == 1
    assert _all_fact_counts(regions_engine) == before


def test_a_constraint_failure_mid_save_leaves_no_trace_of_the_report(regions_engine: Engine) -> None:
    doc = make_document()
    doc.parks[0].start = -3  # the last-but-one fact type: report, sections and other facts are already flushed
    with pytest.raises(IntegrityError):
        with transaction(regions_engine) as s:
            save_report(s, make_input(doc))
    assert _count(regions_engine, Report) == 0
    assert _count(regions_engine, ReportSection) == 0
    assert _count(regions_engine, Enterprise) == 0
    assert sum(_all_fact_counts(regions_engine).values()) == 0
    with transaction(regions_engine) as s:  # and the store still takes the good version
        assert save_report(s, make_input()).created


def test_a_region_missing_from_the_loaded_gazetteer_is_added_rather_than_failing(engine: Engine) -> None:
    new_county = RegionRef(name="新设县", adcode="439999", level="county", parents=("湖南省",))
    with transaction(engine) as s:
        result = save_report(s, make_input(make_document(region=new_county)))
    with transaction(engine) as s:
        region = s.get(Region, "439999")
        assert region is not None and region.vintage == "report" and region.province_code == "430000"
        assert s.get(Report, result.report_id).region_code == "439999"  # type: ignore[union-attr]


def test_a_report_without_a_recognised_region_is_stored_and_flagged(engine: Engine) -> None:
    with transaction(engine) as s:
        result = save_report(s, make_input(make_document(region=None)))
    with transaction(engine) as s:
        report = s.get(Report, result.report_id)
        assert report is not None and report.region_code is None and report.region_status == "unknown"


def test_strings_longer_than_their_column_are_cut_the_same_way_on_both_backends(regions_engine: Engine) -> None:
    doc = make_document()
    doc.meta.title = "很长的标题" * 100
    doc.meta.speaker = "某" * 100
    with transaction(regions_engine) as s:
        rid = save_report(s, make_input(doc)).report_id
    with transaction(regions_engine) as s:
        report = s.get(Report, rid)
        assert report is not None and len(report.title or "") == 300 and len(report.speaker or "") == 64


def test_offset_map_is_stored_and_read_back_unchanged(regions_engine: Engine) -> None:
    item = make_input()
    item.offset_map = {"version": 1, "runs": [[0, 0, 12], [12, 15, 40]], "length": len(TEXT)}
    with transaction(regions_engine) as s:
        rid = save_report(s, item).report_id
    with transaction(regions_engine) as s:
        assert s.get(Report, rid).offset_map == item.offset_map  # type: ignore[union-attr]


def test_reextract_replaces_facts_but_keeps_editor_corrections_and_deletions(regions_engine: Engine) -> None:
    with transaction(regions_engine) as s:
        rid = save_report(s, make_input()).report_id
    with transaction(regions_engine) as s:
        gdp = s.scalars(select(IndicatorFact).where(IndicatorFact.period == "2021", IndicatorFact.metric == "gdp")).one()
        gdp.number, gdp.corrected = 7.3, True
        park_mentions = s.scalars(select(FACT_TABLES["park"])).all()
        park_mentions[0].deleted = True

    def extractor(report: Report):  # a newer extractor: finds one fact more, still finds the corrected one
        doc = copy.deepcopy(make_document(report.text))
        extra = copy.deepcopy(doc.indicators[0])
        extra.metric, extra.period = "gdp_copy", "2021"
        doc.indicators.append(extra)
        return doc

    with transaction(regions_engine) as s:
        result = reextract_report(s, rid, extractor)
    assert result.kept_corrections == 2
    with transaction(regions_engine) as s:
        gdps = s.scalars(
            select(IndicatorFact).where(IndicatorFact.report_id == rid, IndicatorFact.start == gdp.start)
        ).all()
        assert sorted((f.metric, f.number, f.corrected) for f in gdps) == [("gdp", 7.3, True)]
        assert s.scalars(select(FACT_TABLES["park"])).one().deleted
        counts = fact_count(s, rid)
        assert counts["indicator"] == 3 and counts["park"] == 0
        assert [sec.kind for sec in s.scalars(select(ReportSection).where(ReportSection.report_id == rid))] == [
            "preamble", "review", "tasks",
        ]  # fmt: skip


def test_reextract_keeps_a_region_an_editor_fixed(regions_engine: Engine) -> None:
    with transaction(regions_engine) as s:
        rid = save_report(s, make_input()).report_id
    with transaction(regions_engine) as s:
        report = s.get(Report, rid)
        report.region_code, report.region_status = "430300", "override"  # type: ignore[union-attr]
    with transaction(regions_engine) as s:
        reextract_report(s, rid, lambda r: make_document(r.text))
    with transaction(regions_engine) as s:
        assert s.get(Report, rid).region_code == "430300"  # type: ignore[union-attr]


def test_reextract_refuses_a_document_whose_text_differs_from_the_stored_one(regions_engine: Engine) -> None:
    with transaction(regions_engine) as s:
        rid = save_report(s, make_input()).report_id
    with pytest.raises(ValueError, match="stored text"):
        with transaction(regions_engine) as s:
            reextract_report(s, rid, lambda r: make_document(r.text + "补充"))
    assert sum(_all_fact_counts(regions_engine).values()) == len(make_document().facts())


def test_delete_report_removes_its_sections_and_facts_but_keeps_shared_enterprises(regions_engine: Engine) -> None:
    with transaction(regions_engine) as s:
        rid = save_report(s, make_input()).report_id
    with transaction(regions_engine) as s:
        assert delete_report(s, rid)
        assert not delete_report(s, rid + 1000)
    assert _count(regions_engine, Report) == 0 and _count(regions_engine, ReportSection) == 0
    assert sum(_all_fact_counts(regions_engine).values()) == 0
    assert _count(regions_engine, Enterprise) == 1
    with transaction(regions_engine) as s:  # the same text can be ingested again afterwards
        assert save_report(s, make_input()).created


def test_region_parents_are_loaded_with_the_report_region(regions_engine: Engine) -> None:
    with transaction(regions_engine) as s:
        region = s.get(Region, REGION.adcode)
        assert region is not None and region.level == "county"
        assert region.parent is not None and region.parent.parent is not None
        assert region.parent.parent.name == "湖南省"
