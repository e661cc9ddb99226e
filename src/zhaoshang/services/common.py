"""Shared building blocks of the service layer: regions, paging, provenance, units.

Every service returns plain dataclasses whose ``to_dict()`` is JSON-ready, and every
fact it returns carries its provenance (``report_id``, ``quote``, ``start``, ``end``)
so a page, an API client or a spreadsheet can always go back to the exact characters.
Queries are plain SQLAlchemy so they run unchanged on SQLite and PostgreSQL.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from zhaoshang.store.models import Region, Report

T = TypeVar("T")

MAX_PER_PAGE = 500
"""Upper bound on a page, so one API call cannot ask the database for everything."""


class RegionNotFound(LookupError):
    """No region matches the code or name."""


class AmbiguousRegion(LookupError):
    """Several regions share the name (e.g. 城关区); the caller must choose by code."""

    def __init__(self, query: str, candidates: list[RegionInfo]):
        self.query = query
        self.candidates = candidates
        names = ", ".join(f"{c.full_name}({c.code})" for c in candidates[:10])
        super().__init__(f"{query!r} matches several regions: {names}")


def to_plain(value: Any) -> Any:
    """Dataclasses, lists and dicts → JSON-ready builtins (recursively)."""
    if is_dataclass(value) and not isinstance(value, type):
        if hasattr(value, "to_dict"):
            return value.to_dict()
        return {f.name: to_plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    return value


class Plain:
    """Mixin: ``to_dict()`` through :func:`to_plain`, honouring nested ``to_dict``."""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: to_plain(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]


# --- regions ---------------------------------------------------------------


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
        return "".join(p["name"] for p in self.parents) + self.name


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
    under those parents.
    """
    query = (code_or_name or "").strip()
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


# --- paging ----------------------------------------------------------------


@dataclass(slots=True)
class Page(Generic[T]):
    """One page of a list; ``total`` counts every matching row."""

    items: list[T]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page)) if self.per_page else 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": [to_plain(i) for i in self.items],
            "total": self.total,
            "page": self.page,
            "per_page": self.per_page,
            "pages": self.pages,
        }


def clamp_paging(page: int, per_page: int) -> tuple[int, int]:
    """Pages count from 1; ``per_page`` is kept within 1..MAX_PER_PAGE."""
    return max(1, int(page or 1)), max(1, min(MAX_PER_PAGE, int(per_page or 50)))


def parse_sort(sort: str | None, allowed: dict[str, Any], default: str) -> tuple[Any, bool]:
    """``"-investment"`` → (column, descending). Unknown keys fall back to ``default``
    rather than erroring, so a stale link still shows a list."""
    key = (sort or default).strip()
    desc = key.startswith("-")
    key = key.lstrip("-+")
    if key not in allowed:
        key = default.lstrip("-+")
        desc = default.startswith("-")
    return allowed[key], desc


# --- provenance --------------------------------------------------------------


@dataclass(slots=True)
class Provenance(Plain):
    """Where a fact comes from: the report and the exact characters."""

    fact_type: str
    fact_id: int
    report_id: int
    quote: str
    start: int
    end: int
    section_kind: str | None = None
    corrected: bool = False


def provenance(fact_type: str, fact: Any) -> Provenance:
    return Provenance(
        fact_type=fact_type,
        fact_id=fact.id,
        report_id=fact.report_id,
        quote=fact.quote,
        start=fact.start,
        end=fact.end,
        section_kind=fact.section_kind,
        corrected=bool(fact.corrected),
    )


def live(model: Any) -> Any:
    """The "not deleted" condition every fact query carries."""
    return model.deleted.is_(False)


# --- units -------------------------------------------------------------------

_MULTIPLIERS: tuple[tuple[str, float], ...] = (
    ("万亿", 1e12),
    ("亿", 1e8),
    ("千万", 1e7),
    ("百万", 1e6),
    ("十万", 1e5),
    ("万", 1e4),
    ("千", 1e3),
    ("百", 1e2),
)


def split_unit(unit: str | None) -> tuple[float, str]:
    """亿元 → (1e8, 元); 万人次 → (1e4, 人次); % → (1, %). Lets 35亿元 meet 350000万元."""
    u = (unit or "").strip()
    if u in ("%", "‰", "个百分点"):
        return 1.0, u
    for prefix, factor in _MULTIPLIERS:
        if u.startswith(prefix) and len(u) > len(prefix):
            return factor, u[len(prefix) :]
    return 1.0, u


def comparable(number: float | None, unit: str | None, value_yuan: float | None = None) -> tuple[float | None, str]:
    """A number in base units (元, 人, 吨 …) plus the base unit, for comparing facts
    that the reports wrote with different multipliers."""
    if number is None:
        return None, ""
    if value_yuan is not None:
        return float(value_yuan), "元"
    factor, base = split_unit(unit)
    return float(number) * factor, base


def iter_chunks(items: Sequence[T], size: int = 500) -> Iterable[Sequence[T]]:
    """Slices for IN (...) lists, keeping each statement under backend parameter limits."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


def as_dict(obj: Any) -> dict[str, Any]:
    """A row for export: dataclass → dict (flattening ``provenance`` into the row)."""
    if isinstance(obj, dict):
        d = dict(obj)
    elif hasattr(obj, "to_dict"):
        d = obj.to_dict()
    elif is_dataclass(obj):
        d = asdict(obj)
    else:
        raise TypeError(f"cannot export {type(obj).__name__}")
    prov = d.pop("provenance", None)
    if isinstance(prov, dict):
        for k, v in prov.items():
            d.setdefault(k, v)
    return d


# --- text --------------------------------------------------------------------

SENTENCE_END = "。！？!?；;\n"


def sentence_around(text: str, start: int, end: int, max_len: int = 400) -> tuple[int, int]:
    """The sentence holding ``text[start:end]``: from after the previous 。！？； to the
    next one (inclusive), capped at ``max_len`` characters each side of the span so a
    report without punctuation still yields a readable snippet."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    s = start
    floor = max(0, start - max_len)
    while s > floor and text[s - 1] not in SENTENCE_END:
        s -= 1
    e = end
    ceil = min(len(text), end + max_len)
    while e < ceil and text[e] not in SENTENCE_END:
        e += 1
    if e < len(text) and text[e] in SENTENCE_END and text[e] != "\n":
        e += 1
    while s < start and text[s].isspace():
        s += 1
    return s, e


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
