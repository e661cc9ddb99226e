"""Which regions bet on which industry: weights per region, a heat-map matrix, evidence.

A region's weight for an industry is the sum of the weights of its live industry
mentions in one report (its latest unless a year is asked for): the extractor already
weighs a mention by where it appears (this year's tasks and the plan over a passing
review mention), so the sum ranks what the government is prioritising now.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from zhaoshang.services.base import Plain, iter_chunks, live, provenance
from zhaoshang.services.cache import memoise
from zhaoshang.services.regions import descendant_codes, latest_report_ids, region_scope, resolve_region
from zhaoshang.services.text import evidence_sentence
from zhaoshang.store.models import IndustryFact, Region, Report, ReportSection


@dataclass(slots=True)
class Evidence(Plain):
    """One mention of an industry, with the fact span and the sentence around it."""

    fact_id: int
    report_id: int
    report_year: int | None
    region_code: str | None
    region_name: str | None
    industry_code: str
    industry_name: str
    weight: float
    quote: str
    start: int
    end: int
    section_kind: str | None
    corrected: bool
    sentence: str
    sentence_start: int
    sentence_end: int


@dataclass(slots=True)
class IndustryWeight(Plain):
    code: str
    name: str
    weight: float
    mentions: int
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class IndustryMatrix(Plain):
    """Heat-map data: ``cells`` hold (industry index ``i``, region index ``r``, weight).

    ``share`` is the cell's weight over the region's total on the shown industries, so a
    short county report and a long provincial one can be read on one colour scale."""

    industries: list[dict[str, object]]
    regions: list[dict[str, object]]
    cells: list[dict[str, object]]
    max_weight: float
    year: int | None


def _mentions(session: Session, report_ids: Sequence[int], industry: str | None = None) -> list[IndustryFact]:
    out: list[IndustryFact] = []
    for chunk in iter_chunks(list(report_ids)):
        stmt = select(IndustryFact).where(live(IndustryFact), IndustryFact.report_id.in_(chunk))
        if industry:
            stmt = stmt.where(IndustryFact.code == industry)
        out.extend(session.scalars(stmt))
    return out


@dataclass(slots=True)
class _Context:
    """What evidence needs from the reports behind a set of mentions."""

    years: dict[int, int | None] = field(default_factory=dict)
    regions: dict[int, tuple[str | None, str | None]] = field(default_factory=dict)
    texts: dict[int, str] = field(default_factory=dict)
    section_starts: dict[int, list[int]] = field(default_factory=dict)


def _evidence(facts: Sequence[IndustryFact], ctx: _Context) -> list[Evidence]:
    out = []
    for f in facts:
        text = ctx.texts.get(f.report_id, "")
        if text:
            s, e = evidence_sentence(text, f.start, f.end, ctx.section_starts.get(f.report_id, ()))
        else:
            s, e = f.start, f.end
        code, name = ctx.regions.get(f.report_id, (None, None))
        out.append(
            Evidence(
                **provenance(f, ctx.years.get(f.report_id)),
                region_code=code,
                region_name=name,
                industry_code=f.code,
                industry_name=f.name,
                weight=f.weight,
                sentence=text[s:e] if text else f.quote,
                sentence_start=s,
                sentence_end=e,
            )
        )
    return out


def _report_context(session: Session, report_ids: Sequence[int], with_text: bool) -> _Context:
    ctx = _Context()
    for chunk in iter_chunks(list(report_ids)):
        cols = [Report.id, Report.year, Report.region_code, Region.name]
        if with_text:
            cols.append(Report.text)
        stmt = select(*cols).outerjoin(Region, Region.code == Report.region_code).where(Report.id.in_(chunk))
        for row in session.execute(stmt):
            ctx.years[row[0]] = row[1]
            ctx.regions[row[0]] = (row[2], row[3])
            if with_text:
                ctx.texts[row[0]] = row[4]
        if with_text:
            starts = select(ReportSection.report_id, ReportSection.start).where(ReportSection.report_id.in_(chunk))
            for rid, start in session.execute(starts):
                ctx.section_starts.setdefault(rid, []).append(start)
    return ctx


def region_industries(
    session: Session, region: str, *, year: int | None = None, evidence_per_industry: int = 3
) -> list[IndustryWeight]:
    """The industries one region prioritises in its latest report that names any (or
    its report of ``year``), heaviest first, each with its strongest evidence sentences."""
    reg = resolve_region(session, region)
    rid = latest_report_ids(session, [reg.code], year=year, having=IndustryFact).get(reg.code)
    if rid is None:
        return []
    facts = _mentions(session, [rid])
    ctx = _report_context(session, [rid], with_text=evidence_per_industry > 0)
    grouped: dict[str, list[IndustryFact]] = defaultdict(list)
    for f in facts:
        grouped[f.code].append(f)
    out = []
    for code, fs in grouped.items():
        fs.sort(key=lambda f: (-f.weight, f.start))
        out.append(
            IndustryWeight(
                code=code,
                name=fs[0].name,
                weight=round(sum(f.weight for f in fs), 6),
                mentions=len(fs),
                evidence=_evidence(fs[:evidence_per_industry], ctx) if evidence_per_industry else [],
            )
        )
    out.sort(key=lambda w: (-w.weight, w.code))
    return out


@memoise
def industry_matrix(
    session: Session,
    *,
    regions: Sequence[str] | None = None,
    level: str | None = None,
    parent: str | None = None,
    include_descendants: bool = False,
    year: int | None = None,
    top_industries: int | None = 30,
) -> IndustryMatrix:
    """Industry × region weights over each region's latest report (or ``year``).

    Industries are ordered by total weight and cut to ``top_industries`` (None = all);
    regions by their total weight over the kept industries. Cells are sparse.
    """
    codes = region_scope(session, regions=regions, level=level, parent=parent, include_descendants=include_descendants)
    latest = latest_report_ids(session, codes, year=year, having=IndustryFact)
    if not latest:
        return IndustryMatrix(industries=[], regions=[], cells=[], max_weight=0.0, year=year)
    report_region = {rid: code for code, rid in latest.items()}
    weights: dict[tuple[str, str], float] = defaultdict(float)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    names: dict[str, str] = {}
    for f in _mentions(session, list(report_region)):
        key = (f.code, report_region[f.report_id])
        weights[key] += f.weight
        counts[key] += 1
        names.setdefault(f.code, f.name)
    totals: dict[str, float] = defaultdict(float)
    spread: dict[str, int] = defaultdict(int)
    for (ind, _reg), w in weights.items():
        totals[ind] += w
        spread[ind] += 1
    ind_order = sorted(totals, key=lambda c: (-totals[c], c))
    if top_industries is not None:
        ind_order = ind_order[:top_industries]
    kept = set(ind_order)
    reg_totals: dict[str, float] = defaultdict(float)
    for (ind, reg), w in weights.items():
        if ind in kept:
            reg_totals[reg] += w
    reg_order = sorted(reg_totals, key=lambda c: (-reg_totals[c], c))
    reg_rows = {
        r.code: r for r in session.scalars(select(Region).where(Region.code.in_(reg_order)))
    } if reg_order else {}
    ind_index = {c: i for i, c in enumerate(ind_order)}
    reg_index = {c: i for i, c in enumerate(reg_order)}
    years = dict(session.execute(select(Report.id, Report.year).where(Report.id.in_(list(report_region)))).tuples().all()) if report_region else {}
    cells = [
        {
            "i": ind_index[ind],
            "r": reg_index[reg],
            "industry": ind,
            "region": reg,
            "weight": round(w, 6),
            "share": round(w / reg_totals[reg], 6) if reg_totals[reg] else 0.0,
            "mentions": counts[(ind, reg)],
            "report_id": latest[reg],
        }
        for (ind, reg), w in sorted(weights.items())
        if ind in kept
    ]
    return IndustryMatrix(
        industries=[
            {"code": c, "name": names[c], "total_weight": round(totals[c], 6), "n_regions": spread[c]} for c in ind_order
        ],
        regions=[
            {
                "code": c,
                "name": reg_rows[c].name if c in reg_rows else c,
                "short_name": reg_rows[c].short_name if c in reg_rows else c,
                "level": reg_rows[c].level if c in reg_rows else "",
                "report_id": latest[c],
                "report_year": years.get(latest[c]),
                "total_weight": round(reg_totals[c], 6),
            }
            for c in reg_order
        ],
        cells=cells,
        max_weight=round(max((c["weight"] for c in cells), default=0.0), 6),  # type: ignore[type-var]
        year=year,
    )


def industry_evidence(
    session: Session,
    industry: str,
    *,
    region: str | None = None,
    include_descendants: bool = True,
    year: int | None = None,
    latest_only: bool = True,
    limit: int = 200,
) -> list[Evidence]:
    """The sentences behind one cell (``region`` given) or one row of the matrix.

    With ``latest_only`` the same reports as the matrix are used, so the drill-down
    explains exactly the weight the cell shows. Heaviest mentions first."""
    codes: list[str] | None = None
    if region:
        reg = resolve_region(session, region)
        codes = descendant_codes(session, reg.code) if include_descendants else [reg.code]
    if latest_only:
        report_ids = list(latest_report_ids(session, codes, year=year, having=IndustryFact).values())
    else:
        stmt = select(Report.id).where(Report.region_code.is_not(None))
        if codes is not None:
            stmt = stmt.where(Report.region_code.in_(codes))
        if year is not None:
            stmt = stmt.where(Report.year == year)
        report_ids = list(session.scalars(stmt))
    facts = _mentions(session, report_ids, industry=industry)
    facts.sort(key=lambda f: (-f.weight, f.report_id, f.start))
    facts = facts[: max(0, limit)]
    return _evidence(facts, _report_context(session, sorted({f.report_id for f in facts}), with_text=True))
