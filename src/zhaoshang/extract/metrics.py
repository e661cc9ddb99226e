"""Where a report names one of the SCHEMA metrics, from the aliases in data/metrics.json.

The aliases are data so that a new wording (or a new metric) is a line of JSON, not
code.  A mention that is a partial scope (地方固定资产投资, 对美出口) or a different
quantity built on the metric (占地区生产总值比重, 单位GDP能耗) is dropped here by the
``exclude_before`` / ``exclude_after`` patterns, so the binder never sees it.

Aliases are found by an Aho–Corasick automaton over every text an alias can match
(:func:`_automaton_scan`, one pass in compiled code); the trie of literal prefixes and
each alias's own regex (:func:`_regex_scan`) choose the same mentions and stay the
fallback for what the automaton cannot take.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

import ahocorasick_rs

__all__ = ["Mention", "MetricSpec", "Catalogue", "catalogue", "find_mentions"]


@dataclass(frozen=True, slots=True)
class MetricSpec:
    name: str
    units: tuple[str, ...]
    rate: bool = False
    always_growth: bool = False


class Mention(NamedTuple):
    """An alias occurrence: one metric, or several (城乡居民… → urban and rural).  A named
    tuple: a report has hundreds and a frozen dataclass is slow to build."""

    start: int
    end: int
    metric: str | None
    many: tuple[str, ...] = ()


@dataclass(slots=True)
class Catalogue:
    specs: dict[str, MetricSpec]
    aliases: list[tuple[str, str, re.Pattern[str]]]
    """(literal prefix, alias key, regex) for every alias, longest first."""
    group_metric: dict[str, str | None]
    group_many: dict[str, tuple[str, ...]]
    exclude_before: dict[str | None, re.Pattern[str]] = field(default_factory=dict)
    exclude_after: dict[str | None, re.Pattern[str]] = field(default_factory=dict)
    pronouns: re.Pattern[str] | None = None
    by_prefix: dict[str, list[tuple[str, re.Pattern[str]]]] = field(default_factory=dict)
    """(alias key, regex) of the aliases sharing each literal prefix."""
    prefix_trie: re.Pattern[str] = field(default_factory=lambda: re.compile("(?!)"))
    """Every alias's literal prefix as one trie-shaped regex: the engine skips, in C, the
    positions where no alias can start."""
    context: dict[str, re.Pattern[str]] = field(default_factory=dict)
    """Alias key → what its sentence must name before it (a bare 优良率 needs 空气…)."""
    sub_area: re.Pattern[str] = field(default_factory=lambda: re.compile("(?!)"))
    """A sub-area name right before an alias: the figure is that area's, not the region's."""
    by_word: dict[str, list[tuple[str, re.Pattern[str] | None, int]]] = field(default_factory=dict)
    """Longest prefix found at a position → (alias key, regex or None for a plain literal,
    literal length) of every alias whose prefix it starts with, longest prefix first."""
    info: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    """Alias key → what :func:`find_mentions` checks around it (see ``_alias_info``)."""


def _load() -> dict[str, Any]:
    raw = resources.files("zhaoshang.extract").joinpath("data/metrics.json").read_text(encoding="utf-8")
    return json.loads(raw)


def _literal_prefix(pattern: str) -> str:
    """The plain characters an alias pattern starts with (地区生产总值, 第一产业(?:实现)? → 第一产业);
    at least two, which is how aliases are found (see :func:`find_mentions`)."""
    m = re.match(r"[^\\\[\](){}?*+.|^$]+", pattern)
    if not m:
        raise ValueError(f"alias {pattern!r} must start with a literal character")
    prefix = m.group()
    if pattern[len(prefix) : len(prefix) + 1] in ("?", "*", "{"):
        prefix = prefix[:-1]  # the last literal is optional
    if len(prefix) < 2:
        raise ValueError(f"alias {pattern!r} must start with at least two literal characters")
    return prefix


def _trie_pattern(words: list[str]) -> str:
    """One regex matching any of ``words``, shaped as a trie so that the engine follows a
    single branch per character (an alternation of 150 words is tried word by word)."""
    trie: dict[str, dict] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        group = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{group})?" if "" in node else group

    return emit(trie)


def _literal_len(pattern: str) -> int:
    """Length of the longest text an alias can match, for longest-first ordering."""
    return len(re.sub(r"\(\?:([^()|]*)(?:\|[^()]*)?\)\??", r"\1", pattern))


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    data = _load()
    specs: dict[str, MetricSpec] = {}
    alternatives: list[tuple[int, str, str]] = []  # (length, group name, pattern)
    group_metric: dict[str, str | None] = {}
    group_many: dict[str, tuple[str, ...]] = {}
    exclude_before: dict[str | None, re.Pattern[str]] = {}
    exclude_after: dict[str | None, re.Pattern[str]] = {}
    context: dict[str, re.Pattern[str]] = {}
    glob_before = data.get("global_exclude_before", "(?!)")
    glob_after = data.get("global_exclude_after", "(?!)")
    for name, d in data["metrics"].items():
        specs[name] = MetricSpec(name, tuple(d.get("units", ())), bool(d.get("rate")), bool(d.get("always_growth")))
        for i, alias in enumerate(d["aliases"]):
            g = f"{name}__{i}"
            group_metric[g] = name
            alternatives.append((_literal_len(alias), g, alias))
        ctx = d.get("context_aliases")
        if ctx:
            for i, alias in enumerate(ctx["aliases"]):
                g = f"{name}__c{i}"
                group_metric[g] = name
                context[g] = re.compile(ctx["before"])
                alternatives.append((_literal_len(alias), g, alias))
        before = [f"(?:{p})$" for p in d.get("exclude_before", ())] + [glob_before]
        after = [f"^(?:{p})" for p in d.get("exclude_after", ())] + [glob_after]
        exclude_before[name] = re.compile("|".join(before))
        exclude_after[name] = re.compile("|".join(after))
    for i, (alias, d) in enumerate(data.get("multi", {}).items()):
        g = f"multi__{i}"
        group_metric[g] = d.get("one")
        group_many[g] = tuple(d["many"])
        alternatives.append((_literal_len(alias), g, alias))
    exclude_before[None] = re.compile(glob_before)
    exclude_after[None] = re.compile(glob_after)
    alternatives.sort(key=lambda t: -t[0])
    # For the regex scan (the automaton's fallback): Python's re tries every alternative
    # of an alternation in turn, slow for ~150 aliases; instead one trie-shaped regex of
    # the aliases' literal prefixes finds where an alias may start, and each alias with
    # that prefix is confirmed with its own regex there.
    compiled = [(_literal_prefix(p), g, re.compile(p)) for _, g, p in alternatives]
    pron = data.get("pronouns")
    by_prefix: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for prefix, key, rx in compiled:
        by_prefix.setdefault(prefix, []).append((key, rx))
    trie = re.compile(_trie_pattern(list(by_prefix)))
    return Catalogue(specs, compiled, group_metric, group_many, exclude_before, exclude_after,
                     re.compile(f"(?:{pron})") if pron else None, by_prefix, trie, context,
                     re.compile(data.get("sub_area_before", "(?!)")))


_AliasInfo = tuple[str | None, tuple[str, ...], Callable[[str], Any], Callable[[str], Any], re.Pattern[str] | None]


def _alias_info(cat: Catalogue) -> dict[str, _AliasInfo]:
    """Alias key → (metric, metrics of a compound subject, the excluding-context tests
    before and after it, the context its sentence must name): resolved once."""
    if not cat.info:
        for g, metric in cat.group_metric.items():
            many = cat.group_many.get(g, ())
            key = metric if metric in cat.exclude_before and not many else None
            cat.info[g] = (metric, many, cat.exclude_before[key].search, cat.exclude_after[key].search, cat.context.get(g))
    return cat.info


def _aliases_of(cat: Catalogue, word: str) -> list[tuple[str, re.Pattern[str] | None, int]]:
    """Every alias that may match where ``word`` (a longest literal prefix) was found: those of
    each prefix of ``word``, longest first.  A plain-literal alias equal to its prefix needs no
    regex (the prefix was found: it matches), which the entry marks with None."""
    found = cat.by_word.get(word)
    if found is None:
        found = []
        for k in range(len(word), 1, -1):
            for key, rx in cat.by_prefix.get(word[:k], ()):
                literal = rx.pattern == word[:k]
                found.append((key, None if literal else rx, k))
        cat.by_word[word] = found
    return found


def _regex_scan(text: str, lo: int, hi: int) -> list[tuple[str, int, int]]:
    """(alias key, start, end) of the aliases chosen in ``text[lo:hi]``, by the trie of
    literal prefixes and each alias's own regex: leftmost-longest and non-overlapping.

    The next alias may start right after the one chosen last (a start inside it is never
    tried), or one character after a start where no alias matched; at one start the
    longest alias wins (the first listed among equally long ones).  The trie finds the
    longest literal prefix there.  The reference for :func:`_automaton_scan`, and the
    scanner whenever the automaton cannot be used."""
    cat = catalogue()
    by_word, search = cat.by_word, cat.prefix_trie.search
    out: list[tuple[str, int, int]] = []
    hit = search(text, lo, hi)
    while hit is not None:
        m_start = hit.start()
        word = hit.group()
        m_end, g = m_start, ""
        for key, rx, n in by_word.get(word) or _aliases_of(cat, word):
            if rx is None:
                end = m_start + n
            elif m := rx.match(text, m_start, hi):
                end = m.end()
            else:
                continue
            if end > m_end:
                m_end, g = end, key
        hit = search(text, m_end if g else m_start + 1, hi)
        if g:
            out.append((g, m_start, m_end))
    return out


def _expand(pattern: str) -> list[str] | None:
    """Every text an alias pattern matches, when it is written in the plain alias grammar
    (literal characters, ``\\x`` escapes, ``[abc]`` classes, ``(?:a|b)`` groups, ``?``);
    None for anything else (a repeat, a look-around), which only a regex can search."""
    pos = 0

    def seq() -> list[str]:
        nonlocal pos
        out = [""]
        while pos < len(pattern) and pattern[pos] not in "|)":
            ch = pattern[pos]
            if ch == "\\" and pos + 1 < len(pattern) and not pattern[pos + 1].isalnum():
                atom, pos = [pattern[pos + 1]], pos + 2
            elif ch == "[":
                close = pattern.find("]", pos)
                chars = pattern[pos + 1 : close]
                if close < 0 or not chars or any(c in "^-\\[" for c in chars):
                    raise ValueError(pattern)
                atom, pos = list(dict.fromkeys(chars)), close + 1
            elif pattern.startswith("(?:", pos):
                pos += 3
                atom = seq()
                while pos < len(pattern) and pattern[pos] == "|":
                    pos += 1
                    atom += seq()
                if pos >= len(pattern) or pattern[pos] != ")":
                    raise ValueError(pattern)
                pos += 1
            elif ch in ".*+{}()^$?\\]":
                raise ValueError(pattern)
            else:
                atom, pos = [ch], pos + 1
            if pattern.startswith("?", pos):
                atom, pos = atom + [""], pos + 1
            out = [a + b for a in out for b in atom]
            if len(out) > 10_000:
                raise ValueError(pattern)
        return out

    try:
        texts = seq()
        while pos < len(pattern) and pattern[pos] == "|":
            pos += 1
            texts += seq()
    except ValueError:
        return None
    return list(dict.fromkeys(texts)) if pos == len(pattern) else None


def _texts_taken_whole(rx: re.Pattern[str]) -> list[str] | None:
    """The texts of an alias (see :func:`_expand`) if, wherever several of them start, its
    regex takes the longest — None if not (增加(?:值|值额) stops at 增加值 before 增加值额).

    The regex takes, of the texts starting at a position, the first in its order of trying:
    that this is the longest one for every possible set of them is checked by matching
    each text alone, where the set is the text and those of its prefixes that are texts too.
    """
    texts = _expand(rx.pattern)
    if texts is None:
        return None
    for t in texts:
        m = rx.match(t)
        if m is None or m.end() != len(t):
            return None
    return texts


class _Automata(NamedTuple):
    """The alias texts as Aho–Corasick automata (compiled Rust, leftmost-longest)."""

    utf16: ahocorasick_rs.BytesAhoCorasick
    """Over UTF-16 bytes: a report is mostly Chinese, two bytes a character instead of
    UTF-8's three, and a byte offset halved is a character offset."""
    chars: ahocorasick_rs.AhoCorasick
    """Over the text itself (character offsets), for texts outside the BMP."""
    keys: list[str]
    """The alias key of each pattern number."""


@lru_cache(maxsize=1)
def _automaton() -> _Automata | None:
    """Every text of every alias in Aho–Corasick automata; None when some alias is not a
    finite set of texts the regex would choose in full.

    Leftmost-longest over the texts is what :func:`_regex_scan` does over the aliases,
    provided that each alias's regex, where several of its texts start, matches the
    longest of them (``固定资产投资(?:总额|额)?`` takes 总额 before stopping): checked here
    text by text.  A text two aliases share goes to the one the regex scan tries first
    (longer literal prefix first, then catalogue order)."""
    cat = catalogue()
    order = sorted(range(len(cat.aliases)), key=lambda i: -len(cat.aliases[i][0]))  # stable
    key_of: dict[str, str] = {}
    for i in order:
        _, key, rx = cat.aliases[i]
        texts = _texts_taken_whole(rx)
        if texts is None:
            return None
        for t in texts:
            key_of.setdefault(t, key)
    words = list(key_of)
    kind, impl = ahocorasick_rs.MatchKind.LeftmostLongest, ahocorasick_rs.Implementation.DFA  # a small table
    return _Automata(
        ahocorasick_rs.BytesAhoCorasick([w.encode("utf-16-le") for w in words], matchkind=kind, implementation=impl),
        ahocorasick_rs.AhoCorasick(words, matchkind=kind, implementation=impl),
        [key_of[w] for w in words],
    )


def _automaton_scan(text: str, lo: int, hi: int) -> list[tuple[str, int, int]] | None:
    """What :func:`_regex_scan` returns, found by an automaton in one pass in C; None when
    none can be used (see :func:`_automaton`; a text with lone surrogates, which neither
    UTF-8 nor UTF-16 can hold).

    The UTF-16 automaton may also match bytes that straddle characters (an odd offset):
    such a match could hide a real one, so the text is then scanned by characters.  With
    no odd match, every step found the leftmost, longest match at a character, as the
    character scan does."""
    built = _automaton()
    if built is None:
        return None
    part = text if lo == 0 and hi == len(text) else text[lo:hi]
    try:
        data = part.encode("utf-16-le")
    except UnicodeEncodeError:
        return None
    keys = built.keys
    if len(data) == 2 * len(part):  # no surrogate pairs: two bytes a character
        found = built.utf16.find_matches_as_indexes(data)
        if not any(s & 1 for _, s, _ in found):
            return [(keys[i], (s >> 1) + lo, (e >> 1) + lo) for i, s, e in found]
    found = built.chars.find_matches_as_indexes(part)
    return [(keys[i], s + lo, e + lo) for i, s, e in found]


_SCOPE_VERB = re.compile(r"(?:实现|完成|的)$")


def find_mentions(
    text: str, lo: int = 0, hi: int | None = None, own: tuple[str, ...] = (), inside: tuple[str, ...] = ()
) -> list[Mention]:
    """Metric mentions in ``text[lo:hi]`` (offsets into ``text``), partial scopes removed.

    A mention right after a sub-area name (…新区 / …园区 / …镇) is that area's figure and
    dropped, unless the name before it ends with one of ``own`` (the report region's own
    names: a 新区's report states its own figures as 某某新区地区生产总值); so is one right
    after the name of a division ``inside`` the report region (其中某某市地区生产总值…).
    """
    cat = catalogue()
    hi = len(text) if hi is None else hi
    out: list[Mention] = []
    # Leftmost-longest, non-overlapping aliases (see _regex_scan); a dropped one still
    # takes its characters.
    chosen = _automaton_scan(text, lo, hi)
    if chosen is None:
        chosen = _regex_scan(text, lo, hi)
    info = _alias_info(cat)
    for g, m_start, m_end in chosen:
        metric, many, excluded_before, excluded_after, context = info[g]
        before = text[max(lo, m_start - 24) : m_start]
        cut = max(map(before.rfind, ",，;；。！？!?"))  # the context is the mention's own clause
        before = before[cut + 1 :]
        if excluded_before(before) or excluded_after(text[m_end : min(hi, m_end + 8)]):
            continue
        if (area := cat.sub_area.search(before)) and not any(before[: area.end(1)].endswith(o) for o in own if o):
            continue
        if inside and _SCOPE_VERB.sub("", before).endswith(inside):
            continue
        if context is not None:
            stop = max(text.rfind(c, max(lo, m_start - 80), m_start) for c in "。;；!?！？\n")
            if not context.search(text, max(lo, stop + 1, m_start - 80), m_start):
                continue
        if out and out[-1].end == m_start - 1 and text[m_start - 1] in "(（" and text[m_end : m_end + 1] in (")", "）"):
            # 地方生产总值(GDP): the bracketed alias restates the mention before it.
            prev = out.pop()
            out.append(Mention(prev.start, m_end + 1, prev.metric, prev.many))
            continue
        out.append(Mention._make((m_start, m_end, metric, many)))
    return out
