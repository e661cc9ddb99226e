"""Regexes for word lists, shaped as prefix tries so that Python's engine scans a text once.

A plain alternation of hundreds of words is tried word by word at every position; a trie-shaped
pattern walks one character at a time, like Aho–Corasick, and takes the longest word at the
leftmost position.  Three shapes of the same matcher, for three uses:

* ``trie_regex``: the plain trie (新(?:能源(?:汽车)?|材料)), good inside bigger patterns;
* ``dispatch_regex``: the same matches, with each step a constant-time character-class test
  (for scanning whole texts with a large vocabulary);
* ``scan_trie_regex``: the same matches for words of two or more characters, the first two
  characters checked by classes before any alternative runs.

Where a vocabulary is scanned over a whole text and nothing else is in the pattern, the
extractors use an Aho–Corasick automaton (``ahocorasick-rs``) instead; these regexes stay
its reference and fallback.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

__all__ = ["trie_regex", "dispatch_regex", "scan_trie_regex", "keyed_finditer", "literal_keys"]


def _trie(words: Iterable[str]) -> dict[str, Any]:
    """Nested dicts, one level per character; the key "" marks the end of a word."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True
    return trie


def _node_regex(node: dict[str, Any]) -> str:
    """The words below ``node`` as a regex, longest alternative first at every node."""
    branches = [re.escape(ch) + _node_regex(child) for ch, child in sorted(node.items()) if ch]
    # longer continuations first so the longest word wins; "" (end of word) last
    branches.sort(key=len, reverse=True)
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def trie_regex(words: Iterable[str]) -> str:
    """One regex for many words, factored as a prefix trie (新能源|新能源汽车|新材料 →
    新(?:能源(?:汽车)?|材料)), longest alternative first at every node.

    The regex engine then walks the trie instead of trying hundreds of alternatives at
    each position: one pass over the text, like Aho–Corasick, with leftmost-longest hits.
    """
    return _node_regex(_trie(words))


def _alternation(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def _char_class(chars: Iterable[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


def dispatch_regex(words: Iterable[str], *, groups: int | None = None) -> str:
    """The same matcher as :func:`trie_regex` (leftmost-longest, identical matches), laid
    out for the speed of Python's regex engine on a large vocabulary.

    The engine tests the alternatives of ``a|b|c…`` one after another, so a trie whose first
    level has 230 characters costs 230 tests at every text character that starts some word,
    and most such characters (建, 全, 新 …) start none here.  Character classes are tested in
    constant time, so this layout branches on classes and checks exact characters only
    where few candidates are left:

    1. ``[first chars]`` — the engine's own class scan finds candidate positions;
    2. ``(?=[second chars])`` — most candidates stop here;
    3. the second characters are split into ``groups`` classes (√ of their number by
       default); only the candidate's group is entered, and a look-behind class on the
       first character drops pairs that cannot start a word;
    4. inside the group, branch on the third character (single-character tests), then
       confirm the first three characters with a look-behind and continue along the trie;
       words of exactly two characters are confirmed by one look-behind alternation.
    Single-character words are tried last, so the longest word still wins.
    """
    trie = _trie(words)
    if not trie or "" in trie:  # no words, or the empty word: nothing to dispatch on
        return _node_regex(trie) if trie else "(?!)"
    pairs: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for a, node in sorted(trie.items()):
        for b, child in sorted(node.items()):
            if b:
                pairs.setdefault(b, []).append((a, child))
    singles = [a for a, node in trie.items() if "" in node]
    tail = [f"(?<={_char_class(singles)})"] if singles else []
    if not pairs:
        return _char_class(trie) + _alternation(tail)

    def weight(b: str) -> int:  # alternatives a second character brings into its group
        return sum(len(child) for _, child in pairs[b])

    n = groups or max(1, round(len(pairs) ** 0.5))
    bins: list[list[str]] = [[] for _ in range(min(n, len(pairs)))]
    loads = [0] * len(bins)
    for b in sorted(pairs, key=lambda b: (-weight(b), b)):
        i = loads.index(min(loads))
        bins[i].append(b)
        loads[i] += weight(b)

    group_alts = []
    for seconds in bins:
        thirds: dict[str, list[str]] = {}
        two_char: list[str] = []
        firsts: set[str] = set()
        for b in sorted(seconds):
            for a, child in pairs[b]:
                firsts.add(a)
                if "" in child:
                    two_char.append(re.escape(a + b))
                for c, rest in sorted(child.items()):
                    if c:
                        thirds.setdefault(c, []).append(f"(?<={re.escape(a + b + c)}){_node_regex(rest)}")
        inner = [re.escape(c) + _alternation(alts) for c, alts in sorted(thirds.items())]
        if two_char:
            inner.append("(?<=" + "|".join(two_char) + ")")
        group_alts.append(f"{_char_class(seconds)}(?<={_char_class(firsts)}(?s:.)){_alternation(inner)}")
    longer = f"(?={_char_class(pairs)})" + _alternation(group_alts)
    if tail:
        longer = "(?:" + "|".join([longer, *tail]) + ")"
    return _char_class(trie) + longer


def scan_trie_regex(words: Iterable[str]) -> str:
    """One regex for many words of two or more characters, shaped for scanning a whole text.

    It matches the same strings, preferring them in the same order (longest first), as a
    prefix trie of the words (``trie_regex``), so it can replace one anywhere.  A
    trie opens with one alternative per first character, and the engine tries all of
    them at every position holding such a character — most of them only to fail on the
    second.  Here the first character is one class (the engine's fast skip still applies),
    a lookahead drops at once the positions whose second character starts no word, and
    only then one alternative per second character runs, the first character checked by
    a lookbehind: 新(?:能源|材料)|能源 → [新能](?=[能材源])(?:能(?<=新能)源|材(?<=新材)料|源(?<=能源)).
    """
    words = list(words)
    for w in words:
        if len(w) < 2:
            raise ValueError(f"scan_trie_regex needs words of two or more characters: {w!r}")
    trie = _trie(words)
    by_second: dict[str, dict[str, list[str]]] = {}
    for first, node in sorted(trie.items()):
        for second, rest in sorted(node.items()):
            by_second.setdefault(second, {}).setdefault(_node_regex(rest), []).append(first)

    def cls(chars: Iterable[str]) -> str:
        chars = sorted(chars)
        return re.escape(chars[0]) if len(chars) == 1 else "[" + "".join(map(re.escape, chars)) + "]"

    alternatives = []
    for second, rests in sorted(by_second.items()):
        e = re.escape(second)
        inner = [f"(?<={cls(firsts)}{e}){rest}" for rest, firsts in rests.items()]
        alternatives.append(e + (inner[0] if len(inner) == 1 else "(?:" + "|".join(inner) + ")"))
    return f"{cls(trie)}(?={cls(by_second)})(?:" + "|".join(alternatives) + ")"


# --- scanning a whole text fast ---------------------------------------------------------
# The regex engine finds a pattern that opens with a literal (公司, 区(?<=…)) at memchr-like
# speed, but one that opens with a choice of characters (公司|集团, a trie of suffixes) is
# tried at every position, about ten times slower over a whole report.  ``keyed_finditer``
# gets the second kind's matches at the first kind's speed.


def keyed_finditer(pattern: re.Pattern[str], keys: Sequence[re.Pattern[str]], text: str,
                   width: int, reach: int = 0) -> Iterator[re.Match[str]]:
    """Exactly the matches of ``pattern.finditer(text)``, found from the hits of ``keys``.

    Preconditions (the caller's pattern must meet them): every match of ``pattern`` is
    1 to ``width`` characters long and contains a hit of one of ``keys`` (patterns that open
    with a literal, so the engine skips to them in C), and its lookarounds read at most
    ``reach`` characters past the match.  Then, for the first key hit ``q`` at or after
    the cursor, no match can start before ``q - width + 1``, and one starting at or before
    ``q`` is found whole by a search bounded to ``q + width + reach``; a match found
    after ``q`` is left to the next key hit (a match always holds one).
    """
    if len(keys) == 1:
        starts = [h.start() for h in keys[0].finditer(text)]
    else:
        starts = sorted(h.start() for k in keys for h in k.finditer(text))
    search = pattern.search
    cursor = 0
    for q in starts:
        if q < cursor:
            continue
        m = search(text, max(cursor, q - width + 1), q + width + reach)
        if m is not None and m.start() <= q:
            yield m
            cursor = m.end()


def literal_keys(words: Sequence[str]) -> list[re.Pattern[str]]:
    """Keys for :func:`keyed_finditer` over a set of words of two or more characters: one
    pattern per first character (获(?=[批评])) or per last character (区(?<=[开新…]区)),
    whichever needs fewer — each opens with a literal and matches inside every word."""
    if any(len(w) < 2 for w in words):
        raise ValueError("literal_keys needs words of two or more characters")
    by_first: dict[str, set[str]] = {}
    by_last: dict[str, set[str]] = {}
    for w in words:
        by_first.setdefault(w[0], set()).add(w[1])
        by_last.setdefault(w[-1], set()).add(w[-2])
    if len(by_first) <= len(by_last):
        return [re.compile(f"{re.escape(c)}(?=[{re.escape(''.join(sorted(nxt)))}])") for c, nxt in sorted(by_first.items())]
    return [re.compile(f"{re.escape(c)}(?<=[{re.escape(''.join(sorted(prev)))}]{re.escape(c)})") for c, prev in sorted(by_last.items())]
