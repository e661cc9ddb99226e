"""The two token layers every index unit gets, as plain strings both backends store as they are.

* **bigram layer** (recall): every pair of adjacent characters of the compact folded text, plus
  the last character followed by an end mark, so that every character starts exactly one token.
  A query of n ≥ 2 characters is the phrase of its n-1 bigrams, which occurs exactly where the
  string occurs — no segmentation luck, no false positives, and 2-character words (财政, 就业)
  are a single token lookup.  A 1-character query is a prefix lookup (``税*``).
* **word layer** (ranking): rjieba ``cut_for_search`` tokens with the user dictionary, marked
  with a prefix so they never collide with bigrams.  A sentence where the query is a whole
  word (就业 in 稳就业) ranks above one where it only straddles words (成就业绩).

Tokens are escaped so that SQLite FTS5's ``ascii`` tokenizer keeps each one whole: it splits on
ASCII non-alphanumerics only, so those are moved to the Private Use Area.  PostgreSQL receives
the same strings as quoted lexemes, never through a text parser.
"""

from __future__ import annotations

from collections.abc import Iterable

from zhaoshang.search.normalize import is_word_char

WORD_MARK = "\ue0fe"
"""Prefix of word-layer tokens."""
END_MARK = "\ue0ff"
"""Second character of the bigram that closes a unit."""

_ESCAPE = {c: chr(0xE000 + c) for c in range(128) if not chr(c).isalnum()}


def escape(token: str) -> str:
    """Move ASCII punctuation, symbols and controls out of the way of the FTS5 ascii tokenizer."""
    return token.translate(_ESCAPE)


def bigrams(compact_text: str) -> list[str]:
    """Overlapping character pairs of ``compact_text`` (escaped), closed by ``last + END_MARK``."""
    if not compact_text:
        return []
    text = escape(compact_text)
    return [a + b for a, b in zip(text, text[1:] + END_MARK)]


def bigram_phrase(compact_text: str) -> list[str]:
    """The bigram tokens a query string must match consecutively (no end mark: it may sit anywhere)."""
    text = escape(compact_text)
    return [a + b for a, b in zip(text, text[1:])]


def word_token(word: str) -> str:
    return WORD_MARK + escape(word)


def word_tokens(words: Iterable[str]) -> list[str]:
    """Word-layer tokens from segmenter output: gaps removed, punctuation-only pieces dropped."""
    out = []
    for w in words:
        w = "".join(w.split())
        if w and any(is_word_char(c) for c in w):
            out.append(word_token(w))
    return out
