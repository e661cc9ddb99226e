"""Regions as the services see them: look-up by code or name, ancestors, descendants,
the "which regions" arguments of every list, and each region's latest report."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from zhaoshang.services.base import Plain, iter_chunks
from zhaoshang.store.models import Region, Report


class RegionNotFound(LookupError):
    """No region matches the code or name."""


class AmbiguousRegion(LookupError):
    """Several regions share the name (e.g. 城关区); the caller must choose by code."""

    def __init__(self, query: str, candidates: list[RegionInfo]):
        self.query = query
        self.candidates = candidates
        names = ", ".join(f"{c.full_name}({c.code})" for c in candidates[:10])
        super().__init__(f"{query!r} matches several regions: {names}")


@dataclass(slots=True)
class RegionInfo(Plain):
    """A region as the services show it; ``parents`` run from the province down."""

    code: str
    name: str
    short_name: str
    level: str
    parent_code: str | None
    province_code: str
    parents: list[dict[str, str]] = field(default_factory=list)

    @property
    def full_name(self) -> str:
        """湖南省衡阳市衡阳县: unambiguous where the bare name is not (城关区)."""
        return "".join(p["name"] for p in self.parents) + self.name

    def to_dict(self) -> dict[str, Any]:
        d = Plain.to_dict(self)
        d["full_name"] = self.full_name
        return d


def region_info(session: Session, region: Region, with_parents: bool = True) -> RegionInfo:
    """Build a :class:`RegionInfo`, walking ``parent_code`` up to the province."""
    parents: list[dict[str, str]] = []
    if with_parents:
        seen = {region.code}
        code = region.parent_code
        while code and code not in seen:
            seen.add(code)
            parent = session.get(Region, code)
            if parent is None:
                break
            parents.insert(0, {"code": parent.code, "name": parent.name, "level": parent.level})
            code = parent.parent_code
    return RegionInfo(
        code=region.code,
        name=region.name,
        short_name=region.short_name,
        level=region.level,
        parent_code=region.parent_code,
        province_code=region.province_code,
        parents=parents,
    )


def resolve_region(session: Session, code_or_name: str) -> Region:
    """Find one region by adcode, full name (湖南省) or short name (湖南).

    Why the preference order: codes are unique; among same-named regions (there are
    dozens of 城关区/新华区) a region that has reports is what a user of this corpus
    means, and if that still leaves several, we refuse to guess (:class:`AmbiguousRegion`).
    A name written with its parents (湖南省衡阳市) is matched on its last component
    under those parents; a site channel name (【宝兴县招商】, 宝兴招商) means its region.
    """
    query = _clean_query(code_or_name)
    if not query:
        raise RegionNotFound("empty region")
    found = session.get(Region, query)
    if found is not None:
        return found
    candidates = list(
        session.scalars(select(Region).where(or_(Region.name == query, Region.short_name == query)))
    )
    if not candidates:
        candidates = _match_with_parents(session, query)
    if not candidates:
        raise RegionNotFound(f"no region named {query!r}")
    if len(candidates) == 1:
        return candidates[0]
    exact = [c for c in candidates if c.name == query]
    if len(exact) == 1:
        return exact[0]
    pool = exact or candidates
    codes = [c.code for c in pool]
    with_reports = set(session.scalars(select(Report.region_code).where(Report.region_code.in_(codes)).distinct()))
    reported = [c for c in pool if c.code in with_reports]
    if len(reported) == 1:
        return reported[0]
    pool = reported or pool
    if all(c.short_name == query for c in pool):
        # A bare short name (衡阳) means the higher-level region (衡阳市, not 衡阳县),
        # which is how reports and readers write it; same-level homonyms stay ambiguous.
        top = min(_LEVEL_RANK.get(c.level, 9) for c in pool)
        highest = [c for c in pool if _LEVEL_RANK.get(c.level, 9) == top]
        if len(highest) == 1:
            return highest[0]
    raise AmbiguousRegion(query, [region_info(session, c) for c in sorted(pool, key=lambda r: r.code)])


def _clean_query(text: str | None) -> str:
    """Spaces, channel brackets and the channel suffix 招商 are not part of a name."""
    query = "".join((text or "").split()).strip("【】[]〔〕")
    if query.endswith("招商") and len(query) > 2:
        query = query[: -len("招商")]
    return query


_LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2, "district": 2}


def _match_with_parents(session: Session, query: str) -> list[Region]:
    """湖南省衡阳市 / 四川雅安宝兴县 / 湖南省衡阳县: a region named by the tail of the
    query whose ancestors (full or short names, levels may be skipped) make up the rest."""
    for cut in range(1, len(query)):
        head, tail = query[:cut], query[cut:]
        rows = list(session.scalars(select(Region).where(or_(Region.name == tail, Region.short_name == tail))))
        matches = [r for r in rows if _consumed_by_ancestors(head, region_info(session, r).parents)]
        if matches:
            return matches
    return []


def _consumed_by_ancestors(head: str, parents: list[dict[str, str]]) -> bool:
    rest = head
    for parent in parents:  # province first, as people write them
        for form in (parent["name"], _short(parent["name"])):
            if rest.startswith(form):
                rest = rest[len(form) :]
                break
    return rest == ""


def _short(name: str) -> str:
    for suffix in ("自治区", "自治州", "自治县", "省", "市", "县", "区", "盟", "旗", "州"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def descendant_codes(session: Session, code: str, include_self: bool = True) -> list[str]:
    """All region codes under ``code`` (breadth first over ``parent_code``).

    Iterative rather than a recursive CTE so it is the same plain query on every
    backend; the gazetteer is at most four levels deep, so this is ≤ 4 round trips.
    """
    result = [code] if include_self else []
    frontier = [code]
    seen = {code}
    while frontier:
        children = [
            c for c in session.scalars(select(Region.code).where(Region.parent_code.in_(frontier))) if c not in seen
        ]
        seen.update(children)
        result.extend(children)
        frontier = children
    return result


def region_scope(
    session: Session,
    *,
    regions: Sequence[str] | None = None,
    level: str | None = None,
    parent: str | None = None,
    include_descendants: bool = False,
) -> list[str] | None:
    """Turn the usual "which regions" arguments into a list of codes (None = all).

    ``regions`` are codes or names; ``parent`` limits to the parent's children (or all
    descendants with ``include_descendants``); ``level`` filters by level. They combine.
    """
    codes: list[str] | None = None
    if regions:
        codes = []
        for r in regions:
            region = resolve_region(session, r)
            if include_descendants:
                codes.extend(descendant_codes(session, region.code))
            else:
                codes.append(region.code)
    if parent:
        p = resolve_region(session, parent)
        if include_descendants:
            under = descendant_codes(session, p.code, include_self=False)
        else:
            under = list(session.scalars(select(Region.code).where(Region.parent_code == p.code)))
        codes = under if codes is None else [c for c in codes if c in set(under)]
    if level:
        stmt = select(Region.code).where(Region.level == level)
        if codes is not None:
            stmt = stmt.where(Region.code.in_(codes))
        codes = list(session.scalars(stmt))
    if codes is not None:
        codes = list(dict.fromkeys(codes))
    return codes


def latest_report_ids(
    session: Session,
    codes: Sequence[str] | None = None,
    year: int | None = None,
    having: Any = None,
) -> dict[str, int]:
    """region code → id of its most recent report (or its report of ``year``); with
    ``having`` (a fact model) only reports holding live facts of that type count, so a
    short excerpt ingested later does not blank out what the full report said.

    Why latest: weights and lists that describe "what the region wants now" should not
    add up every year's report, or regions with more reports would look keener."""
    stmt = select(Report.region_code, Report.year, Report.id).where(Report.region_code.is_not(None))
    if having is not None:
        # correlated EXISTS walks the fact table's report_id index per report instead of
        # scanning every fact of the corpus
        stmt = stmt.where(exists().where(having.report_id == Report.id, having.deleted.is_(False)))
    if year is not None:
        stmt = stmt.where(Report.year == year)
    rows: list[tuple[str, int | None, int]] = []
    if codes is None:
        rows = [tuple(r) for r in session.execute(stmt)]  # type: ignore[misc]
    else:
        for chunk in iter_chunks(list(codes)):
            rows.extend(tuple(r) for r in session.execute(stmt.where(Report.region_code.in_(chunk))))  # type: ignore[misc]
    best: dict[str, tuple[int, int]] = {}
    for code, y, rid in rows:
        key = (y or 0, rid)
        if code not in best or key > best[code]:
            best[code] = key
    return {code: key[1] for code, key in best.items()}


def in_region(session: Session, stmt: Any, region: str | None, include_descendants: bool = True) -> Any:
    """``stmt`` limited to reports of ``region`` (code or name) and, by default, of every
    region below it: 湖南省 includes 衡阳市's reports. No region: ``stmt`` unchanged."""
    if not region:
        return stmt
    reg = resolve_region(session, region)
    codes = descendant_codes(session, reg.code) if include_descendants else [reg.code]
    return stmt.where(Report.region_code.in_(codes))

