"""Industries a report talks about, tagged against a taxonomy shipped as data.

The taxonomy (``data/industries.json``) holds the GB/T 4754-2017 sections (A–T) and
divisions (01–97), the nine strategic emerging industries (SEI-1..9) and the terms reports
actually write (新材料, 石材, 食用菌, 文旅, 数字经济 …, codes ``T###``), each linked to a
division, section or strategic category through ``parent``/``related``.

Matching takes, in a single pass over the text, the leftmost term and the longest one there
(新能源汽车 before 新能源), then goes on after it.  Texts are scanned by an Aho–Corasick
automaton (``ahocorasick-rs``, compiled Rust), which costs about a third of the best Python regex;
``taxonomy().pattern`` is the same matcher as a regex, kept for texts the automaton cannot take
(lone surrogates) and as the reference the tests compare the automaton with.  For that regex a
plain prefix trie (``tries.trie_regex``) would do, but its first level is an alternation of ~230
first characters that Python's engine tries one by one at every candidate character;
``dispatch_regex`` builds the same matcher so that each step is a constant-time
character-class test (see its docstring), about three times cheaper.

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
import functools
import itertools
import json
import operator
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any

import ahocorasick_rs

from zhaoshang.extract.names import split_sentences
from zhaoshang.extract.tries import dispatch_regex
from zhaoshang.model import Document, IndustryMention, Sentence

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
SUFFIX_WORDS: tuple[str, ...] = ("产业", "产业园", "产业链", "集群", "基地", "园区")
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
    # No look-behind before the first character: it would defeat the engine's scan for
    # first characters; ASCII terms inside longer Latin words are dropped by ``_scan`` instead.
    pattern = re.compile(dispatch_regex(surface))
    return Taxonomy(entries, surface, pattern)


@functools.cache
def _matcher() -> tuple[ahocorasick_rs.AhoCorasick, dict[str, tuple[str, bool, str, int]]]:
    """The taxonomy's surface forms as an Aho–Corasick automaton, and what each stands for.

    The automaton (compiled Rust, a DFA over UTF-8 bytes) finds the leftmost-longest,
    non-overlapping matches — exactly the hits of ``taxonomy().pattern`` — at about a third
    of the regex's cost.  Each form maps to (code, has an ASCII end, the code's name, length);
    blocked phrases map to code "" so they are consumed but never reported.
    """
    tax = taxonomy()
    words = list(tax.surface)
    automaton = ahocorasick_rs.AhoCorasick(
        words,
        matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
        implementation=ahocorasick_rs.Implementation.DFA,  # ~600 forms: a small table, the fastest walk
        store_patterns=True,  # matches come back as these very str objects (hashes cached)
    )
    info = {
        w: (code, bool(code) and (w[0].isascii() or w[-1].isascii()), tax.entries[code].name if code else "", len(w))
        for w, code in tax.surface.items()
    }
    return automaton, info


def _terms(text: str) -> list[str]:
    """The taxonomy forms found in ``text``, leftmost-longest, in text order.

    The automaton returns the forms without offsets (its character offsets cost a second
    walk over the text); :func:`_locate` places them.  A text the automaton cannot take
    (lone surrogates do not encode as UTF-8) is scanned by the taxonomy regex instead,
    which finds the same forms.
    """
    try:
        return _matcher()[0].find_matches_as_strings(text)
    except UnicodeEncodeError:
        return taxonomy().pattern.findall(text)


def _locate(text: str, terms: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, term) of each of :func:`_terms`' forms.

    The matches do not overlap and each is the leftmost one from where the previous ended,
    so a form is at its first occurrence after the previous match: an earlier occurrence
    would itself have been the leftmost match.  ``extract_industries`` inlines this walk.
    """
    out = []
    find, pos = text.find, 0
    for term in terms:
        s = find(term, pos)
        pos = s + len(term)
        out.append((s, pos, term))
    return out


def _glued_to_latin(text: str, s: int, e: int) -> bool:
    """True when the term text[s:e] begins or ends with an ASCII character that runs on
    into Latin letters (AI in MAIL, 5G in 5GB): then it is part of another word."""
    if text[s].isascii() and s and text[s - 1].isascii() and text[s - 1].isalpha():
        return True
    return text[e - 1].isascii() and e < len(text) and text[e].isascii() and text[e].isalpha()


def _scan(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, term, code) of every taxonomy term in ``text``, in text order.

    Blocked phrases are consumed by the matcher but not reported (code "");
    ASCII terms glued to Latin letters are skipped.
    """
    info = _matcher()[1]
    out = []
    for s, e, term in _locate(text, _terms(text)):
        code, ascii_end, _, _ = info[term]
        if code and not (ascii_end and _glued_to_latin(text, s, e)):
            out.append((s, e, term, code))
    return out


def tag_industries(text: str) -> list[str]:
    """Codes of the industries named in ``text``, in order of first appearance, no repeats.

    Used to give projects, parks and enterprises industry tags from their own names.
    """
    info = _matcher()[1]
    codes: dict[str, None] = {}
    for term in _terms(text):  # no offsets: tags need no places
        code, ascii_end, _, _ = info[term]
        if not code:
            continue
        if ascii_end:  # an ASCII term: whether it stands alone depends on its place
            return list(dict.fromkeys([h[3] for h in _scan(text)]))
        codes[code] = None
    return list(codes)


def _heading_spans(doc: Document) -> list[tuple[int, int]]:
    spans = []
    for s in doc.sections:
        if s.title:
            i = doc.text.find(s.title, s.start, s.end)
            if i >= 0:
                spans.append((i, i + len(s.title)))
    return spans


def _section_kinds(doc: Document) -> tuple[list[Sentence], Callable[[int], str]]:
    """The document's sentences (a plain split when it has none) and a function giving
    the section kind of sentence ``i``: its own kind, else the section it starts in.

    Same rule as :func:`zhaoshang.extract.names.sentence_chunks`, computed only for the
    sentences that hold a hit instead of for every sentence.
    """
    sentences = doc.sentences or split_sentences(doc.text)
    sections = sorted(doc.sections, key=lambda s: s.start)
    starts = [s.start for s in sections]

    def kind_of(i: int) -> str:
        sent = sentences[i]
        kind = sent.section_kind
        if (not kind or kind == "other") and sections:
            j = bisect.bisect_right(starts, sent.start) - 1
            kind = sections[j].kind if j >= 0 and sections[j].start <= sent.start < sections[j].end else "other"
        return kind or "other"

    return sentences, kind_of


def extract_industries(doc: Document) -> list[IndustryMention]:
    """Every industry mention with its code, section kind and weight (see module docstring).

    The automaton scans the whole text once; the hits come in text order, so one forward
    walk places each in its sentence and under its heading (a binary search only when a hit
    passes the next sentence or heading start), and a sentence's weight (section kind,
    priority wording) is worked out once, for the sentences that hold a hit only.
    """
    text = doc.text
    info = _matcher()[1]
    sentences, kind_of = _section_kinds(doc)
    starts = list(map(_START, sentences))
    headings = sorted(_heading_spans(doc))
    heading_starts = [hs for hs, _ in headings]
    heading_reach = list(itertools.accumulate((he for _, he in headings), max))  # furthest end so far
    rounded: dict[float, float] = {}
    out: list[IndustryMention] = []
    append, bisect_right, find, startswith = out.append, bisect.bisect_right, text.find, text.startswith
    priority, weights, suffixes = PRIORITY_CONTEXT.search, SECTION_WEIGHTS, SUFFIX_WORDS
    other = weights["other"]
    suffix_heads, n_text = _SUFFIX_HEADS, len(text)
    n_sentences, n_headings = len(starts), len(heading_starts)
    # the sentence the walk is in: sentences[i - 1] when i > 0, ending at ``sentence_end``;
    # its kind and weight once a hit needs them (None before); the next sentence's start
    i, sentence_end, base, next_start = 0, -1, None, starts[0] if starts else _NEVER
    h, reach, next_heading = 0, -1, heading_starts[0] if headings else _NEVER  # likewise for headings
    kind = "other"
    pos = 0
    for term in _terms(text):
        s = find(term, pos)  # see _locate: the first occurrence from the previous match's end
        code, ascii_end, name, length = info[term]
        pos = e = s + length
        if not code:  # a blocked phrase
            continue
        if ascii_end and _glued_to_latin(text, s, e):
            continue
        if s >= next_start:
            i = bisect_right(starts, s, i)
            next_start = starts[i] if i < n_sentences else _NEVER
            sentence = sentences[i - 1]
            sentence_end, base = sentence.end, None
        if s < sentence_end:
            if base is None:
                kind = sentence.section_kind
                if not kind or kind == "other":  # the sentence may take its section's kind
                    kind = kind_of(i - 1)
                base = weights.get(kind, 1.0)
                if priority(text, sentence.start, sentence_end):
                    base *= PRIORITY_WEIGHT
            mention_kind, weight = kind, base
        else:  # between sentences
            mention_kind, weight = "other", other
        # the first character rules out most hits before the dearer startswith
        if e < n_text and text[e] in suffix_heads and startswith(suffixes, e):
            weight *= SUFFIX_WEIGHT
        if s >= next_heading:
            h = bisect_right(heading_starts, s, h)
            next_heading = heading_starts[h] if h < n_headings else _NEVER
            reach = heading_reach[h - 1]
        if s < reach:
            weight *= HEADING_WEIGHT
        w = rounded.get(weight)
        if w is None:
            w = rounded[weight] = round(weight, 3)
        mention = IndustryMention(
            code=code, name=name, section_kind=mention_kind, weight=w, quote=term, start=s, end=e
        )
        append(mention)
    return out


_START = operator.attrgetter("start")
_NEVER = sys.maxsize
"""A position past any text: the walk's "no next sentence / heading"."""
_SUFFIX_HEADS = frozenset(w[0] for w in SUFFIX_WORDS)

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
