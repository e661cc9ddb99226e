"""Character provenance through text rewriting.

:class:`Tracked` is a string that remembers, for every character, the index of the
original character it came from, through any number of regex rewrites;
:class:`OffsetMap` is the compact, storable form of that memory (runs of constant
shift), so a span of the stored text can always be shown in the original.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


_IDENTITY = array("i")
_IDENTITY_CACHE_MAX = 1 << 22


def identity(n: int) -> array:
    """``array("i", range(n))``, sliced from a cached array (building one from a range
    costs a Python-level step per element; a slice is a memory copy)."""
    global _IDENTITY
    if n > len(_IDENTITY):
        if n > _IDENTITY_CACHE_MAX:
            return array("i", range(n))
        _IDENTITY = array("i", range(max(n, 2 * len(_IDENTITY), 1 << 16)))
    return _IDENTITY[:n]


def _matches(origins: array, a: int, b: int, shift: int) -> bool:
    """Whether ``origins[k] == k + shift`` for every ``k`` in ``[a, b)``."""
    lo, hi = a + shift, b + shift
    if lo < 0:
        return False  # origins are never negative
    if hi > len(_IDENTITY):
        identity(hi)
    if hi <= len(_IDENTITY):
        return origins[a:b] == _IDENTITY[lo:hi]
    return origins[a:b] == array("i", range(lo, hi))


def _run_end(origins: array, i: int, shift: int, n: int) -> int:
    """First index after ``i`` whose origin breaks the run of constant ``shift``."""
    lo, step = i + 1, 16
    while lo < n:
        hi = min(n, lo + step)
        if not _matches(origins, lo, hi, shift):
            while hi - lo > 1:  # the break is in [lo, hi)
                mid = (lo + hi) // 2
                if _matches(origins, lo, mid, shift):
                    lo = mid
                else:
                    hi = mid
            return lo
        lo, step = hi, step * 2
    return n


@dataclass(slots=True)
class OffsetMap:
    """Normalised index → original index, as runs of constant shift.

    ``starts[k]``/``origins[k]``: from normalised index ``starts[k]`` on (until the next
    run), index ``i`` maps to ``origins[k] + (i - starts[k])``.  The last run is a sentinel
    at ``length`` mapping to ``original_length``, so span ends map too.
    """

    starts: list[int] = field(default_factory=lambda: [0])
    origins: list[int] = field(default_factory=lambda: [0])

    @classmethod
    def from_origins(cls, origins: array, original_length: int) -> OffsetMap:
        """Compress a per-character origin array into runs.

        A report has a few dozen runs in tens of thousands of characters, so each run's
        end is found by galloping with C-level slice comparisons, not a Python loop."""
        starts: list[int] = []
        outs: list[int] = []
        n = len(origins)
        i = 0
        while i < n:
            o = origins[i]
            starts.append(i)
            outs.append(o)
            i = _run_end(origins, i, o - i, n)
        shift = (outs[-1] - starts[-1]) if starts else None
        if original_length - n != shift:
            starts.append(n)
            outs.append(original_length)
        return cls(starts, outs)

    @classmethod
    def identity(cls) -> OffsetMap:
        return cls([0], [0])

    def to_original(self, i: int) -> int:
        """Original index of normalised index ``i`` (``i == len(text)`` maps to the original end)."""
        if i < 0:
            raise IndexError(i)
        k = bisect_right(self.starts, i) - 1
        return self.origins[k] + (i - self.starts[k])

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` covering normalised ``[start, end)``."""
        if end <= start:
            o = self.to_original(start)
            return o, o
        return self.to_original(start), self.to_original(end - 1) + 1

    def from_original(self, o: int) -> int:
        """The first normalised index whose character comes from original index ``o`` or
        later (the inverse direction, e.g. to place a span found in the original text)."""
        k = bisect_right(self.origins, o) - 1
        if k < 0:
            return 0
        # an inserted character repeats its neighbour's origin: prefer the earliest run covering o
        while k > 0 and o < self.origins[k - 1] + (self.starts[k] - self.starts[k - 1]):
            k -= 1
        i = self.starts[k] + (o - self.origins[k])
        end = self.starts[k + 1] if k + 1 < len(self.starts) else i
        return min(i, end)

    def to_json(self) -> list[int]:
        """Flat ``[start0, origin0, start1, origin1, ...]`` (what the store keeps)."""
        out: list[int] = []
        for s, o in zip(self.starts, self.origins):
            out += (s, o)
        return out

    @classmethod
    def from_json(cls, data: list[int]) -> OffsetMap:
        if len(data) % 2 or not data:
            raise ValueError("offset map must be a non-empty flat list of (start, origin) pairs")
        return cls(list(data[0::2]), list(data[1::2]))


# ---------------------------------------------------------------- tracked rewriting


class Tracked:
    """A string plus, for each character, the original index it stands for (a compact
    int array: a 20 MB text must not become hundreds of MB of Python ints)."""

    __slots__ = ("text", "origins")

    def __init__(self, text: str, origins: array) -> None:
        self.text = text
        self.origins = origins

    def sub(self, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]) -> None:
        """``re.sub`` that keeps the origins: kept characters keep theirs, new ones borrow a neighbour's."""
        parts: list[str] = []
        origins = array("i")
        pos = 0
        text, old = self.text, self.origins
        literal = None if callable(repl) or "\\" in repl else repl
        for m in pattern.finditer(text):
            s, e = m.span()
            if literal is not None:
                new = literal
            else:
                new = repl(m) if callable(repl) else m.expand(repl)
            if new == m.group(0):
                continue
            parts.append(text[pos:s])
            origins.extend(old[pos:s])
            parts.append(new)
            origins.extend(_align(new, text, old, s, e))
            pos = e
        if not parts:
            return
        parts.append(text[pos:])
        origins.extend(old[pos:])
        self.text = "".join(parts)
        self.origins = origins

    def translate(self, table: dict[int, str]) -> None:
        """One-to-one character replacement: origins are unchanged."""
        finder = _FINDERS.get(id(table))
        if finder is None:
            finder = _FINDERS[id(table)] = re.compile("[" + "".join(re.escape(chr(c)) for c in table) + "]")
        if finder.search(self.text):  # most texts need none of it: skip the copy
            self.text = self.text.translate(table)


_FINDERS: dict[int, re.Pattern[str]] = {}


def _align(new: str, text: str, old: array, s: int, e: int) -> Sequence[int]:
    """Origins for a replacement: characters found in order in the match keep their
    origin; inserted ones take the origin of the next unconsumed matched character."""
    if len(new) == e - s:
        return old[s:e]
    if not new:
        return []
    out: list[int] = []
    j = s
    for ch in new:
        k = text.find(ch, j, e)
        if k >= 0:
            out.append(old[k])
            j = k + 1
        else:
            out.append(old[min(j, e - 1)] if e > s else (old[s] if s < len(old) else (old[-1] + 1 if old else 0)))
    return out
