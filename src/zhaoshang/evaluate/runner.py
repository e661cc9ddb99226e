"""Run extraction over a gold set and score it: the I/O around :mod:`.score`.

Gold files are ``<doc>.json`` (SCHEMA.md); each report text is ``<doc>.txt`` (or any
file whose stem is ``<doc>``) in the text directory.  Optional enterprise / park /
policy labels live in ``tests/gold/entities/<doc>.json``; documents without such a
file are not scored for those types.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zhaoshang.evaluate.score import Score, combine, score_document

__all__ = ["Report", "evaluate_dir", "find_default_dirs", "repo_root", "format_report"]

FACT_TYPES = ("indicators", "projects", "regions", "enterprises", "parks", "policies")


@dataclass(slots=True)
class Report:
    per_type: dict[str, Score]
    per_doc: dict[str, dict[str, Score]] = field(default_factory=dict)
    missing_texts: list[str] = field(default_factory=list)

    def to_dict(self, details: bool = True) -> dict[str, Any]:
        return {
            "types": {k: v.to_dict(details) for k, v in self.per_type.items()},
            "documents": {d: {k: v.to_dict(False) for k, v in s.items()} for d, s in self.per_doc.items()},
            "missing_texts": self.missing_texts,
        }


def repo_root() -> Path:
    """The checkout this package runs from (the directory holding pyproject.toml)."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "pyproject.toml").exists():
            return parent
    return Path.cwd()


def _first_existing(candidates: list[Path]) -> Path | None:
    return next((p for p in candidates if p.is_dir()), None)


def find_default_dirs() -> tuple[Path | None, Path | None]:
    """``../shared/gold/seed`` and ``../shared/corpus/seed-reports``, looked up relative to
    the working directory and then to the repository."""
    bases = [Path.cwd(), Path.cwd().parent, repo_root(), repo_root().parent]
    gold = _first_existing([b / rel for b in bases for rel in ("shared/gold/seed", "../shared/gold/seed")])
    texts = _first_existing([b / rel for b in bases for rel in ("shared/corpus/seed-reports", "../shared/corpus/seed-reports")])
    return gold, texts


def _text_for(doc: str, text_dir: Path) -> Path | None:
    exact = text_dir / f"{doc}.txt"
    if exact.is_file():
        return exact
    return next((p for p in sorted(text_dir.iterdir()) if p.is_file() and p.stem == doc), None)


def evaluate_dir(gold_dir: Path, text_dir: Path, entities_dir: Path | None = None) -> Report:
    """Extract every gold document's text and score it."""
    from zhaoshang.extract.pipeline import extract_file

    if entities_dir is None:
        entities_dir = repo_root() / "tests" / "gold" / "entities"
    per_doc: dict[str, dict[str, Score]] = {}
    missing: list[str] = []
    for gold_path in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc = gold.get("doc") or gold_path.stem
        text_path = _text_for(doc, Path(text_dir))
        if text_path is None:
            missing.append(doc)
            continue
        extracted = extract_file(text_path).to_contract()
        ent_path = entities_dir / f"{doc}.json"
        entities = json.loads(ent_path.read_text(encoding="utf-8")) if ent_path.is_file() else None
        per_doc[doc] = score_document(doc, gold, extracted, entities)
    return Report(combine(list(per_doc.values())), per_doc, missing)


def _fact_line(fact: dict[str, Any]) -> str:
    if "metric" in fact:
        q = f" ({fact['qualifier']})" if fact.get("qualifier") else ""
        return (f"{fact['metric']} {fact['period']} {fact['kind']} {fact['measure']} "
                f"{fact['number']:g}{fact.get('unit') or ''}{q} | {fact.get('quote', '')}")
    if "investment_yuan" in fact:
        return f"{fact.get('name')} {fact.get('investment_text') or fact.get('investment_yuan')} | {fact.get('quote', '')}"
    if "level" in fact:
        return f"{fact.get('name')} ({fact.get('level')}; {'/'.join(fact.get('parents') or [])})"
    return str(fact.get("name") or fact.get("title") or fact)


def format_report(report: Report, details: bool = True) -> str:
    """A readable table of P/R/F1 per type, then each miss and false hit."""
    lines = [f"{'type':<12} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    order = [t for t in (*FACT_TYPES, "overall") if t in report.per_type]
    for t in order:
        s = report.per_type[t]
        lines.append(f"{t:<12} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:5d} {s.fp:5d} {s.fn:5d}")
    if report.missing_texts:
        lines.append(f"no text for: {', '.join(report.missing_texts)}")
    if details:
        for t in order:
            if t == "overall":
                continue
            s = report.per_type[t]
            for doc, fact in s.misses:
                lines.append(f"MISS  {t:<11} {doc}: {_fact_line(fact)}")
            for doc, fact in s.false_hits:
                lines.append(f"FALSE {t:<11} {doc}: {_fact_line(fact)}")
    return "\n".join(lines)
