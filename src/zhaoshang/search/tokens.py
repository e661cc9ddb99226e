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

import re
from collections.abc import Iterable


WORD_MARK = "\ue0fe"
"""Prefix of word-layer tokens."""
END_MARK = "\ue0ff"
"""Second character of the bigram that closes a unit."""

class _EscapeTable(dict[int, str]):
    """``str.translate`` table: ASCII punctuation → Private Use Area, everything else unchanged.

    Unmapped characters are remembered as themselves, so after warm-up every lookup is a hit
    (a miss costs ``translate`` an exception per character).
    """

    def __missing__(self, key: int) -> str:
        ch = chr(key)
        value = chr(0xE000 + key) if key < 128 and not ch.isalnum() and not ch.isspace() else ch
        self[key] = value
        return value


_ESCAPE = _EscapeTable()
_SPACES = re.compile(r"\s+")


def escape(text: str) -> str:
    """Move ASCII punctuation, symbols and controls out of the way of the FTS5 ascii tokenizer.

    Whitespace is left alone: tokens never contain it, and token lists are joined with spaces.
    """
    return text.translate(_ESCAPE)


def bigrams(compact_text: str) -> list[str]:
    """Overlapping character pairs of ``compact_text`` (escaped), closed by ``last + END_MARK``."""
    if not compact_text:
        return []
    text = escape(compact_text)
    return list(map(str.__add__, text, text[1:] + END_MARK))


_BOUNDARY = re.compile(r"\n \n\S ")


def bigram_lines(units: list[str]) -> list[str]:
    """``bigrams`` of many compact units at once, one space-joined string per unit.

    Pairs are made over the units joined by newlines; at each boundary the pair ``c\n`` becomes
    ``c + END_MARK`` and the pair ``\nd`` across it is dropped — all in C-level string passes.
    """
    if not units:
        return []
    text = escape("\n".join(units)) + "\n"
    pairs = " ".join(map(str.__add__, text, text[1:] + "\n"))
    pairs = _BOUNDARY.sub(END_MARK + "\n", pairs)
    return (pairs[: -len("\n \n\n")] + END_MARK).split("\n")


def bigram_phrase(compact_text: str) -> list[str]:
    """The bigram tokens a query string must match consecutively (no end mark: it may sit anywhere)."""
    text = escape(compact_text)
    return [a + b for a, b in zip(text, text[1:])]


def word_token(word: str) -> str:
    return WORD_MARK + escape(word)


_SINGLE = re.compile(r"(?<!\S)\S(?!\S)")
_TOKEN_START = re.compile(r"(?<!\S)(?=\S)")


def word_tokens(words: Iterable[str]) -> str:
    """Word-layer tokens from segmenter output, space-joined: only words of two or more characters.

    A query word gets the whole-word bonus only when it has two or more characters, so single
    characters (and spaces) would only double the layer's size.
    """
    return word_tokens_by_line(words)[0] if words else ""


def word_tokens_by_line(words: Iterable[str]) -> list[str]:
    """Like ``word_tokens`` for a segmenter run over several units joined by newlines: one
    space-joined token string per unit.  Regex and string operations over the whole run keep
    the per-token work in C (the index build's hot path)."""
    joined = _SINGLE.sub("", " ".join(words))
    marked = _TOKEN_START.sub(WORD_MARK, escape(joined))
    return [" ".join(part.split()) for part in marked.split("\n")]
