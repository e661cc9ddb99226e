"""Which vendored boundary file draws the children of a region.

The national map (provinces) is ``maps/china.json``; each province's map (its
prefectures) is one file under ``maps/province/`` whose features carry adcode ids.
We index those files by the adcode of their features instead of by file name, so
no table of pinyin names has to be kept in sync with the data.
"""

from __future__ import annotations

import json
from functools import lru_cache

from zhaoshang.web.render import STATIC_DIR, static_url

MAPS_DIR = STATIC_DIR / "vendor" / "maps"
NATIONAL = "100000"


@lru_cache(maxsize=1)
def province_files() -> dict[str, str]:
    """Province adcode (e.g. "430000") → static path of the file with its prefectures."""
    index: dict[str, str] = {}
    for path in sorted((MAPS_DIR / "province").glob("*.json")):
        try:
            features = json.loads(path.read_text(encoding="utf-8")).get("features", [])
        except (OSError, ValueError):
            continue
        ids = [str(f.get("id") or f.get("properties", {}).get("id") or "") for f in features]
        ids = [i for i in ids if len(i) >= 2 and i[:2].isdigit()]
        if ids:
            index.setdefault(ids[0][:2] + "0000", f"vendor/maps/province/{path.name}")
    return index


def geo_url(parent_code: str | None) -> str | None:
    """URL of the boundaries of ``parent_code``'s children (None → provinces of China);
    None when no vendored file draws them (e.g. a prefecture's counties)."""
    if not parent_code or parent_code == NATIONAL:
        return static_url("vendor/maps/china.json")
    path = province_files().get(parent_code)
    return static_url(path) if path else None
