"""Targets against results, and a region's targets against its parent's.

A report for year N sets targets for year N ("地区生产总值增长8.5%以上"); the report for
year N+1 reviews year N ("地区生产总值增长9.2%"). Pairing the two per metric and measure
tells an investor whether a government delivers what it promises.

Classification of a target against the actual (same metric, measure and period):

* ``at_least`` (以上/不低于/超过): met when actual ≥ target.
* ``at_most`` (以内/以下/控制在): met when actual ≤ target.
* ``about`` (左右/约): met when the actual is within :data:`ABOUT_TOLERANCE_PP`
  percentage points of a percentage target (or :data:`ABOUT_TOLERANCE_REL` of a level),
  or beyond the target in the favourable direction (exceeding "growth about 8%" with
  9% is not a miss).
* no qualifier: met when the actual reaches the target in the favourable direction.

The favourable direction is "higher" except for :data:`~labels.LOWER_IS_BETTER`
metrics (unemployment, CPI), whose targets are ceilings.

Statuses: ``met``, ``missed``, ``not_reported`` (a later report of the region exists but
states no comparable actual) and ``pending`` (no later report is in the corpus yet).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from zhaoshang.services.base import Plain, figure, iter_chunks, live
from zhaoshang.services.cache import memoise
from zhaoshang.services.facts import INDICATOR_COLUMNS, period_bounds, pick_best
from zhaoshang.services.labels import LOWER_IS_BETTER, measure_label, metric_label
from zhaoshang.services.regions import RegionInfo, region_info, region_scope, resolve_region
from zhaoshang.services.units import comparable
from zhaoshang.store.models import IndicatorFact, Region, Report

ABOUT_TOLERANCE_PP = 0.5
"""How far (percentage points) an actual may fall short of a 左右 percentage target."""
ABOUT_TOLERANCE_REL = 0.02
"""How far (share of the target) an actual may fall short of a 左右 level target."""
EQUAL_EPS = 1e-9

STATUSES = ("met", "missed", "not_reported", "pending")


@dataclass(slots=True)
class FactRef(Plain):
    """The figure of one side of a pairing, with its provenance."""

    number: float
    unit: str
    qualifier: str | None
    value_yuan: float | None
    report_id: int
    report_year: int | None
    fact_id: int
    quote: str
    start: int
    end: int
    section_kind: str | None
    corrected: bool


@dataclass(slots=True)
class TargetResult(Plain):
    metric: str
    metric_label: str
    measure: str
    measure_label: str
    period: str
    status: str
    target: FactRef
    actual: FactRef | None
    difference: float | None
    """actual − target in the target's unit (percentage points for %), None if unpaired."""
    reason: str
    """Why the status, in plain words (shown on the page and in exports)."""
    progress: dict[str, Any] | None = None
    """For an undecided multi-year goal (十四五 2021-2025): how far the region has got —
    its latest yearly level against a level goal, or its yearly growth so far against an
    average-growth goal. None otherwise. See :func:`plan_progress`."""


@dataclass(slots=True)
class ParentComparison(Plain):
    metric: str
    metric_label: str
    measure: str
    measure_label: str
    period: str
    relation: str
    """above | below | equal | incomparable: the region's target relative to the ancestor's."""
    difference: float | None
    region_target: FactRef
    ancestor_code: str
    ancestor_name: str
    ancestor_level: str
    ancestor_target: FactRef


@dataclass(slots=True)
class TargetsReport(Plain):
    region: RegionInfo
    report_years: list[int]
    results: list[TargetResult] = field(default_factory=list)
    summary: dict[str, int] = field(default_factory=dict)
    parent_comparisons: list[ParentComparison] = field(default_factory=list)


def _ref(fact: Any, year: int | None) -> FactRef:
    return FactRef(**figure(fact, year))


_FACT_COLUMNS = INDICATOR_COLUMNS



def _region_facts(session: Session, code: str, kind: str) -> list[tuple[Any, int | None]]:
    stmt = (
        select(*_FACT_COLUMNS, Report.year.label("report_year"))
        .join(Report, Report.id == IndicatorFact.report_id)
        .where(live(IndicatorFact), Report.region_code == code, IndicatorFact.kind == kind)
    )
    return [(row, row.report_year) for row in session.execute(stmt)]


def classify(
    metric: str, measure: str, target: float, actual: float, qualifier: str | None, unit: str = "%"
) -> tuple[str, str]:
    """(status, reason) of an actual against a target, both already in the same unit.

    Pure, so the rules above are tested directly with numbers."""
    if qualifier == "at_most":
        lower_better = True
    elif qualifier == "at_least":
        lower_better = False
    else:
        lower_better = metric in LOWER_IS_BETTER
    diff = actual - target
    favourable = -diff if lower_better else diff
    if qualifier == "about":
        tol = ABOUT_TOLERANCE_PP if unit == "%" else abs(target) * ABOUT_TOLERANCE_REL
        if favourable >= -tol - EQUAL_EPS:
            if favourable >= -EQUAL_EPS:
                return "met", "达到或超过目标"
            return "met", f"在目标左右的容差(±{_fmt_tol(tol, unit)})之内"
        return "missed", f"低于目标且超出容差(±{_fmt_tol(tol, unit)})" if not lower_better else f"高于目标且超出容差(±{_fmt_tol(tol, unit)})"
    if favourable >= -EQUAL_EPS:
        return "met", "未超过上限" if lower_better else "达到或超过目标"
    return "missed", "超过上限" if lower_better else "未达到目标"


def _fmt_tol(tol: float, unit: str) -> str:
    return f"{tol:g}个百分点" if unit == "%" else f"{tol:g}{unit}"


def _pair(target: Any, actual: Any) -> tuple[float, float, str] | None:
    """Both numbers on one scale, or None when the units cannot be reconciled."""
    if target.unit == actual.unit:
        return target.number, actual.number, target.unit
    t, tu = comparable(target.number, target.unit, target.value_yuan)
    a, au = comparable(actual.number, actual.unit, actual.value_yuan)
    if t is None or a is None or tu != au or not tu:
        return None
    factor = (target.number / t) if t else 1.0
    return target.number, a * factor, target.unit


def pair_targets(
    targets: list[tuple[Any, int | None]],
    actuals: list[tuple[Any, int | None]],
    report_years: list[int],
    *,
    year: int | None = None,
) -> list[TargetResult]:
    """The pairing itself, pure: one region's (target fact, report year) and (actual
    fact, report year) pairs plus the years of all its reports → one result per target
    (metric, measure, period), in period then reading order."""
    actual_index: dict[tuple[str, str, str], list[tuple[Any, int | None]]] = defaultdict(list)
    for fact, y in actuals:
        actual_index[(fact.metric, fact.measure, fact.period)].append((fact, y))
    results: list[TargetResult] = []
    progress_of = functools.partial(plan_progress, actual_index=actual_index)
    for (metric, measure, period), (tfact, tyear) in sorted(_best_per_key(targets, year).items(), key=_target_order):
        later = [(f, y) for f, y in actual_index.get((metric, measure, period), []) if _is_later(y, tyear, period)]
        tref = _ref(tfact, tyear)
        if not later:
            later_reports = [y for y in report_years if _is_later(y, tyear, period)]
            status = "not_reported" if later_reports else "pending"
            reason = (
                f"{'、'.join(map(str, later_reports))}年报告未给出可比的实际值"
                if later_reports
                else "尚无后续年份的报告"
            )
            result = _result(metric, measure, period, status, tref, None, None, reason)
            result.progress = progress_of(tfact)
            results.append(result)
            continue
        # the earliest later report reviews the period; among its statements the usual preference
        earliest = min(y or 0 for _, y in later)
        picked = pick_best([(f, y) for f, y in later if (y or 0) == earliest])
        assert picked is not None
        afact, ayear, _n = picked
        pair = _pair(tfact, afact)
        if pair is None:
            results.append(
                _result(metric, measure, period, "not_reported", tref, _ref(afact, ayear), None, "单位不可比")
            )
            continue
        t, a, unit = pair
        status, reason = classify(metric, measure, t, a, tfact.qualifier, unit)
        results.append(_result(metric, measure, period, status, tref, _ref(afact, ayear), round(a - t, 6), reason))
    return results


def plan_progress(target: Any, *, actual_index: dict[tuple[str, str, str], list[tuple[Any, int | None]]]) -> dict[str, Any] | None:
    """Where a region stands on a multi-year goal before the period has ended.

    * a level goal (到2025年地区生产总值达5500亿元): the latest yearly level inside the
      period, with its ``share`` of the goal;
    * a rate goal (森林覆盖率达48%): the latest yearly rate inside the period;
    * an average-growth goal (年均增长7%): the yearly growth figures inside the period,
      their mean, and ``on_track`` — the mean judged by :func:`classify` as if it were
      the final average.
    The yearly figures are the region's own actuals (any report). None when the goal
    is a single year or nothing inside the period has been reported yet.
    """
    bounds = period_bounds(target.period)
    if bounds is None or bounds[0] == bounds[1]:
        return None
    years = range(bounds[0], bounds[1] + 1)
    if target.measure in ("value", "rate_pct"):
        latest = None
        for y in reversed(years):
            picked = pick_best(actual_index.get((target.metric, target.measure, str(y)), []))
            if picked:
                latest = (y, picked)
                break
        if latest is None:
            return None
        y, (fact, ryear, _n) = latest
        pair = _pair(target, fact)
        share = round(pair[1] / pair[0], 4) if pair and pair[0] and target.measure == "value" else None
        return {"kind": "level", "period": str(y), "share": share, "actual": _ref(fact, ryear).to_dict()}
    if target.measure == "avg_growth_pct":
        points = []
        for y in years:
            picked = pick_best(actual_index.get((target.metric, "growth_pct", str(y)), []))
            if picked:
                points.append((y, picked))
        if not points:
            return None
        mean = sum(p[1][0].number for p in points) / len(points)
        status, _reason = classify(target.metric, "growth_pct", target.number, mean, target.qualifier, "%")
        return {
            "kind": "growth",
            "years": [str(y) for y, _ in points],
            "average": round(mean, 4),
            "on_track": status == "met",
            "actuals": [_ref(f, ry).to_dict() for _y, (f, ry, _n) in points],
        }
    return None


def _summary(results: list[TargetResult]) -> dict[str, int]:
    summary = {s: 0 for s in STATUSES}
    for r in results:
        summary[r.status] += 1
    return summary


@memoise
def targets_vs_results(session: Session, region: str, *, year: int | None = None) -> TargetsReport:
    """Pair each target a region set with the actual a later report of the region gives.

    ``year`` limits to the targets set for that year (period == year). A target of
    period P is paired with an actual of the same metric, measure and period from a
    report of a later year (the earliest such report wins, editor corrections first).
    Also compares each target with the nearest ancestor that set the same target.
    """
    reg = resolve_region(session, region)
    info = region_info(session, reg)
    report_years = sorted(
        {y for y in session.scalars(select(Report.year).where(Report.region_code == reg.code)) if y is not None}
    )
    targets = _region_facts(session, reg.code, "target")
    results = pair_targets(targets, _region_facts(session, reg.code, "actual"), report_years, year=year)
    return TargetsReport(
        region=info,
        report_years=report_years,
        results=results,
        summary=_summary(results),
        parent_comparisons=compare_with_parent(session, reg.code, year=year, _targets=_best_per_key(targets, year)),
    )


@dataclass(slots=True)
class RegionTargetsSummary(Plain):
    """One line of the targets overview: how a region's targets fared."""

    code: str
    name: str
    level: str
    parent_name: str | None
    report_years: list[int]
    targets: int
    summary: dict[str, int]
    met_rate: float | None
    """met / (met + missed), None while nothing is decided."""


@memoise
def targets_overview(
    session: Session,
    *,
    level: str | None = None,
    parent: str | None = None,
    include_descendants: bool = False,
    year: int | None = None,
) -> list[RegionTargetsSummary]:
    """Every region that set targets, with its met / missed / not reported / pending
    counts — the index of the targets page. Two queries for the whole corpus (not one
    per region). Regions with decided targets first, best delivery rate first."""
    codes = region_scope(session, level=level, parent=parent, include_descendants=include_descendants)
    if codes is not None and not codes:
        return []
    stmt = (
        select(*_FACT_COLUMNS, Report.year.label("report_year"), Report.region_code)
        .join(Report, Report.id == IndicatorFact.report_id)
        .where(live(IndicatorFact), Report.region_code.is_not(None))
    )
    years_stmt = select(Report.region_code, Report.year).where(Report.region_code.is_not(None), Report.year.is_not(None))
    rows: list[Any] = []
    year_rows: list[Any] = []
    for chunk in iter_chunks(codes) if codes is not None else [None]:
        st, yst = stmt, years_stmt
        if chunk is not None:
            st = st.where(Report.region_code.in_(chunk))
            yst = yst.where(Report.region_code.in_(chunk))
        rows.extend(session.execute(st))
        year_rows.extend(session.execute(yst))
    facts: dict[str, dict[str, list[tuple[Any, int | None]]]] = defaultdict(lambda: {"target": [], "actual": []})
    for row in rows:
        if row.kind in ("target", "actual"):
            facts[row.region_code][row.kind].append((row, row.report_year))
    years: dict[str, set[int]] = defaultdict(set)
    for code, y in year_rows:
        years[code].add(y)
    with_targets = [c for c, f in facts.items() if f["target"]]
    regions = {r.code: r for r in session.scalars(select(Region).where(Region.code.in_(with_targets)))} if with_targets else {}
    parent_codes = {r.parent_code for r in regions.values() if r.parent_code}
    parent_names = (
        dict(session.execute(select(Region.code, Region.name).where(Region.code.in_(parent_codes))).tuples().all())
        if parent_codes
        else {}
    )
    out = []
    for code in with_targets:
        ry = sorted(years.get(code, ()))
        results = pair_targets(facts[code]["target"], facts[code]["actual"], ry, year=year)
        if not results:
            continue
        summary = _summary(results)
        decided = summary["met"] + summary["missed"]
        reg = regions.get(code)
        out.append(
            RegionTargetsSummary(
                code=code,
                name=reg.name if reg else code,
                level=reg.level if reg else "",
                parent_name=parent_names.get(reg.parent_code) if reg and reg.parent_code else None,
                report_years=ry,
                targets=len(results),
                summary=summary,
                met_rate=round(summary["met"] / decided, 4) if decided else None,
            )
        )
    out.sort(key=lambda r: (r.met_rate is None, -(r.met_rate or 0), -r.targets, r.code))
    return out


def _result(
    metric: str,
    measure: str,
    period: str,
    status: str,
    target: FactRef,
    actual: FactRef | None,
    diff: float | None,
    reason: str,
) -> TargetResult:
    return TargetResult(
        metric=metric,
        metric_label=metric_label(metric),
        measure=measure,
        measure_label=measure_label(measure),
        period=period,
        status=status,
        target=target,
        actual=actual,
        difference=diff,
        reason=reason,
    )


def _is_later(report_year: int | None, target_report_year: int | None, period: str) -> bool:
    """An actual counts when its report is later than the target's report and reviews
    a time after the period ended (a 2021 target is reviewed from the 2022 report on)."""
    if report_year is None:
        return False
    bounds = period_bounds(period)
    if bounds is not None and report_year <= bounds[1]:
        return False
    return target_report_year is None or report_year > target_report_year


def _best_per_key(
    facts: list[tuple[Any, int | None]], year: int | None
) -> dict[tuple[str, str, str], tuple[Any, int | None]]:
    grouped: dict[tuple[str, str, str], list[tuple[Any, int | None]]] = defaultdict(list)
    for fact, y in facts:
        if year is not None and fact.period != str(year):
            continue
        grouped[(fact.metric, fact.measure, fact.period)].append((fact, y))
    best: dict[tuple[str, str, str], tuple[Any, int | None]] = {}
    for key, cands in grouped.items():
        picked = pick_best(cands)
        if picked:
            best[key] = (picked[0], picked[1])
    return best


def _target_order(item: tuple[tuple[str, str, str], tuple[Any, int | None]]) -> tuple[object, ...]:
    (metric, measure, period), (fact, _y) = item
    return (period, fact.report_id, fact.start, metric, measure)


def compare_with_parent(
    session: Session,
    region: str,
    *,
    year: int | None = None,
    _targets: dict[tuple[str, str, str], tuple[Any, int | None]] | None = None,
) -> list[ParentComparison]:
    """Each target of the region against the same target (metric, measure, period) of
    its nearest ancestor that states it — the county against its prefecture, or the
    province when the prefecture has no report. ``relation`` is above/below/equal in
    the direction of the number (a lower unemployment target is "below")."""
    reg = resolve_region(session, region)
    targets = _targets if _targets is not None else _best_per_key(_region_facts(session, reg.code, "target"), year)
    if not targets:
        return []
    ancestors: list[Region] = []
    code = reg.parent_code
    seen = {reg.code}
    while code and code not in seen:
        seen.add(code)
        parent = session.get(Region, code)
        if parent is None:
            break
        ancestors.append(parent)
        code = parent.parent_code
    ancestor_targets = [(a, _best_per_key(_region_facts(session, a.code, "target"), year)) for a in ancestors]
    out: list[ParentComparison] = []
    for key, (tfact, tyear) in sorted(targets.items(), key=_target_order):
        for anc, anc_targets in ancestor_targets:
            if key not in anc_targets:
                continue
            afact, ayear = anc_targets[key]
            pair = _pair(afact, tfact)  # region's number in the ancestor's unit
            if pair is None:
                relation, diff = "incomparable", None
            else:
                anc_n, reg_n, _unit = pair
                diff = round(reg_n - anc_n, 6)
                relation = "equal" if abs(diff) <= EQUAL_EPS else ("above" if diff > 0 else "below")
            out.append(
                ParentComparison(
                    metric=key[0],
                    metric_label=metric_label(key[0]),
                    measure=key[1],
                    measure_label=measure_label(key[1]),
                    period=key[2],
                    relation=relation,
                    difference=diff,
                    region_target=_ref(tfact, tyear),
                    ancestor_code=anc.code,
                    ancestor_name=anc.name,
                    ancestor_level=anc.level,
                    ancestor_target=_ref(afact, ayear),
                )
            )
            break
    return out


__all__ = [
    "ABOUT_TOLERANCE_PP",
    "ABOUT_TOLERANCE_REL",
    "FactRef",
    "ParentComparison",
    "RegionTargetsSummary",
    "TargetResult",
    "TargetsReport",
    "classify",
    "compare_with_parent",
    "pair_targets",
    "plan_progress",
    "targets_overview",
    "targets_vs_results",
]
