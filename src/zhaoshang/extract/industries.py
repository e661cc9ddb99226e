"""Industries a report talks about, tagged against a taxonomy shipped as data.

The taxonomy (``data/industries.json``) holds the GB/T 4754-2017 sections (A–T) and
divisions (01–97), the nine strategic emerging industries (SEI-1..9) and the terms reports
actually write (新材料, 石材, 食用菌, 文旅, 数字经济 …, codes ``T###``), each linked to a
division, section or strategic category through ``parent``/``related``.

Matching is one compiled regex of every name and alias, factored as a prefix trie
(``trie_regex``), so the engine takes the longest term at each position (新能源汽车 before
新能源) in a single pass over the text instead of 500 ``in`` tests per sentence.

Weights say how much a mention tells about what the region *prioritises*:

* section: this year's tasks 3.0, the five-year plan 2.5, reviews 1.0, preamble/closing 0.5,
  appendix 0.3, government self-improvement 0.2, unknown 1.0;
* context: ×2 when the sentence speaks of priorities (主导产业, 重点产业, 首位产业, 支柱产业,
  特色产业, 优势产业, 产业链, 产业集群, 战略性新兴产业, 大力发展, 培育壮大, 做大做强, 打造 …);
  ×1.5 when the term itself is followed by 产业/产业园/产业链/集群/基地; ×2 when the mention
  sits inside a section heading.
"""

from __future__ import annotations

import bisect
import itertools
import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from collections.abc import Iterable, Iterator
from typing import Any

from zhaoshang.extract.names import iter_sentences
from zhaoshang.model import Document, IndustryMention

SECTION_WEIGHTS: dict[str, float] = {
    "tasks": 3.0,
    "plan": 2.5,
    "review": 1.0,
    "review_plan": 1.0,
    "preamble": 0.5,
    "closing": 0.5,
    "appendix": 0.3,
    "self_improvement": 0.2,
    "other": 1.0,
}
PRIORITY_CONTEXT = re.compile(
    r"主导产业|重点产业|首位产业|支柱产业|特色产业|优势产业|产业链|产业集群|战略性新兴产业|新兴产业|"
    r"重点发展|大力发展|加快发展|培育壮大|做大做强|做强做优|做精|做强|做优|做大|打造|主攻|聚焦"
)
_SUFFIX_BOOST = re.compile(r"产业|产业园|产业链|集群|基地|园区")
PRIORITY_WEIGHT = 2.0
SUFFIX_WEIGHT = 1.5
HEADING_WEIGHT = 2.0


@dataclass(frozen=True, slots=True)
class Entry:
    code: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    parent: str | None
    related: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Taxonomy:
    entries: dict[str, Entry]
    surface: dict[str, str]
    """Every matchable name/alias → the code it stands for ("" for blocked phrases)."""
    pattern: re.Pattern[str]

    def ancestors(self, code: str) -> list[str]:
        """Codes from ``code`` up through its parents (T012 → 32 → C)."""
        out: list[str] = []
        while code and code in self.entries and code not in out:
            out.append(code)
            code = self.entries[code].parent or ""
        return out


def trie_regex(words: Iterable[str]) -> str:
    """One regex for many words, factored as a prefix trie (新能源|新能源汽车|新材料 →
    新(?:能源(?:汽车)?|材料)), longest alternative first at every node.

    The regex engine then walks the trie instead of trying hundreds of alternatives at
    each position: one pass over the text, like Aho–Corasick, with leftmost-longest hits.
    """
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        # longer continuations first so the longest word wins; "" (end of word) last
        branches.sort(key=len, reverse=True)
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def _load_raw() -> dict[str, Any]:
    data = resources.files("zhaoshang.extract.data").joinpath("industries.json").read_text(encoding="utf-8")
    return json.loads(data)


@functools.cache
def taxonomy() -> Taxonomy:
    """The taxonomy, loaded and compiled once per process."""
    entries: dict[str, Entry] = {}
    surface: dict[str, str] = {}
    raw = _load_raw()
    for e in raw["entries"]:
        entry = Entry(e["code"], e["name"], e["kind"], tuple(e["aliases"]), e["parent"], tuple(e["related"]))
        entries[entry.code] = entry
        names = list(entry.aliases)
        if e.get("match_name", True) and entry.kind != "section":
            names.insert(0, entry.name)
        for n in names:
            surface.setdefault(n, entry.code)
    for phrase in raw.get("blocked", []):
        surface[phrase] = ""  # consumed by the matcher, never reported
    # No lookbehind: it would defeat the regex engine's literal-prefix scan (7× slower);
    # ASCII terms inside longer Latin words are dropped by ``_matches`` instead.
    pattern = re.compile(trie_regex(surface))
    return Taxonomy(entries, surface, pattern)


def _matches(text: str) -> Iterator[tuple[re.Match[str], str]]:
    """(match, code) for every taxonomy term in ``text``; blocked phrases and ASCII terms
    inside longer Latin words (AI in MAIL) are skipped."""
    tax = taxonomy()
    for m in tax.pattern.finditer(text):
        code = tax.surface[m.group()]
        if not code:
            continue
        if m.group()[0].isascii() and m.start() > 0 and text[m.start() - 1].isascii() and text[m.start() - 1].isalpha():
            continue
        if m.group()[-1].isascii() and m.end() < len(text) and text[m.end()].isascii() and text[m.end()].isalpha():
            continue
        yield m, code


def tag_industries(text: str) -> list[str]:
    """Codes of the industries named in ``text``, in order of first appearance, no repeats.

    Used to give projects, parks and enterprises industry tags from their own names.
    """
    seen: dict[str, None] = {}
    for _, code in _matches(text):
        seen.setdefault(code, None)
    return list(seen)


def _heading_spans(doc: Document) -> list[tuple[int, int]]:
    spans = []
    for s in doc.sections:
        if s.title:
            i = doc.text.find(s.title, s.start, s.end)
            if i >= 0:
                spans.append((i, i + len(s.title)))
    return spans


def extract_industries(doc: Document) -> list[IndustryMention]:
    """Every industry mention with its code, section kind and weight (see module docstring).

    The taxonomy regex runs once over the whole text; each hit is then placed in its
    sentence (binary search) for the section and context weights.
    """
    tax = taxonomy()
    text = doc.text
    chunks = list(iter_sentences(doc))
    starts = [c.start for c in chunks]
    base_of: dict[int, float] = {}
    headings = sorted(_heading_spans(doc))
    heading_starts = [hs for hs, _ in headings]
    heading_reach = list(itertools.accumulate((he for _, he in headings), max))  # furthest end so far
    out: list[IndustryMention] = []
    for m, code in _matches(text):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i < 0 or m.start() >= chunks[i].end:
            kind, base = "other", SECTION_WEIGHTS["other"]
        else:
            kind = chunks[i].section_kind
            if i not in base_of:
                w = SECTION_WEIGHTS.get(kind, 1.0)
                base_of[i] = w * PRIORITY_WEIGHT if PRIORITY_CONTEXT.search(chunks[i].text) else w
            base = base_of[i]
        weight = base
        if _SUFFIX_BOOST.match(text, m.end()):
            weight *= SUFFIX_WEIGHT
        h = bisect.bisect_right(heading_starts, m.start()) - 1
        if h >= 0 and m.start() < heading_reach[h]:
            weight *= HEADING_WEIGHT
        out.append(
            IndustryMention(
                code=code, name=tax.entries[code].name, section_kind=kind,
                weight=round(weight, 3), quote=m.group(), start=m.start(), end=m.end(),
            )
        )
    return out


def roll_up(code: str) -> str:
    """The nearest standard category above a report term (文旅 → R, 光伏 → SEI-6, 石材 → 30);
    standard codes map to themselves."""
    tax = taxonomy()
    for c in tax.ancestors(code):
        if tax.entries[c].kind != "term":
            return c
    return code


def industry_profile(
    mentions: list[IndustryMention], *, rolled_up: bool = False
) -> list[tuple[str, str, float, list[IndustryMention]]]:
    """Rank a report's industries: (code, name, summed weight, evidence mentions by weight), best first.

    ``rolled_up`` folds report terms into their standard category (旅游 and 文旅 both count
    for R 文化、体育和娱乐业), for comparing regions on one scale.
    """
    tax = taxonomy()
    groups: dict[str, list[IndustryMention]] = {}
    for m in mentions:
        groups.setdefault(roll_up(m.code) if rolled_up else m.code, []).append(m)
    ranked = [
        (code, tax.entries[code].name if code in tax.entries else ms[0].name, round(sum(m.weight for m in ms), 3),
         sorted(ms, key=lambda m: (-m.weight, m.start)))
        for code, ms in groups.items()
    ]
    ranked.sort(key=lambda r: (-r[2], r[0]))
    return ranked
