"""Synonym groups, kept as data (``data/synonyms.json``): GDP = 地区生产总值, 社零 = 社会消费品零售总额.

Expansion is whole-term: the query word must equal a member after folding; it then matches any
member.  Because every member is matched through the bigram layer, a synonym finds its text
exactly as a typed query would.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from zhaoshang.search.normalize import compact, fold


def key(term: str) -> str:
    return compact(fold(term))[0]


@lru_cache(maxsize=1)
def synonym_table() -> dict[str, tuple[str, ...]]:
    """Folded term → every folded member of its group(s), the term itself first."""
    raw = json.loads(resources.files("zhaoshang.search").joinpath("data/synonyms.json").read_text("utf-8"))
    table: dict[str, list[str]] = {}
    for group in raw["groups"]:
        members = [key(m) for m in group]
        for m in members:
            bucket = table.setdefault(m, [m])
            for other in members:
                if other not in bucket:
                    bucket.append(other)
    return {k: tuple(v) for k, v in table.items()}


def expand(term: str) -> tuple[str, ...]:
    """The folded alternatives a query word stands for (just itself when it has no synonyms)."""
    k = key(term)
    return synonym_table().get(k, (k,))
