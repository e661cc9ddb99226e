"""The pipeline: one call from normalised text (or a file) to a checked Document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zhaoshang.extract import pipeline
from zhaoshang.extract.pipeline import EXTRACTORS, extract_document, extract_file

SHARED = Path(__file__).resolve().parents[3] / "shared"
SAMPLES = SHARED / "corpus" / "seed-reports"
LISTING = SHARED / "corpus" / "seed-listing.txt"
needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason="sample corpus not present")

EXCERPT = "过去一年，全县地区生产总值增长4.1%，城乡居民人均可支配收入分别增长6.3%和9%。今年力争地区生产总值增长7%以上。"


def test_a_bare_excerpt_with_a_year_is_extracted_without_title_or_region() -> None:
    doc = extract_document(EXCERPT, year=2021)
    assert doc.meta.title is None
    assert [(i.metric, i.period, i.kind) for i in doc.indicators] == [
        ("gdp", "2020", "actual"),
        ("urban_disposable_income", "2020", "actual"),
        ("rural_disposable_income", "2020", "actual"),
        ("gdp", "2021", "target"),
    ]


def test_year_override_moves_every_period() -> None:
    doc = extract_document(EXCERPT, year=2016)
    assert [i.period for i in doc.indicators] == ["2015", "2015", "2015", "2016"]


def test_sections_and_sentences_are_filled_and_cover_the_text() -> None:
    doc = extract_document(EXCERPT, year=2021)
    assert doc.sections[0].start == 0 and doc.sections[-1].end == len(EXCERPT)
    assert len(doc.sentences) == 2


def test_the_extractor_list_is_data_and_missing_stages_are_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    assert ("indicators", "zhaoshang.extract.indicators:extract_indicators") in EXTRACTORS
    monkeypatch.setattr(pipeline, "EXTRACTORS", (*EXTRACTORS, ("parks", "zhaoshang.extract.not_built_yet:extract")))
    doc = extract_document(EXCERPT, year=2021)
    assert doc.indicators


def test_a_fact_whose_span_does_not_hold_its_quote_is_dropped_and_recorded(monkeypatch: pytest.MonkeyPatch) -> None:
    from zhaoshang.model import Indicator

    real = pipeline._resolve("zhaoshang.extract.indicators:extract_indicators")

    def half_bad(doc):  # noqa: ANN001, ANN202
        good = real(doc)
        return [*good, Indicator(metric="gdp", period="2020", kind="actual", measure="growth_pct", number=1.0,
                                 unit="%", quote="not in text", start=0, end=3)]

    original = pipeline._resolve
    monkeypatch.setattr(pipeline, "_resolve", lambda t: half_bad if t.endswith("extract_indicators") else original(t))
    doc = extract_document(EXCERPT, year=2021)
    assert [i.quote for i in doc.indicators] == [i.quote for i in extract_document(EXCERPT, year=2021).indicators]
    assert doc.stage_errors["indicators"].startswith("error: 1 fact")
    doc.check_spans()


def test_an_extractor_that_raises_loses_only_its_own_facts(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(doc):  # noqa: ANN001, ANN202
        raise RuntimeError("rule table is corrupt")

    original = pipeline._resolve
    monkeypatch.setattr(pipeline, "_resolve", lambda t: boom if t.endswith("extract_projects") else original(t))
    text = EXCERPT + "总投资20亿元的新材料产业园开工建设。"
    doc = extract_document(text, year=2021)
    assert doc.projects == []
    assert doc.indicators, "the other extractors still ran"
    assert doc.stage_errors == {"projects": "error: RuntimeError: rule table is corrupt"}


def test_good_input_records_no_stage_error() -> None:
    assert extract_document(EXCERPT, year=2021).stage_errors == {}


def test_a_region_recogniser_crash_leaves_the_facts(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise KeyError("gazetteer")

    monkeypatch.setattr(pipeline, "_detect_region", broken)
    doc = extract_document(EXCERPT, year=2021)
    assert doc.meta.region is None and doc.indicators
    assert doc.stage_errors["region"].startswith("error: KeyError")


@needs_samples
def test_a_sample_file_gets_meta_region_and_facts() -> None:
    doc = extract_file(SAMPLES / "hunan.txt")
    assert (doc.meta.year, doc.meta.meeting_date) == (2021, "2021-01-25")
    assert doc.meta.region is not None and doc.meta.region.name == "湖南省"
    assert [s.kind for s in doc.sections][:2] == ["preamble", "review"]
    assert any(i.metric == "gdp" and i.number == 3.8 and i.period == "2020" for i in doc.indicators)
    json.dumps(doc.to_contract(), ensure_ascii=False)


@needs_samples
def test_a_listing_file_is_read_one_report_at_a_time() -> None:
    first = extract_file(LISTING)
    fourth = extract_file(LISTING, index=3)
    assert first.meta.region and fourth.meta.region and first.meta.region.name != fourth.meta.region.name
    with pytest.raises(IndexError):
        extract_file(LISTING, index=99)


def test_messy_file_end_to_end(tmp_path: Path) -> None:
    """Full-width digits, wrapped lines, a page number and spaces inside numbers, through the reader."""
    raw = (
        "２０２１年某某县政府工作报告\n"
        "各位代表：\n"
        "    过去一年，全县地区生产总值完成１２３.４ 亿元，同比增长５.２％；规模以上工业增\n"
        "加值下降2.3%。\n"
        "- 2 -\n"
        "    今年主要预期目标是：地区生产总值增长7%左右。\n"
    )
    path = tmp_path / "report.txt"
    path.write_bytes(raw.encode("gb18030"))
    doc = extract_file(path)
    got = {(i.metric, i.measure, i.number, i.kind) for i in doc.indicators}
    assert ("gdp", "value", 123.4, "actual") in got
    assert ("gdp", "growth_pct", 5.2, "actual") in got
    assert ("industrial_va_above_scale", "growth_pct", -2.3, "actual") in got
    assert ("gdp", "growth_pct", 7, "target") in got
    for i in doc.indicators:
        assert doc.text[i.start : i.end] == i.quote


@pytest.mark.parametrize(
    ("start", "end", "quote"),
    [(-3, 0, ""), (0, 10_000, EXCERPT), (5, 2, ""), (None, 3, "过去一"), ("0", 3, "过去一"), (0, 3, "过去二")],
)
def test_a_fact_with_an_impossible_span_is_dropped_whatever_its_kind(
    monkeypatch: pytest.MonkeyPatch, start: object, end: object, quote: str
) -> None:
    from types import SimpleNamespace

    def facts(doc):  # noqa: ANN001, ANN202
        return [SimpleNamespace(start=0, end=4, quote="过去一年"), SimpleNamespace(start=start, end=end, quote=quote)]

    original = pipeline._resolve
    monkeypatch.setattr(pipeline, "_resolve", lambda t: facts if t.endswith("extract_parks") else original(t))
    doc = extract_document(EXCERPT, year=2021)
    assert [(p.start, p.end) for p in doc.parks] == [(0, 4)]
    assert doc.stage_errors["parks"].startswith("error: 1 fact")
