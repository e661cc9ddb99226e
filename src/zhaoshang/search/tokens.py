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
from array import array
from collections.abc import Iterable


WORD_MARK = "\ue0fe"
"""Prefix of word-layer tokens."""
END_MARK = "\ue0ff"
"""Second character of the bigram that closes a unit."""

_PUNCT = tuple(chr(i) for i in range(128) if not chr(i).isalnum() and not chr(i).isspace())
_PUNCT_MOVED = tuple((c, chr(0xE000 + ord(c))) for c in _PUNCT)


def escape(text: str) -> str:
    """Move ASCII punctuation, symbols and controls out of the way of the FTS5 ascii tokenizer.

    Whitespace is left alone: tokens never contain it, and token lists are joined with spaces.
    One ``str.replace`` per character present (C-speed scans) beats a ``translate`` table,
    which pays a dictionary lookup for every character of the text.
    """
    for ch, moved in _PUNCT_MOVED:
        if ch in text:
            text = text.replace(ch, moved)
    return text


def bigrams(compact_text: str) -> list[str]:
    """Overlapping character pairs of ``compact_text`` (escaped), closed by ``last + END_MARK``."""
    if not compact_text:
        return []
    text = escape(compact_text)
    return list(map(str.__add__, text, text[1:] + END_MARK))


_BOUNDARY = re.compile(r"\n \n\S ")
_CODE_POINT = "I" if array("I").itemsize == 4 else "L"  # an array item that holds one UTF-32 code unit
_NEWLINE = array(_CODE_POINT, [ord("\n")])
_SPACE = array(_CODE_POINT, [ord(" ")])


def bigram_lines(units: list[str]) -> list[str]:
    """``bigrams`` of many compact units at once, one space-joined string per unit.

    Pairs are made over the units joined by newlines by interleaving code points in machine
    arrays (text, text shifted by one, spaces); at each boundary the pair ``c\n`` becomes
    ``c + END_MARK`` and the pair ``\nd`` across it is dropped.  No per-pair Python object is
    ever made: this is the index build's hot path.
    """
    if not units:
        return []
    text = escape("\n".join(units)) + "\n"
    n = len(text)
    codes = array(_CODE_POINT, text.encode("utf-32-le"))
    pairs = array(_CODE_POINT, bytes(12 * n))
    pairs[0::3] = codes
    pairs[1::3] = codes[1:] + _NEWLINE
    pairs[2::3] = _SPACE * n
    joined = pairs.tobytes().decode("utf-32-le")[:-1]
    joined = _BOUNDARY.sub(END_MARK + "\n", joined)
    return (joined[: -len("\n \n\n")] + END_MARK).split("\n")


def bigram_phrase(compact_text: str) -> list[str]:
    """The bigram tokens a query string must match consecutively (no end mark: it may sit anywhere)."""
    text = escape(compact_text)
    return [a + b for a, b in zip(text, text[1:])]


def word_token(word: str) -> str:
    return WORD_MARK + escape(word)


def word_tokens(words: Iterable[str]) -> str:
    """Word-layer tokens from segmenter output, space-joined: only words of two or more characters.

    A query word gets the whole-word bonus only when it has two or more characters, so single
    characters (and spaces) would only double the layer's size.
    """
    return word_tokens_by_line(words)[0] if words else ""


def word_tokens_by_line(words: Iterable[str]) -> list[str]:
    """Like ``word_tokens`` for a segmenter run over several units joined by newlines: one
    space-joined token string per unit.  One escape over the whole run and one comprehension per
    unit, no regular expressions (the index build's hot path)."""
    joined = escape(" ".join(words))
    return [" ".join([WORD_MARK + t for t in part.split() if len(t) > 1]) for part in joined.split("\n")]
