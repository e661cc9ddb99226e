"""The typed document every stage shares.

Modelled on spaCy's ``Doc``/``Span``: a report owns its normalised text, and every
fact is a span into it (``text[start:end] == quote``).  Stages never pass strings
without offsets, so provenance survives all the way to the page and the export.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Level = Literal["province", "prefecture", "county", "district"]
SectionKind = Literal[
    "preamble",  # 各位代表 ... before the first heading
    "review",  # last year's work
    "review_plan",  # the five-year period just ended (十三五回顾)
    "plan",  # next five-year plan and long-range goals (十四五, 2035)
    "tasks",  # this year's targets and tasks
    "self_improvement",  # 政府自身建设
    "closing",  # closing exhortation
    "appendix",  # 名词解释 / glossary
    "other",
]
FactType = Literal["indicator", "project", "enterprise", "park", "policy", "industry"]
FACT_TYPES: tuple[str, ...] = ("indicator", "project", "enterprise", "park", "policy", "industry")


@dataclass(frozen=True, slots=True)
class RegionRef:
    """A gazetteer entry as a report refers to it; ``parents`` run from province down."""

    name: str
    adcode: str
    level: Level
    parents: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "adcode": self.adcode, "level": self.level, "parents": list(self.parents)}


@dataclass(slots=True)
class Span:
    """A character range of the normalised text; ``end`` is exclusive."""

    start: int
    end: int


@dataclass(slots=True)
class Section:
    kind: str
    title: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    section_kind: str = "other"


@dataclass(kw_only=True, slots=True)
class Fact:
    """Base of every extracted fact: the exact characters it came from."""

    quote: str
    start: int
    end: int

    type: str = field(default="fact", init=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("type", None)
        return d


@dataclass(kw_only=True, slots=True)
class Indicator(Fact):
    metric: str
    period: str
    kind: Literal["actual", "target"]
    measure: Literal["growth_pct", "avg_growth_pct", "value", "rate_pct"]
    number: float
    unit: str
    value_yuan: float | None = None
    qualifier: Literal["at_least", "about", "at_most"] | None = None
    type: str = field(default="indicator", init=False, repr=False)


@dataclass(kw_only=True, slots=True)
class Project(Fact):
    name: str
    investment_yuan: float | None
    investment_text: str | None
    status: str | None = None
    industries: list[str] = field(default_factory=list)
    type: str = field(default="project", init=False, repr=False)


@dataclass(kw_only=True, slots=True)
class Enterprise(Fact):
    name: str
    """The name as written in this mention."""
    canonical: str
    """The entity key shared by every mention of the same company (full name when known)."""
    industries: list[str] = field(default_factory=list)
    type: str = field(default="enterprise", init=False, repr=False)


@dataclass(kw_only=True, slots=True)
class Park(Fact):
    name: str
    park_kind: str
    """产业园 / 工业园 / 园区 / 经开区 / 高新区 / 自贸区 / 基地 ..."""
    industries: list[str] = field(default_factory=list)
    type: str = field(default="park", init=False, repr=False)


@dataclass(kw_only=True, slots=True)
class Policy(Fact):
    title: str
    """The title inside 《》, without the brackets."""
    action: str | None
    category: Literal["plan", "policy", "law", "other"]
    type: str = field(default="policy", init=False, repr=False)


@dataclass(kw_only=True, slots=True)
class IndustryMention(Fact):
    code: str
    """Key into the industry taxonomy (extract/data/industries.json)."""
    name: str
    section_kind: str = "other"
    weight: float = 1.0
    type: str = field(default="industry", init=False, repr=False)


@dataclass(slots=True)
class ReportMeta:
    title: str | None = None
    year: int | None = None
    meeting_date: str | None = None
    speaker: str | None = None
    region: RegionRef | None = None
    region_status: Literal["ok", "ambiguous", "unknown", "override"] = "unknown"
    region_candidates: list[RegionRef] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "year": self.year,
            "meeting_date": self.meeting_date,
            "speaker": self.speaker,
            "region": self.region.to_dict() if self.region else None,
        }


@dataclass(slots=True)
class Document:
    """A normalised report with everything extracted from it."""

    text: str
    meta: ReportMeta = field(default_factory=ReportMeta)
    sections: list[Section] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    enterprises: list[Enterprise] = field(default_factory=list)
    parks: list[Park] = field(default_factory=list)
    policies: list[Policy] = field(default_factory=list)
    industries: list[IndustryMention] = field(default_factory=list)
    stage_errors: dict[str, str] = field(default_factory=dict)
    """Extraction stages that failed, by stage name (``"indicators"``, ...), with a short
    reason; the failed stage's output is dropped and the others are kept."""

    def facts(self) -> list[Fact]:
        return [*self.indicators, *self.projects, *self.enterprises, *self.parks, *self.policies, *self.industries]

    def check_spans(self) -> None:
        """Raise if any fact's quote is not exactly the text it points at (spaCy's invariant)."""
        for f in self.facts():
            if self.text[f.start : f.end] != f.quote:
                raise ValueError(f"span {f.start}:{f.end} of {f.type} does not match its quote {f.quote!r}")

    def to_contract(self) -> dict[str, Any]:
        """The JSON of the extraction contract in DESIGN.md."""
        report = self.meta.to_dict()
        report["sections"] = [s.to_dict() for s in self.sections]
        return {
            "report": report,
            "indicators": [f.to_dict() for f in self.indicators],
            "projects": [f.to_dict() for f in self.projects],
            "enterprises": [f.to_dict() for f in self.enterprises],
            "parks": [f.to_dict() for f in self.parks],
            "policies": [f.to_dict() for f in self.policies],
            "industries": [f.to_dict() for f in self.industries],
        }
