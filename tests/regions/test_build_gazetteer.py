"""scripts/build_gazetteer.py turns NBS tables into clean gazetteer rows."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_gazetteer.py"


@pytest.fixture(scope="module")
def build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_gazetteer", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(build: ModuleType) -> dict[str, tuple[str, str, str, str]]:
    provinces = [{"code": "11", "name": "北京市"}, {"code": "42", "name": "湖北省"}]
    cities = [
        {"code": "1101", "name": "市辖区", "provinceCode": "11"},
        {"code": "4201", "name": "武汉市", "provinceCode": "42"},
        {"code": "4290", "name": "省直辖县级行政区划", "provinceCode": "42"},
        {"code": "4299", "name": "某某市", "provinceCode": "42"},
    ]
    areas = [
        {"code": "110105", "name": "朝阳区", "cityCode": "1101", "provinceCode": "11"},
        {"code": "420102", "name": "江岸区", "cityCode": "4201", "provinceCode": "42"},
        {"code": "420171", "name": "武汉经济技术开发区", "cityCode": "4201", "provinceCode": "42"},
        {"code": "429004", "name": "仙桃市", "cityCode": "4290", "provinceCode": "42"},
        {"code": "429021", "name": "神农架林区", "cityCode": "4290", "provinceCode": "42"},
        {"code": "420103", "name": "碑林区", "cityCode": "4201", "provinceCode": "42"},
        {"code": "429900", "name": "某某市", "cityCode": "4299", "provinceCode": "42"},
    ]
    return {r[0]: r for r in build.build(provinces, cities, areas)}


def test_placeholders_are_dropped_and_children_hang_off_the_province(build: ModuleType) -> None:
    rows = _rows(build)
    assert "110100" not in rows and "429000" not in rows
    assert rows["110105"] == ("110105", "朝阳区", "district", "110000")
    assert rows["429004"] == ("429004", "仙桃市", "county", "420000")


def test_functional_zones_and_echoed_cities_are_dropped(build: ModuleType) -> None:
    rows = _rows(build)
    assert "420171" not in rows
    assert rows["429900"] == ("429900", "某某市", "prefecture", "420000")  # the prefecture, once


def test_levels(build: ModuleType) -> None:
    rows = _rows(build)
    assert rows["420000"][2] == "province"
    assert rows["420100"][2] == "prefecture"
    assert rows["429021"][2] == "county"  # 林区 directly under the province
    assert rows["420103"][2] == "district"  # an ordinary district whose name ends in 林区


def test_build_rejects_orphans(build: ModuleType) -> None:
    with pytest.raises(SystemExit):
        build.build([], [], [{"code": "110105", "name": "朝阳区", "cityCode": "1101", "provinceCode": "11"}])
