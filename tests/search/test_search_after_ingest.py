"""The ingest pipeline indexes as it saves: the samples are searchable right after ``ingest``."""

from __future__ import annotations

from pathlib import Path

from zhaoshang.search.service import search
from zhaoshang.store.db import make_engine


def test_ingested_samples_are_searchable_with_region_facets(ingested_sqlite, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(ingested_sqlite.copy_to(tmp_path))
    try:
        result = search(engine, "汉白玉", region="四川省")
        assert result.total > 0
        assert {h.region_name for h in result.hits} == {"宝兴县"}
        assert [label for _, label, _ in result.facets["province"]] == ["四川省"]
        assert search(engine, "克拉玛依区", region="新疆维吾尔自治区").total > 0
        sections = {v for v, _, _ in search(engine, "发展").facets["section_kind"]}
        assert len(sections) > 2  # the ingest's section detection reaches the index
    finally:
        engine.dispose()
