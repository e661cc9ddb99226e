"""The national gazetteer in the ``regions`` table: loaded once, idempotently, in bulk.

Reports point at regions by code, so the table must hold every province, prefecture
and county before the first report is saved.  Loading compares with what is stored and
writes only the difference, so running it on every ingest costs one SELECT.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Engine, func, insert, select, update
from sqlalchemy.orm import Session

from zhaoshang.model import RegionRef
from zhaoshang.store.models import Region

_BATCH = 1000


class PlaceLike(Protocol):
    code: str
    name: str
    short: str
    level: str
    parent_code: str | None
    province_code: str


@dataclass(frozen=True, slots=True)
class LoadResult:
    vintage: str
    total: int
    inserted: int
    updated: int


def _row(place: PlaceLike, vintage: str) -> dict[str, Any]:
    return {
        "code": place.code,
        "name": place.name,
        "short_name": place.short or place.name,
        "level": place.level,
        "parent_code": place.parent_code or None,
        "province_code": place.province_code,
        "vintage": vintage,
    }


def parents_first(rows: Sequence[dict[str, Any]], known: Iterable[str] = ()) -> list[dict[str, Any]]:
    """Order rows so each parent precedes its children (the self foreign key checks every row).

    A row whose parent is neither in the batch nor already stored keeps ``parent_code`` but is
    placed last; the caller decides (we null such dangling parents rather than fail the load).
    """
    placed: set[str] = set(known)
    pending = list(rows)
    ordered: list[dict[str, Any]] = []
    while pending:
        rest = []
        for row in pending:
            if row["parent_code"] is None or row["parent_code"] in placed:
                ordered.append(row)
                placed.add(row["code"])
            else:
                rest.append(row)
        if len(rest) == len(pending):  # parents missing from the gazetteer itself
            for row in rest:
                ordered.append({**row, "parent_code": None})
                placed.add(row["code"])
            break
        pending = rest
    return ordered


def load_places(session: Session, places: Iterable[PlaceLike], vintage: str) -> LoadResult:
    """Insert missing places and update changed ones; rows no longer listed stay (reports use them)."""
    wanted = {p.code: _row(p, vintage) for p in places}
    stored = {
        r.code: {
            "code": r.code,
            "name": r.name,
            "short_name": r.short_name,
            "level": r.level,
            "parent_code": r.parent_code,
            "province_code": r.province_code,
            "vintage": r.vintage,
        }
        for r in session.execute(select(Region.__table__)).all()
    }
    new_rows = parents_first([row for code, row in wanted.items() if code not in stored], known=stored)
    changed = [row for code, row in wanted.items() if code in stored and stored[code] != row]
    for i in range(0, len(new_rows), _BATCH):
        session.execute(insert(Region), new_rows[i : i + _BATCH])
    if changed:
        session.execute(update(Region), changed)
    return LoadResult(vintage=vintage, total=len(wanted), inserted=len(new_rows), updated=len(changed))


def _gazetteer() -> tuple[list[PlaceLike], str]:
    from zhaoshang.regions.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    return list(gaz), str(getattr(gaz, "vintage", "unknown"))


def gazetteer_is_loaded(session: Session, vintage: str, total: int) -> bool:
    count = session.scalar(select(func.count()).select_from(Region).where(Region.vintage == vintage)) or 0
    return count >= total


def load_gazetteer_into(db: Session | Engine) -> LoadResult:
    """Load the packaged national gazetteer into ``regions`` (no-op when already current)."""
    places, vintage = _gazetteer()
    if isinstance(db, Session):
        return _load(db, places, vintage)
    with Session(db) as session, session.begin():
        return _load(session, places, vintage)


def _load(session: Session, places: list[PlaceLike], vintage: str) -> LoadResult:
    if gazetteer_is_loaded(session, vintage, len(places)):
        return LoadResult(vintage=vintage, total=len(places), inserted=0, updated=0)
    return load_places(session, places, vintage)


def ensure_region(session: Session, ref: RegionRef) -> str:
    """The code to store for ``ref``; adds a bare row when the gazetteer in the store lacks it.

    Happens only when a report names a region from a newer gazetteer than the one loaded;
    the row is marked with vintage "report" so an admin can see where it came from.
    """
    if session.get(Region, ref.adcode) is not None:
        return ref.adcode
    session.add(
        Region(
            code=ref.adcode,
            name=ref.name,
            short_name=ref.name,
            level=ref.level,
            parent_code=None,
            province_code=ref.adcode[:2] + "0" * max(len(ref.adcode) - 2, 0),
            vintage="report",
        )
    )
    session.flush()
    return ref.adcode
