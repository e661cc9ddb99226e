"""The ingest pipeline end to end, on SQLite and PostgreSQL: real readers, extraction and store."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from zhaoshang.ingest.normalise import OffsetMap
from zhaoshang.ingest.registry import read_path
from zhaoshang.services.ingest import IngestOptions, ingest_paths
from zhaoshang.store import repository
from zhaoshang.store.db import transaction
from zhaoshang.store.models import FACT_TABLES, Region, Report, ReportSection


def _reports(engine: Engine) -> list[Report]:
    with transaction(engine) as s:
        return list(s.scalars(select(Report).order_by(Report.id)))


def _facts_total(engine: Engine) -> int:
    with transaction(engine) as s:
        return sum(s.scalar(select(func.count()).select_from(m)) or 0 for m in FACT_TABLES.values())


def _gold_regions(gold_dir: Path) -> dict[str, dict]:
    out = {}
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        out[gold["region"]["name"]] = gold
    return out


def test_the_bundled_listing_stores_ten_reports_with_regions_years_and_exact_facts_once(
    regions_engine: Engine, sample_listing: Path, gold_dir: Path
) -> None:
    summary = ingest_paths([sample_listing], regions_engine)
    assert summary.failed == [] and summary.stored == 10, summary
    gold = _gold_regions(gold_dir)
    with transaction(regions_engine) as s:
        reports = list(s.scalars(select(Report)))
        assert len(reports) == 10
        for report in reports:
            region = s.get(Region, report.region_code) if report.region_code else None
            assert region is not None, f"{report.title}: no region"
            assert region.name in gold, f"{report.title}: {region.name} is not a sample region"
            assert region.level == gold[region.name]["region"]["level"]
            assert report.year == 2021 and report.source_format == "listing" and report.channel
            assert report.content_hash == repository.content_hash(report.text)
            facts = 0
            for model in FACT_TABLES.values():
                for fact in s.scalars(select(model).where(model.report_id == report.id)):
                    assert report.text[fact.start : fact.end] == fact.quote
                    facts += 1
            assert facts > 0, f"{report.title}: no facts stored"
            assert s.scalar(select(func.count()).where(ReportSection.report_id == report.id)), report.title
        assert {s.get(Region, r.region_code).name for r in reports} == set(gold)  # type: ignore[union-attr]
    before = (len(_reports(regions_engine)), _facts_total(regions_engine))
    again = ingest_paths([sample_listing], regions_engine)
    assert again.stored == 0 and len(again.duplicates) == 10 and again.ok
    assert (len(_reports(regions_engine)), _facts_total(regions_engine)) == before


def _bad_files(folder: Path, sample_dir: Path) -> dict[str, Path]:
    """Every way a file can be unusable, each next to good reports."""
    folder.mkdir(exist_ok=True)
    report = (sample_dir / "puer.txt").read_bytes()
    files = {
        "good-1": folder / "a-good.txt",
        "binary junk": folder / "b-junk.txt",
        "empty": folder / "c-empty.txt",
        "truncated": folder / "d-truncated.txt",
        "wrong-encoding garbage": folder / "e-mojibake.txt",
        "executable renamed .pdf": folder / "f-program.pdf",
        "good-2": folder / "g-good.txt",
    }
    files["good-1"].write_bytes(report)
    files["binary junk"].write_bytes(random.Random(7).randbytes(8192))
    files["empty"].write_bytes(b"")
    cut = report.index("。".encode(), 4000) + 1  # cut inside the next character's UTF-8 bytes
    files["truncated"].write_bytes(report[:cut])
    files["wrong-encoding garbage"].write_bytes(report.decode("utf-8").encode("utf-8").decode("latin-1").encode("utf-8"))
    files["executable renamed .pdf"].write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 40)
    files["good-2"].write_bytes((sample_dir / "doumen.txt").read_bytes())
    return files


def test_a_batch_with_bad_files_stores_every_good_one_and_reports_each_failure(
    regions_engine: Engine, sample_dir: Path, tmp_path: Path
) -> None:
    files = _bad_files(tmp_path / "batch", sample_dir)
    summary = ingest_paths([str(p) for p in files.values()], regions_engine)
    failed = {Path(o.source).name: o.reason for o in summary.failed}
    bad = [k for k in files if not k.startswith("good")]
    assert set(failed) == {files[k].name for k in bad}, failed
    assert all(reason and len(reason) > 8 for reason in failed.values()), failed
    assert summary.stored == 2 and not summary.ok
    titles = [r.title or "" for r in _reports(regions_engine)]
    assert len(titles) == 2 and any("普洱" in t for t in titles) and any("斗门" in t for t in titles)


def test_a_failure_injected_mid_save_leaves_no_half_written_report(
    regions_engine: Engine, sample_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [sample_dir / name for name in ("fengyang.txt", "pingtang.txt", "zhongzhan.txt")]
    real_fact_rows = repository.fact_rows
    calls = {"n": 0}

    def breaking_fact_rows(session, report_id, doc, **kw):  # type: ignore[no-untyped-def]
        rows = real_fact_rows(session, report_id, doc, **kw)
        calls["n"] += 1
        if calls["n"] == 2:  # the second report: its row and sections are already flushed
            _model, values = rows[-1]
            values["end"] = values["start"] - 1  # violates the span CHECK constraint
        return rows

    monkeypatch.setattr(repository, "fact_rows", breaking_fact_rows)
    summary = ingest_paths(files, regions_engine)
    assert [Path(o.source).name for o in summary.failed] == ["pingtang.txt"] and summary.stored == 2
    assert "not stored" in (summary.failed[0].reason or "")
    reports = _reports(regions_engine)
    assert len(reports) == 2
    with transaction(regions_engine) as s:
        ids = {r.id for r in reports}
        assert set(s.scalars(select(ReportSection.report_id).distinct())) <= ids
        for model in FACT_TABLES.values():
            assert set(s.scalars(select(model.report_id).distinct())) <= ids  # type: ignore[attr-defined]
    monkeypatch.setattr(repository, "fact_rows", real_fact_rows)
    retry = ingest_paths(files, regions_engine)  # the failed report goes in on a retry
    assert retry.stored == 1 and len(retry.duplicates) == 2


_FULLWIDTH = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


def test_the_offset_map_points_stored_facts_back_to_the_original_characters(
    regions_engine: Engine, sample_dir: Path, tmp_path: Path
) -> None:
    """A messy copy (full-width digits, hard-wrapped lines) maps each fact back to its source."""
    title, body = (sample_dir / "hengyang.txt").read_text(encoding="utf-8").split("\n", 1)
    messy_body = body.strip().translate(_FULLWIDTH)
    wrapped = "\n".join(messy_body[i : i + 30] for i in range(0, len(messy_body), 30))
    path = tmp_path / "hengyang-messy.txt"
    path.write_text(title + "\n" + wrapped + "\n", encoding="utf-8")
    summary = ingest_paths([path], regions_engine)
    assert summary.stored == 1, summary
    original = read_path(path)[0].text
    (report,) = _reports(regions_engine)
    offsets = OffsetMap.from_json(report.offset_map)
    undo = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
    checked = wrapped_facts = 0
    with transaction(regions_engine) as s:
        for model in FACT_TABLES.values():
            for fact in s.scalars(select(model).where(model.report_id == report.id)):
                if "〇" in fact.quote:  # a repaired 二三五年 → 二〇三五年: the 〇 has no original character
                    continue
                o_start, o_end = offsets.span_to_original(fact.start, fact.end)
                assert original[o_start:o_end].translate(undo).replace("\n", "") == fact.quote
                wrapped_facts += "\n" in original[o_start:o_end]
                checked += 1
    assert checked > 20 and wrapped_facts > 0


def test_a_report_whose_region_cannot_be_recognised_is_stored_and_flagged(regions_engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "excerpt.txt"
    path.write_text(
        "各位代表：过去一年，全县地区生产总值增长5.2%，一般公共预算收入增长3.1%。今年地区生产总值预期增长6%左右。\n",
        encoding="utf-8",
    )
    summary = ingest_paths([path], regions_engine)
    assert summary.stored == 1 and summary.failed == []
    assert [o.source for o in summary.unrecognised_region] == [str(path)]
    (report,) = _reports(regions_engine)
    assert report.region_code is None and report.region_status in ("unknown", "ambiguous")


def test_region_and_year_given_by_the_user_override_detection_and_are_remembered(
    regions_engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "excerpt.txt"
    path.write_text("各位代表：过去一年，全县地区生产总值增长5.2%。\n", encoding="utf-8")
    summary = ingest_paths([path], regions_engine, IngestOptions(year=2019, region="宝兴县"))
    assert summary.stored == 1 and summary.failed == []
    (report,) = _reports(regions_engine)
    assert report.year == 2019 and report.overrides == {"year": 2019, "region": "宝兴县"}
    with transaction(regions_engine) as s:
        assert s.get(Region, report.region_code).name == "宝兴县"  # type: ignore[arg-type, union-attr]


def test_a_file_over_the_size_limit_is_refused_without_being_read(regions_engine: Engine, tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with open(big, "wb") as f:
        f.truncate(51 * 2**20)  # sparse: 51 MB on paper, nothing on disk
    summary = ingest_paths([big], regions_engine, IngestOptions(max_bytes=20 * 2**20))
    assert [o.source for o in summary.failed] == [str(big)]
    assert "too large" in (summary.failed[0].reason or "")
    assert _reports(regions_engine) == []


def test_a_path_that_names_nothing_is_a_failure_not_an_empty_success(regions_engine: Engine, tmp_path: Path) -> None:
    summary = ingest_paths([str(tmp_path / "nope" / "*.txt"), str(tmp_path / "missing.txt")], regions_engine)
    assert len(summary.failed) == 2 and not summary.ok


def test_ingesting_a_stored_report_again_with_region_fixes_its_region(regions_engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "excerpt.txt"
    path.write_text("各位代表：过去一年，全县地区生产总值增长5.2%。今年预期增长6%左右。\n", encoding="utf-8")
    first = ingest_paths([path], regions_engine)
    assert first.stored == 1 and first.unrecognised_region
    again = ingest_paths([path], regions_engine, IngestOptions(region="平塘县"))
    assert [o.status for o in again.updated] == ["updated"] and again.stored == 0 and again.ok
    (report,) = _reports(regions_engine)
    assert report.overrides == {"region": "平塘县"}
    with transaction(regions_engine) as s:
        assert s.get(Region, report.region_code).name == "平塘县"  # type: ignore[arg-type, union-attr]
    assert report.region_status == "override"
    same = ingest_paths([path], regions_engine, IngestOptions(region="平塘县"))
    assert len(same.duplicates) == 1 and not same.updated


def test_a_document_with_nul_characters_is_refused_on_every_backend(regions_engine: Engine) -> None:
    from zhaoshang.ingest.types import RawDocument
    from zhaoshang.services.ingest import ingest_raw

    raw = RawDocument("broken.pdf", "pdf", None, "各位代表：地区生产总值增长5%。\x00\x00")
    outcome = ingest_raw(regions_engine, raw)
    assert outcome.status == "failed" and "NUL" in (outcome.reason or "")
    assert _reports(regions_engine) == []


def test_concurrent_ingests_of_the_same_files_store_each_report_exactly_once(
    regions_engine: Engine, tmp_path: Path
) -> None:
    import threading

    files = []
    for i, county in enumerate(["宝兴县", "平塘县", "凤阳县", "斗门区", "中站区"]):
        path = tmp_path / f"{i}.txt"
        path.write_text(
            f"2022年{county}政府工作报告\n各位代表：过去一年，{county}地区生产总值增长{i + 3}.1%。今年预期增长6.5%左右。\n",
            encoding="utf-8",
        )
        files.append(path)
    summaries = []
    orders = [files, files[::-1], files[2:] + files[:2]]
    threads = [threading.Thread(target=lambda o=o: summaries.append(ingest_paths(o, regions_engine))) for o in orders]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [s.failed for s in summaries] == [[], [], []]
    assert sum(s.stored for s in summaries) == 5
    assert sum(len(s.duplicates) for s in summaries) == 10
    assert len(_reports(regions_engine)) == 5


def test_a_crashing_extractor_costs_only_its_own_facts_and_marks_the_report_partial(
    regions_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zhaoshang.extract.parks as parks

    def boom(doc):  # type: ignore[no-untyped-def]
        raise RuntimeError("parks extractor exploded")

    monkeypatch.setattr(parks, "extract_parks", boom)
    path = tmp_path / "report.txt"
    path.write_text("2021年宝兴县政府工作报告\n各位代表：2020年全县地区生产总值增长4.1%，五龙汉白玉新材料产业园开工建设。\n",
                    encoding="utf-8")
    summary = ingest_paths([path], regions_engine)
    assert summary.stored == 1 and not summary.failed
    assert [o.status for o in summary.partial] == ["partial"]
    (report,) = _reports(regions_engine)
    assert report.stage_status["extract.parks"].startswith("error")
    with transaction(regions_engine) as s:
        assert s.scalar(select(func.count()).select_from(FACT_TABLES["indicator"])) >= 1
        assert s.scalar(select(func.count()).select_from(FACT_TABLES["park"])) == 0
