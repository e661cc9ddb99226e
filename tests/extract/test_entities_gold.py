"""Enterprises, parks and policies scored against the hand-labelled gold in tests/gold/entities.

A predicted name matches a gold name when one contains the other (经开区宝兴工业园 /
宝兴工业园), one-to-one, per report; both sides are compared as sets of distinct names.
The bars (precision ≥ 0.90, recall ≥ 0.80 per type, micro-averaged over the labelled
reports) come from issue 5 §7; a regression below them fails here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zhaoshang.extract.enterprises import extract_enterprises
from zhaoshang.extract.parks import extract_parks
from zhaoshang.extract.policies import extract_policies
from zhaoshang.model import Document

GOLD = Path(__file__).resolve().parents[1] / "gold" / "entities"
SEED = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seed-reports"

EXTRACTORS = {
    "enterprises": (extract_enterprises, "name"),
    "parks": (extract_parks, "name"),
    "policies": (extract_policies, "title"),
}


def _same(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 2 and (a in b or b in a))


def match(predicted: list[str], gold: list[str]) -> tuple[int, int, list[str], list[str]]:
    """(correct predicted names, found gold names, false hits, misses) over distinct names.

    A report may write one park or company several ways (五龙新材料产业园 / 五龙新材料产业园区);
    a predicted name is right when it matches any gold name, a gold name is found when any
    predicted name matches it.
    """
    pred = list(dict.fromkeys(predicted))
    gold = list(dict.fromkeys(gold))
    false = [p for p in pred if not any(_same(p, g) for g in gold)]
    missed = [g for g in gold if not any(_same(p, g) for p in pred)]
    return len(pred) - len(false), len(gold) - len(missed), false, missed


def score(kind: str) -> tuple[float, float, dict[str, tuple[list[str], list[str]]]]:
    fn, field = EXTRACTORS[kind]
    right = n_pred = found_gold = n_gold = 0
    detail = {}
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (SEED / f"{gold['doc']}.txt").read_text(encoding="utf-8").split("\n")[1]
        doc = Document(text=text)
        found = fn(doc)
        for f in found:
            assert text[f.start : f.end] == f.quote
        ok, got, false, missed = match([getattr(f, field) for f in found], [g[field] for g in gold[kind]])
        right, n_pred = right + ok, n_pred + ok + len(false)
        found_gold, n_gold = found_gold + got, n_gold + got + len(missed)
        detail[gold["doc"]] = (false, missed)
    precision = right / n_pred if n_pred else 1.0
    recall = found_gold / n_gold if n_gold else 1.0
    return precision, recall, detail


def test_gold_covers_at_least_five_reports_with_verbatim_quotes() -> None:
    files = sorted(GOLD.glob("*.json"))
    assert len(files) >= 5
    for path in files:
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (SEED / f"{gold['doc']}.txt").read_text(encoding="utf-8").split("\n")[1]
        for kind, field in (("enterprises", "name"), ("parks", "name"), ("policies", "title")):
            for item in gold[kind]:
                assert item["quote"] in text and item[field] in item["quote"], (gold["doc"], item)


@pytest.mark.parametrize("kind", ["enterprises", "parks", "policies"])
def test_extraction_meets_the_precision_and_recall_bars_on_the_gold(kind: str) -> None:
    precision, recall, detail = score(kind)
    report = {doc: d for doc, d in detail.items() if d[0] or d[1]}
    assert precision >= 0.90, (precision, report)
    assert recall >= 0.80, (recall, report)


if __name__ == "__main__":  # print the scores and every miss / false hit
    for kind in EXTRACTORS:
        p, r, detail = score(kind)
        print(f"{kind}: precision {p:.3f} recall {r:.3f}")
        for doc, (false, missed) in detail.items():
            if false or missed:
                print(f"  {doc}: false {false} missed {missed}")
