"""CSV/XLSX exports: Excel-friendly encoding, provenance columns, no formula injection."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from zhaoshang.services import COLUMNS, to_csv, to_xlsx
from zhaoshang.services.track import FactRef, TargetResult

ROWS = [
    {"region_name": "衡阳市", "number": 8.5, "quote": "地区生产总值增长8.5%左右", "report_id": 1, "start": 10, "end": 25,
     "industries": ["new_materials", "logistics"], "corrected": True, "unit": None},
    {"region_name": "=HYPERLINK(\"http://x\")", "number": -2.3, "quote": "-下降2.3%", "report_id": 2, "start": 0, "end": 5,
     "industries": [], "corrected": False, "unit": "%"},
]
COLS = [("region_name", "地区"), "number", "quote", "report_id", "start", "end", "industries", "corrected", "unit"]


def test_csv_starts_with_a_bom_and_round_trips_chinese():
    data = to_csv(ROWS, COLS)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["地区", "number", "quote", "report_id", "start", "end", "industries", "corrected", "unit"]
    assert rows[1] == ["衡阳市", "8.5", "地区生产总值增长8.5%左右", "1", "10", "25", "new_materials;logistics", "true", ""]


def test_csv_defuses_formulas_but_keeps_negative_numbers():
    rows = list(csv.reader(io.StringIO(to_csv(ROWS, COLS).decode("utf-8-sig"))))
    assert rows[2][0].startswith("'=")
    assert rows[2][1] == "-2.3"
    assert rows[2][2] == "'-下降2.3%"


def test_xlsx_holds_the_same_table_with_text_never_a_formula():
    wb = load_workbook(io.BytesIO(to_xlsx(ROWS, COLS, sheet="compare/2020")))
    ws = wb.active
    assert ws.title == "compare_2020"
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0][0] == "地区"
    assert values[1][:3] == ["衡阳市", 8.5, "地区生产总值增长8.5%左右"]
    assert values[2][1] == -2.3
    assert ws.cell(row=3, column=1).data_type == "s"


def test_dotted_columns_reach_into_nested_results():
    ref = FactRef(number=8.5, unit="%", qualifier="about", value_yuan=None, report_id=1, report_year=2021, fact_id=7,
                  quote="增长8.5%左右", start=3, end=11, section_kind="tasks", corrected=False)
    result = TargetResult(metric="gdp", metric_label="地区生产总值", measure="growth_pct", measure_label="增速",
                          period="2021", status="pending", target=ref, actual=None, difference=None, reason="尚无后续年份的报告")
    rows = list(csv.reader(io.StringIO(to_csv([result], COLUMNS["targets"]).decode("utf-8-sig"))))
    header, row = rows
    got = dict(zip(header, row))
    assert got["target_quote"] == "增长8.5%左右" and got["target_start"] == "3" and got["actual_quote"] == ""


def test_every_fact_table_exports_provenance():
    for name, cols in COLUMNS.items():
        keys = {c if isinstance(c, str) else c[0] for c in cols}
        if name in ("reports", "industry_matrix"):
            continue
        flat = {k.split(".")[-1] for k in keys}
        assert {"report_id", "quote", "start", "end"} <= flat, name
