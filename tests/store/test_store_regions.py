"""Loading the national gazetteer into ``regions``: complete, parent-linked, idempotent, updatable."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, func, select

from zhaoshang.regions.gazetteer import load_gazetteer
from zhaoshang.store.db import transaction
from zhaoshang.store.models import Region
from zhaoshang.store.regions import load_gazetteer_into, load_places, parents_first


@dataclass(frozen=True)
class P:
    code: str
    name: str
    short: str
    level: str
    parent_code: str | None
    province_code: str


def _regions(engine: Engine) -> int:
    with transaction(engine) as s:
        return s.scalar(select(func.count()).select_from(Region)) or 0


def test_gazetteer_load_is_complete_and_idempotent(engine: Engine) -> None:
    gaz = load_gazetteer()
    first = load_gazetteer_into(engine)
    assert first.inserted == len(gaz) > 3000 and first.vintage == gaz.vintage
    second = load_gazetteer_into(engine)
    assert (second.inserted, second.updated) == (0, 0)
    assert _regions(engine) == len(gaz)


def test_loaded_regions_keep_their_parent_chain_and_province(engine: Engine) -> None:
    load_gazetteer_into(engine)
    gaz = load_gazetteer()
    county = next(p for p in gaz if p.level == "county" and p.parent_code)
    with transaction(engine) as s:
        row = s.get(Region, county.code)
        assert row is not None and row.parent_code == county.parent_code
        assert row.province_code == county.province_code
        provinces = sum(1 for p in gaz if p.level == "province")
        assert s.scalar(select(func.count()).select_from(Region).where(Region.level == "province")) == provinces


def test_reloading_updates_a_renamed_place_and_keeps_places_no_longer_listed(engine: Engine) -> None:
    places = [
        P("980000", "甲省", "甲", "province", None, "980000"),
        P("980100", "乙市", "乙", "prefecture", "980000", "980000"),
        P("980102", "丙区", "丙区", "district", "980100", "980000"),
    ]
    with transaction(engine) as s:
        load_places(s, places, "v1")
    renamed = [places[0], P("980100", "乙州市", "乙州", "prefecture", "980000", "980000")]
    with transaction(engine) as s:
        result = load_places(s, renamed, "v2")
    assert (result.inserted, result.updated) == (0, 2)
    with transaction(engine) as s:
        assert s.get(Region, "980100").name == "乙州市"  # type: ignore[union-attr]
        assert s.get(Region, "980102") is not None  # reports may still point at it


def test_parents_first_orders_children_after_parents_whatever_the_input_order() -> None:
    rows = [
        {"code": "c", "parent_code": "b"},
        {"code": "b", "parent_code": "a"},
        {"code": "a", "parent_code": None},
        {"code": "x", "parent_code": "stored"},
    ]
    ordered = [r["code"] for r in parents_first(rows, known={"stored"})]
    assert ordered.index("a") < ordered.index("b") < ordered.index("c")
    assert "x" in ordered


def test_parents_first_detaches_rows_whose_parent_exists_nowhere() -> None:
    ordered = parents_first([{"code": "orphan", "parent_code": "missing"}])
    assert ordered == [{"code": "orphan", "parent_code": None}]
