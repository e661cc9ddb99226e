"""The evaluate run over a directory: gold files in, per-type report out."""

from __future__ import annotations

import json
from pathlib import Path

from zhaoshang.evaluate.runner import evaluate_dir, format_report


def _write(tmp: Path) -> tuple[Path, Path, Path]:
    gold, texts, ents = tmp / "gold", tmp / "texts", tmp / "ents"
    for d in (gold, texts, ents):
        d.mkdir()
    (texts / "demo.txt").write_text(
        "2021年宝兴县政府工作报告\n各位代表：过去一年，全县地区生产总值增长4.1%，社会消费品零售总额增长5%。"
        "今年力争地区生产总值增长8%以上。\n",
        encoding="utf-8",
    )
    ind = {"metric": "gdp", "period": "2020", "kind": "actual", "measure": "growth_pct", "number": 4.1, "unit": "%",
           "qualifier": None, "quote": "地区生产总值增长4.1%"}
    missing = {**ind, "metric": "cpi", "number": 2.0, "quote": "x"}
    (gold / "demo.json").write_text(json.dumps({
        "doc": "demo", "region": {"name": "宝兴县", "level": "county", "parents": ["四川省", "雅安市"]},
        "indicators": [ind, missing], "projects": [],
    }, ensure_ascii=False), encoding="utf-8")
    (gold / "absent.json").write_text(json.dumps({"doc": "absent", "indicators": [], "projects": []}), encoding="utf-8")
    return gold, texts, ents


def test_evaluate_dir_scores_each_type_and_lists_misses(tmp_path: Path) -> None:
    gold, texts, ents = _write(tmp_path)
    report = evaluate_dir(gold, texts, ents)
    ind = report.per_type["indicators"]
    assert ind.tp == 1 and ind.fn == 1 and ind.fp == 2  # retail 5% and the 2021 target are not in this gold
    assert report.per_type["regions"].tp == 1
    assert "enterprises" not in report.per_type
    assert report.missing_texts == ["absent"]
    text = format_report(report)
    assert "MISS  indicators  demo: cpi 2020" in text and "FALSE indicators  demo: retail_sales" in text
    assert json.loads(json.dumps(report.to_dict()))["types"]["indicators"]["tp"] == 1


def test_entity_labels_add_their_types(tmp_path: Path) -> None:
    gold, texts, ents = _write(tmp_path)
    (ents / "demo.json").write_text(json.dumps({"doc": "demo", "enterprises": [{"name": "君禾铜业"}], "parks": [],
                                                "policies": []}, ensure_ascii=False), encoding="utf-8")
    report = evaluate_dir(gold, texts, ents)
    assert report.per_type["enterprises"].fn == 1
