"""企业入驻: register an enterprise and match it to the regions that want its industry.

A match is only as convincing as its evidence, so every ranked region carries the
sentences that name the industry, its projects, parks and enterprises in that
industry, and its growth targets — each with report id and span.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import String, cast, select
from sqlalchemy.orm import Session

from zhaoshang.services.credit_code import normalise_credit_code, validate_credit_code
from zhaoshang.store.models import (
    EnterpriseMention,
    EnterpriseRegistration,
    IndicatorFact,
    IndustryFact,
    ParkFact,
    ProjectFact,
    Region,
    Report,
)

_PHONE = re.compile(r"^(?:\+?86[- ]?)?(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,190}\.[A-Za-z]{2,24}$")
_GROWTH_METRICS = ("gdp", "industrial_va_above_scale", "fixed_asset_investment", "general_budget_revenue", "retail_sales")


class RegistrationError(ValueError):
    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


KIND_ORDER = {"term": 0, "strategic": 1, "division": 2, "section": 3}


def industry_choices() -> list[dict[str, Any]]:
    """Taxonomy entries an enterprise can pick: report terms and strategic industries first,
    then the GB/T 4754 divisions and sections."""
    from zhaoshang.extract.industries import taxonomy

    entries = taxonomy().entries.values()
    return [
        {"code": e.code, "name": e.name, "kind": e.kind, "parent": e.parent,
         "label": f"{e.name}（{e.code}）" if e.kind in ("division", "section") else e.name}
        for e in sorted(entries, key=lambda e: (KIND_ORDER.get(e.kind, 9), e.code))
    ]


def industry_codes_with_children(code: str) -> set[str]:
    """The code, every entry below it, and the entries it names as related."""
    from zhaoshang.extract.industries import taxonomy
    from zhaoshang.services.labels import industry_with_descendants

    entry = taxonomy().entries.get(code)
    return {code, *industry_with_descendants(code), *(entry.related if entry else ())}


def validate_registration(form: dict[str, str], valid_industries: set[str], province_codes: set[str]) -> dict[str, Any]:
    """Check a submitted form; return clean values or raise RegistrationError with per-field messages."""
    errors: dict[str, str] = {}
    name = (form.get("name") or "").strip()
    if not 2 <= len(name) <= 200:
        errors["name"] = "请填写企业名称(2-200字)"
    code = normalise_credit_code(form.get("credit_code") or "")
    reason = validate_credit_code(code)
    if reason:
        errors["credit_code"] = reason
    industry = (form.get("industry_code") or "").strip()
    if industry not in valid_industries:
        errors["industry_code"] = "请从列表中选择行业"
    investment: float | None = None
    raw_inv = (form.get("planned_investment") or "").strip()
    if raw_inv:
        try:
            investment = float(raw_inv) * 10_000  # the form asks for 万元
            if not 0 < investment < 1e14:
                raise ValueError
        except ValueError:
            errors["planned_investment"] = "计划投资额应为正数(万元)"
    provinces = [p for p in (form.get("preferred_provinces") or "").split(",") if p]
    if any(p not in province_codes for p in provinces):
        errors["preferred_provinces"] = "意向省份无效"
    person = (form.get("contact_person") or "").strip()
    if not 1 <= len(person) <= 100:
        errors["contact_person"] = "请填写联系人"
    phone = (form.get("phone") or "").strip().replace(" ", "")
    email = (form.get("email") or "").strip()
    if phone and not _PHONE.match(phone):
        errors["phone"] = "电话号码格式不正确"
    if email and not _EMAIL.match(email):
        errors["email"] = "邮箱格式不正确"
    if not phone and not email:
        errors["phone"] = "电话和邮箱至少填写一项"
    if errors:
        raise RegistrationError(errors)
    return {
        "name": name, "credit_code": code, "industry_code": industry, "planned_investment_yuan": investment,
        "preferred_provinces": provinces, "contact_person": person, "phone": phone or None, "email": email or None,
    }


def register(session: Session, values: dict[str, Any]) -> EnterpriseRegistration:
    reg = EnterpriseRegistration(**values)
    session.add(reg)
    session.flush()
    return reg


@dataclass
class Evidence:
    kind: str  # industry | project | park | enterprise | target
    text: str
    """The fact's quote: exactly ``report.text[start:end]``."""
    report_id: int
    start: int
    end: int
    fact_id: int
    extra: dict[str, Any] = field(default_factory=dict)
    before: str = ""
    """The rest of the sentence before the quote, so a match reads as a sentence, not a word."""
    after: str = ""

    @property
    def sentence(self) -> str:
        return f"{self.before}{self.text}{self.after}"


@dataclass
class RegionMatch:
    code: str
    name: str
    level: str
    province_code: str
    score: float
    industry_weight: float
    evidence: list[Evidence] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for e in self.evidence:
            out[e.kind] += 1
        return dict(out)


def _json_has(column: Any, code: str) -> Any:
    # Portable "JSON list contains a string" for SQLite and PostgreSQL; refined in Python afterwards.
    return cast(column, String).like(f'%"{code}"%')


CANDIDATES_PER_KIND = 12
"""Evidence gathered per region and kind before sentences are known; repeats are folded later."""


def match_regions(
    session: Session, industry_code: str, *, provinces: list[str] | None = None, limit: int = 20,
    evidence_per_kind: int = 3,
) -> list[RegionMatch]:
    """Rank regions whose reports prioritise the industry (or its sub-industries)."""
    codes = industry_codes_with_children(industry_code)
    live_report = (Report.region_code.is_not(None),)
    region_filter = (Region.province_code.in_(provinces),) if provinces else ()

    matches: dict[str, RegionMatch] = {}

    def slot(region: Region) -> RegionMatch:
        m = matches.get(region.code)
        if m is None:
            m = matches[region.code] = RegionMatch(region.code, region.name, region.level, region.province_code, 0.0, 0.0)
        return m

    mentions = session.execute(
        select(IndustryFact, Region)
        .join(Report, Report.id == IndustryFact.report_id)
        .join(Region, Region.code == Report.region_code)
        .where(IndustryFact.code.in_(codes), IndustryFact.deleted.is_(False), *live_report, *region_filter)
        .order_by(IndustryFact.weight.desc(), IndustryFact.id)
    ).all()
    for fact, region in mentions:
        m = slot(region)
        m.industry_weight += fact.weight
        if sum(e.kind == "industry" for e in m.evidence) < CANDIDATES_PER_KIND:
            m.evidence.append(Evidence("industry", fact.quote, fact.report_id, fact.start, fact.end, fact.id, {"name": fact.name}))

    tagged = ((ProjectFact, "project", 2.0), (ParkFact, "park", 1.5), (EnterpriseMention, "enterprise", 0.5))
    for model, kind, bonus in tagged:
        tags = model.industries if model is not EnterpriseMention else None
        query = (
            select(model, Region)
            .join(Report, Report.id == model.report_id)
            .join(Region, Region.code == Report.region_code)
            .where(model.deleted.is_(False), *live_report, *region_filter)
        )
        if tags is not None:
            query = query.where(_or_like(tags, codes))
            rows = [(f, r) for f, r in session.execute(query).all() if codes & set(f.industries or [])]
        else:
            from zhaoshang.store.models import Enterprise

            query = query.join(Enterprise, Enterprise.id == EnterpriseMention.enterprise_id).where(
                _or_like(Enterprise.industries, codes)
            )
            rows = [(f, r) for f, r in session.execute(query).all() if codes & set(f.enterprise.industries or [])]
        for fact, region in rows:
            m = slot(region)
            m.score += bonus
            if sum(e.kind == kind for e in m.evidence) < CANDIDATES_PER_KIND:
                extra = {"name": getattr(fact, "name", None)}
                if kind == "project":
                    extra["investment_yuan"] = fact.investment_yuan
                m.evidence.append(Evidence(kind, fact.quote, fact.report_id, fact.start, fact.end, fact.id, extra))

    for m in matches.values():
        m.score += m.industry_weight
    ranked = sorted(matches.values(), key=lambda m: (-m.score, m.code))[:limit]
    _attach_sentences(session, ranked, evidence_per_kind)
    _attach_targets(session, ranked)
    return ranked


def _attach_sentences(session: Session, ranked: list[RegionMatch], per_kind: int) -> None:
    """Give every piece of evidence its sentence, and keep ``per_kind`` distinct sentences per kind."""
    from zhaoshang.services.text import evidence_sentence

    ids = sorted({e.report_id for m in ranked for e in m.evidence})
    texts = {i: t for i, t in session.execute(select(Report.id, Report.text).where(Report.id.in_(ids)))} if ids else {}
    for m in ranked:
        kept: list[Evidence] = []
        seen: set[tuple[int, int, int]] = set()
        for e in m.evidence:
            text = texts.get(e.report_id, "")
            s, t = evidence_sentence(text, e.start, e.end) if text else (e.start, e.end)
            key = (e.report_id, s, t)
            if key in seen or sum(k.kind == e.kind for k in kept) >= per_kind:
                continue
            seen.add(key)
            e.before, e.after = text[s:e.start], text[e.end:t]
            kept.append(e)
        m.evidence = kept


def _or_like(column: Any, codes: set[str]) -> Any:
    from sqlalchemy import or_

    return or_(*(_json_has(column, c) for c in sorted(codes)))


def _attach_targets(session: Session, ranked: list[RegionMatch]) -> None:
    if not ranked:
        return
    codes = [m.code for m in ranked]
    latest = {}
    for report_id, region_code, year in session.execute(
        select(Report.id, Report.region_code, Report.year).where(Report.region_code.in_(codes)).order_by(Report.year)
    ):
        latest[region_code] = report_id
    if not latest:
        return
    rows = session.scalars(
        select(IndicatorFact).where(
            IndicatorFact.report_id.in_(latest.values()),
            IndicatorFact.kind == "target",
            IndicatorFact.measure.in_(("growth_pct", "avg_growth_pct")),
            IndicatorFact.metric.in_(_GROWTH_METRICS),
            IndicatorFact.deleted.is_(False),
        ).order_by(IndicatorFact.start)
    ).all()
    by_report: dict[int, list[IndicatorFact]] = defaultdict(list)
    for r in rows:
        by_report[r.report_id].append(r)
    for m in ranked:
        for f in by_report.get(latest.get(m.code, -1), [])[:4]:
            m.evidence.append(Evidence("target", f.quote, f.report_id, f.start, f.end, f.id,
                                       {"metric": f.metric, "period": f.period, "number": f.number, "unit": f.unit}))


MATCH_COLUMNS = (
    "rank", "region", "code", "level", "score", "industry_weight", "evidence_kind", "evidence", "sentence",
    "report_id", "start", "end",
)


def match_rows(matches: list[RegionMatch]) -> list[dict[str, Any]]:
    """Flat rows for CSV/XLSX: one row per evidence item, provenance included."""
    rows = []
    for rank, m in enumerate(matches, 1):
        for e in m.evidence or [None]:
            rows.append({
                "rank": rank, "region": m.name, "code": m.code, "level": m.level, "score": round(m.score, 2),
                "industry_weight": round(m.industry_weight, 2),
                "evidence_kind": e.kind if e else "", "evidence": e.text if e else "",
                "sentence": e.sentence if e else "",
                "report_id": e.report_id if e else "", "start": e.start if e else "", "end": e.end if e else "",
            })
    return rows


REGISTRATION_COLUMNS = (
    "id", "created_at", "name", "credit_code", "industry_code", "planned_investment_yuan",
    "preferred_provinces", "contact_person", "phone", "email",
)


def registration_rows(regs: Any) -> list[dict[str, Any]]:
    return [
        {
            "id": r.id, "created_at": r.created_at.isoformat() if r.created_at else "", "name": r.name,
            "credit_code": r.credit_code, "industry_code": r.industry_code,
            "planned_investment_yuan": r.planned_investment_yuan,
            "preferred_provinces": ",".join(r.preferred_provinces or []), "contact_person": r.contact_person,
            "phone": r.phone or "", "email": r.email or "",
        }
        for r in regs
    ]
