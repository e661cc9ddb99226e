"""The service layer: read-only questions over the store, answered as plain dataclasses.

Pages, the JSON API and the CLI call these and nothing else for reading; every fact a
service returns carries ``report_id``, ``quote``, ``start`` and ``end`` (and ``fact_id``,
``section_kind``, ``corrected``). Each result has ``to_dict()`` (JSON-ready). Deleted
facts are never returned. Regions are given as an adcode, a name (湖南省), a short name
(湖南) or a name with its parents (湖南省衡阳县); unknown → RegionNotFound, several
same-named regions → AmbiguousRegion (with ``candidates``).

Corpus        corpus_overview, regions_by_province, list_reports
Region        region_profile (+ ``zhaoshang region NAME``), series_rows, region_industries
Compare / map available_metrics, compare, map_data
Targets       targets_vs_results, targets_overview, compare_with_parent, classify, pair_targets
Projects      list_projects (``distinct`` folds a project's mentions), project_facets
Industries    industry_matrix, industry_evidence
Indicators    list_indicators
Export        to_csv, to_xlsx, COLUMNS (per-table column sets with provenance)

Corpus-wide answers are memoised per data version (:mod:`zhaoshang.services.cache`).
Writing (ingest) lives in :mod:`zhaoshang.services.ingest`, which this package does not
import, so reading never pulls in the extraction pipeline.
"""

from __future__ import annotations

from zhaoshang.services.base import Page
from zhaoshang.services.regions import (
    AmbiguousRegion,
    RegionInfo,
    RegionNotFound,
    descendant_codes,
    region_info,
    resolve_region,
)
from zhaoshang.services.compare import (
    CompareResult,
    CompareRow,
    MapData,
    MetricOption,
    available_metrics,
    compare,
    map_data,
)
from zhaoshang.services.corpus import CorpusOverview, ReportItem, corpus_overview, list_reports, regions_by_province
from zhaoshang.services.export import COLUMNS, to_csv, to_xlsx
from zhaoshang.services.industries import (
    Evidence,
    IndustryMatrix,
    IndustryWeight,
    industry_evidence,
    industry_matrix,
    region_industries,
)
from zhaoshang.services.labels import HEADLINE_METRICS, METRIC_LABELS, metric_label
from zhaoshang.services.profile import RegionProfile, region_profile, series_rows
from zhaoshang.services.projects import ProjectFacets, ProjectRow, list_projects, project_facets
from zhaoshang.services.queries import IndicatorRow, list_indicators
from zhaoshang.services.track import (
    ABOUT_TOLERANCE_PP,
    ABOUT_TOLERANCE_REL,
    ParentComparison,
    RegionTargetsSummary,
    TargetResult,
    TargetsReport,
    classify,
    compare_with_parent,
    pair_targets,
    targets_overview,
    targets_vs_results,
)

__all__ = [
    "ABOUT_TOLERANCE_PP",
    "ABOUT_TOLERANCE_REL",
    "COLUMNS",
    "HEADLINE_METRICS",
    "METRIC_LABELS",
    "AmbiguousRegion",
    "CompareResult",
    "CompareRow",
    "CorpusOverview",
    "Evidence",
    "IndicatorRow",
    "IndustryMatrix",
    "IndustryWeight",
    "MapData",
    "MetricOption",
    "Page",
    "ParentComparison",
    "ProjectFacets",
    "ProjectRow",
    "RegionInfo",
    "RegionNotFound",
    "RegionProfile",
    "RegionTargetsSummary",
    "ReportItem",
    "TargetResult",
    "TargetsReport",
    "available_metrics",
    "classify",
    "compare",
    "compare_with_parent",
    "corpus_overview",
    "descendant_codes",
    "industry_evidence",
    "industry_matrix",
    "list_indicators",
    "list_projects",
    "list_reports",
    "map_data",
    "metric_label",
    "project_facets",
    "region_industries",
    "region_info",
    "region_profile",
    "regions_by_province",
    "resolve_region",
    "series_rows",
    "pair_targets",
    "targets_overview",
    "targets_vs_results",
    "to_csv",
    "to_xlsx",
]
