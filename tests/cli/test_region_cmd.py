"""``zhaoshang region``: readable tables, JSON, targets, and clear errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sqlalchemy.orm import Session

from zhaoshang.cli.main import cli
from zhaoshang.cli.region_cmd import _width, format_table
from zhaoshang.store.db import make_engine
from zhaoshang.store.models import Base, IndicatorFact, ProjectFact, Region, Report


def _fact(report: Report, sentence: str, quote: str) -> dict:
    start = report.text.index(quote, report.text.index(sentence))
    return {"report_id": report.id, "quote": quote, "start": start, "end": start + len(quote)}


@pytest.fixture
def db(tmp_path) -> str:
    path = tmp_path / "cli.db"
    engine = make_engine(path)
    Base.metadata.create_all(engine)
    with Session(engine) as s:
        for code, name, short, level, parent in [
            ("430000", "湖南省", "湖南", "province", None),
            ("430400", "衡阳市", "衡阳", "prefecture", "430000"),
            ("620102", "城关区", "城关", "district", None),
            ("540102", "城关区", "城关", "district", None),
        ]:
            s.add(Region(code=code, name=name, short_name=short, level=level, parent_code=parent,
                         province_code=code[:2] + "0000", vintage="test"))
        s.flush()
        texts = {
            2021: "全市地区生产总值增长4.1%。今年主要预期目标是：地区生产总值增长8.5%左右。总投资55亿元的衡阳综合保税区二期加快建设。",
            2022: "去年全市地区生产总值增长7.9%。",
        }
        reports = {}
        for year, text in texts.items():
            r = Report(title=f"{year}年衡阳市政府工作报告", region_code="430400", year=year, source_name=f"{year}.txt",
                       source_format="text", content_hash=str(year), text=text, char_count=len(text), pipeline_version="t")
            s.add(r)
            s.flush()
            reports[year] = r
        r21, r22 = reports[2021], reports[2022]
        s.add(IndicatorFact(**_fact(r21, "全市", "地区生产总值增长4.1%"), metric="gdp", period="2020", kind="actual",
                            measure="growth_pct", number=4.1, unit="%"))
        s.add(IndicatorFact(**_fact(r21, "今年", "地区生产总值增长8.5%左右"), metric="gdp", period="2021", kind="target",
                            measure="growth_pct", number=8.5, unit="%", qualifier="about"))
        s.add(ProjectFact(**_fact(r21, "总投资", "总投资55亿元的衡阳综合保税区二期加快建设"), name="衡阳综合保税区二期",
                          investment_yuan=5.5e9, investment_text="55亿元", status="加快建设", industries=[]))
        s.add(IndicatorFact(**_fact(r22, "去年", "地区生产总值增长7.9%"), metric="gdp", period="2021", kind="actual",
                            measure="growth_pct", number=7.9, unit="%"))
        s.commit()
    engine.dispose()
    return str(path)


def test_region_prints_readable_tables(db):
    result = CliRunner().invoke(cli, ["region", "衡阳", "--db", db])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "【衡阳招商】 湖南省 › 衡阳市" in out
    assert "衡阳综合保税区二期" in out and "55" in out
    line = next(line for line in out.splitlines() if line.startswith("地区生产总值") and "2021" in line)
    assert "7.9%" in line and "8.5%左右" in line


def test_region_json_is_one_object_with_provenance(db):
    result = CliRunner().invoke(cli, ["region", "430400", "--json", "--db", db])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["region"]["code"] == "430400"
    project = data["projects"][0]
    assert {"report_id", "quote", "start", "end"} <= set(project)


def test_region_targets_flag_adds_the_pairing(db):
    result = CliRunner().invoke(cli, ["region", "衡阳市", "--targets", "--json", "--db", db])
    data = json.loads(result.output)
    (pair,) = data["targets"]["results"]
    assert pair["status"] == "missed"  # 7.9 is more than 0.5 pp below 8.5左右
    text = CliRunner().invoke(cli, ["region", "衡阳市", "--targets", "--db", db]).output
    assert "missed" in text


def test_ambiguous_and_unknown_regions_fail_with_a_useful_message(db):
    result = CliRunner().invoke(cli, ["region", "城关区", "--db", db])
    assert result.exit_code != 0 and "620102" in result.output and "540102" in result.output
    result = CliRunner().invoke(cli, ["region", "没有这个县", "--db", db])
    assert result.exit_code != 0 and "没有这个县" in result.output


def test_missing_database_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["region", "衡阳", "--db", str(tmp_path / "nope.db")])
    assert result.exit_code != 0 and "no database" in result.output
    assert not (tmp_path / "nope.db").exists()


def test_format_table_aligns_wide_characters():
    out = format_table(["名称", "n"], [["衡阳市", 1], ["ab", 22]]).splitlines()
    # 名称 and 衡阳市 are padded by display width, so the second column starts at one column
    assert _width(out[0][: out[0].index("n")]) == _width(out[2][: out[2].index("1")]) == _width(out[3][: out[3].index("22")])
