"""Score extracted facts against hand-labelled gold: pure functions, no I/O.

Matching is one-to-one (each gold fact can be found once), so a repeated extraction of
the same fact counts as a false hit.

* indicator: same metric, period, kind, measure and number (±0.001); money is compared
  in yuan, so 0.35亿元 and 3500万元 are the same figure.
* project / enterprise / park / policy: similar names — equal after normalisation, one
  containing the other, or a character-overlap ratio ≥ 0.6; a project also needs the
  same investment (±0.5%).
* region: same name, level and parents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any, Callable

__all__ = [
    "Score", "match_facts", "indicator_matches", "project_matches", "name_matches", "region_matches",
    "normalise_name", "score_document", "combine",
]

Fact = dict[str, Any]


@dataclass(slots=True)
class Score:
    """Counts for one fact type, with the misses and false hits that explain them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[tuple[str, Fact]] = field(default_factory=list)
    false_hits: list[tuple[str, Fact]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.misses.extend(other.misses)
        self.false_hits.extend(other.false_hits)

    def to_dict(self, details: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {
            "tp": self.tp, "fp": self.fp, "fn": self.fn,
            "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
        }
        if details:
            d["misses"] = [{"doc": doc, **f} for doc, f in self.misses]
            d["false_hits"] = [{"doc": doc, **f} for doc, f in self.false_hits]
        return d


def _in_yuan(f: Fact) -> float | None:
    if f.get("value_yuan") is not None:
        return float(f["value_yuan"])
    return None


def indicator_matches(gold: Fact, got: Fact) -> bool:
    if any(gold.get(k) != got.get(k) for k in ("metric", "period", "kind", "measure")):
        return False
    gy, ty = _in_yuan(gold), _in_yuan(got)
    if gy is not None and ty is not None:
        return abs(gy - ty) <= max(1.0, abs(gy) * 1e-9)
    if gold.get("unit") and got.get("unit") and gold["unit"] != got["unit"]:
        return False
    return abs(float(gold["number"]) - float(got["number"])) <= 0.001


def normalise_name(name: str) -> str:
    """Compare names without brackets, quotes, spaces and punctuation."""
    return re.sub(r"[\s“”\"'‘’《》〈〉()（）【】\[\]、,，.。·•:：;；-]", "", name or "")


def name_matches(a: str, b: str, ratio: float = 0.6) -> bool:
    x, y = normalise_name(a), normalise_name(b)
    if not x or not y:
        return False
    if x == y or x in y or y in x:
        return True
    return SequenceMatcher(None, x, y, autojunk=False).ratio() >= ratio


def project_matches(gold: Fact, got: Fact) -> bool:
    g, t = gold.get("investment_yuan"), got.get("investment_yuan")
    if (g is None) != (t is None):
        return False
    if g is not None and abs(float(g) - float(t)) > max(1.0, abs(float(g)) * 0.005):
        return False
    return name_matches(gold.get("name", ""), got.get("name", ""))


def region_matches(gold: Fact | None, got: Fact | None) -> bool:
    if not gold or not got:
        return False
    return (
        gold.get("name") == got.get("name")
        and gold.get("level") == got.get("level")
        and list(gold.get("parents") or []) == list(got.get("parents") or [])
    )


def match_facts(doc: str, gold: list[Fact], got: list[Fact], same: Callable[[Fact, Fact], bool]) -> Score:
    """One-to-one greedy matching in document order."""
    score = Score()
    used = [False] * len(gold)
    for t in got:
        for i, g in enumerate(gold):
            if not used[i] and same(g, t):
                used[i] = True
                score.tp += 1
                break
        else:
            score.fp += 1
            score.false_hits.append((doc, t))
    for i, g in enumerate(gold):
        if not used[i]:
            score.fn += 1
            score.misses.append((doc, g))
    return score


def _title_matches(gold: Fact, got: Fact) -> bool:
    return name_matches(gold.get("title") or gold.get("name", ""), got.get("title") or got.get("name", ""))


def _name_fact_matches(gold: Fact, got: Fact) -> bool:
    return name_matches(gold.get("name", ""), got.get("name", ""))


def score_document(doc: str, gold: Fact, extracted: Fact, entities: Fact | None = None) -> dict[str, Score]:
    """Per-type scores of one report.  ``extracted`` is the contract JSON; ``gold`` the
    SCHEMA file; ``entities`` the optional enterprise/park/policy labels."""
    scores = {
        "indicators": match_facts(doc, gold.get("indicators", []), extracted.get("indicators", []), indicator_matches),
        "projects": match_facts(doc, gold.get("projects", []), extracted.get("projects", []), project_matches),
    }
    region_got = (extracted.get("report") or {}).get("region")
    region = Score()
    if region_matches(gold.get("region"), region_got):
        region.tp = 1
    else:
        region.fn = 1
        region.misses.append((doc, dict(gold.get("region") or {})))
        if region_got:
            region.fp = 1
            region.false_hits.append((doc, dict(region_got)))
    scores["regions"] = region
    if entities is not None:
        scores["enterprises"] = match_facts(doc, entities.get("enterprises", []), extracted.get("enterprises", []), _name_fact_matches)
        scores["parks"] = match_facts(doc, entities.get("parks", []), extracted.get("parks", []), _name_fact_matches)
        scores["policies"] = match_facts(doc, entities.get("policies", []), extracted.get("policies", []), _title_matches)
    return scores


def combine(per_doc: list[dict[str, Score]]) -> dict[str, Score]:
    """Sum per-type scores over documents, plus an ``overall`` of every type."""
    total: dict[str, Score] = {}
    for scores in per_doc:
        for kind, s in scores.items():
            total.setdefault(kind, Score()).add(s)
    overall = Score()
    for s in total.values():
        overall.add(s)
    total["overall"] = overall
    return total
