"""The user's query language, parsed into a small tree the backends compile safely.

Grammar (deliberately small, forgiving where it can be, strict where guessing would mislead):

* words separated by spaces are ANDed: ``新材料 产业园``;
* ``"a phrase"`` is matched exactly (spaces inside are ignored, no synonym expansion);
* ``OR`` (or ``|``) separates alternatives: ``汉白玉 OR 大理石`` — AND binds tighter;
* ``NOT word`` / ``-word`` excludes; every alternative needs at least one term to search for;
* ``AND`` may be written but is the default.

User text never reaches the engine's own syntax: each term becomes escaped bigram tokens, so
``NEAR(``, ``col:`` or ``*`` are searched for literally.  Errors are ``QueryError`` with a
message meant for the person who typed the query.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zhaoshang.search.normalize import is_word_char
from zhaoshang.search.synonyms import expand, key

MAX_QUERY_CHARS = 256
MAX_TERMS = 16
MAX_TERM_CHARS = 64

_QUOTES = '"＂'
_OPERATORS = {"AND": "and", "OR": "or", "|": "or", "NOT": "not", "&&": "and", "||": "or"}


class QueryError(ValueError):
    """A query that cannot be searched; ``str(error)`` explains why in plain words."""


@dataclass(frozen=True, slots=True)
class Term:
    text: str
    """As typed (without quotes or leading minus)."""
    alternatives: tuple[str, ...]
    """Folded, compact strings any of which satisfies the term (synonyms included)."""
    phrase: bool = False
    negated: bool = False


@dataclass(slots=True)
class Query:
    """OR of AND-groups; each group has at least one positive term."""

    text: str
    groups: list[list[Term]]
    ignored: list[str] = field(default_factory=list)
    """Terms dropped because they hold nothing searchable (punctuation only)."""

    def positives(self) -> list[str]:
        """Every string a hit may be highlighted for, longest first."""
        seen: set[str] = set()
        for group in self.groups:
            for term in group:
                if not term.negated:
                    seen.update(term.alternatives)
        return sorted(seen, key=lambda s: (-len(s), s))


def _lex(text: str) -> list[tuple[str, str, bool]]:
    """(kind, value, minus) triples; kind is 'word', 'phrase' or 'op'."""
    out: list[tuple[str, str, bool]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        minus = False
        if ch in "-－" and i + 1 < n and not text[i + 1].isspace():
            minus = True
            i += 1
            ch = text[i]
        if ch in _QUOTES:
            close = next((j for j in range(i + 1, n) if text[j] in _QUOTES), -1)
            if close < 0:
                raise QueryError('unbalanced quote: a phrase must be closed with a second "')
            out.append(("phrase", text[i + 1 : close], minus))
            i = close + 1
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] not in _QUOTES:
            j += 1
        word = text[i:j]
        if not minus and word in _OPERATORS:
            out.append(("op", _OPERATORS[word], False))
        else:
            out.append(("word", word, minus))
        i = j
    return out


def parse(text: str) -> Query:
    """Parse a user query; raises ``QueryError`` when nothing sensible can be searched."""
    if text is None or not text.strip():
        raise QueryError("empty query: type at least one word")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long ({len(text)} characters; the limit is {MAX_QUERY_CHARS})")
    groups: list[list[Term]] = [[]]
    ignored: list[str] = []
    pending_not = False
    n_terms = 0
    for kind, value, minus in _lex(text):
        if kind == "op":
            if value == "not":
                pending_not = True
            elif value == "or":
                if pending_not:
                    raise QueryError("NOT must be followed by a word to exclude")
                if groups[-1]:
                    groups.append([])
            continue
        term = _make_term(value, phrase=kind == "phrase", negated=minus or pending_not)
        pending_not = False
        if term is None:
            ignored.append(value)
            continue
        n_terms += 1
        if n_terms > MAX_TERMS:
            raise QueryError(f"too many terms (the limit is {MAX_TERMS})")
        groups[-1].append(term)
    if pending_not:
        raise QueryError("NOT must be followed by a word to exclude")
    groups = [g for g in groups if g]
    if not groups:
        raise QueryError("nothing to search for: the query holds only punctuation or operators")
    for group in groups:
        if all(t.negated for t in group):
            raise QueryError("a query needs at least one word to search for; NOT and - only exclude")
    return Query(text=text, groups=groups, ignored=ignored)


def _make_term(value: str, *, phrase: bool, negated: bool) -> Term | None:
    folded = key(value)
    if not any(is_word_char(c) for c in folded):
        return None
    if len(folded) > MAX_TERM_CHARS:
        raise QueryError(f"a term is too long ({len(folded)} characters; the limit is {MAX_TERM_CHARS})")
    alternatives = (folded,) if phrase else expand(value)
    return Term(text=value, alternatives=alternatives, phrase=phrase, negated=negated)
