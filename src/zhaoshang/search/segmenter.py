"""The Chinese segmenter behind the word layer: rjieba plus a domain dictionary.

jieba's dictionary splits 克拉玛依区 into 克拉玛依/区 and 汉白玉新材料产业园 into five words; a
search user thinks of them as one name.  So the segmenter learns every gazetteer name, every
metric alias and every project, enterprise and park name the extractors found.  Words are only
ever added (``learn``), never removed, so one process-wide instance serves every database.

The word layer affects ranking only; recall is guaranteed by the bigram layer, so a word learnt
after a report was indexed changes nothing but how that report's sentences rank until rebuild.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Iterable
from importlib import resources

import rjieba

from zhaoshang.search.normalize import compact, fold

log = logging.getLogger(__name__)

_HAN_ONLY = re.compile(r"[\u4e00-\u9fff]+")
_lock = threading.RLock()
_jieba: rjieba.Jieba | None = None
_known: set[str] = set()


def _normal_word(word: str) -> str:
    return compact(fold(word))[0]


def learn(words: Iterable[str]) -> int:
    """Add words (folded like the text) to the segmenter; returns how many were new."""
    seg = segmenter()
    added = 0
    with _lock:
        for word in words:
            if not word:
                continue
            w = _normal_word(word)
            if len(w) < 2 or len(w) > 40 or w in _known:
                continue
            _known.add(w)
            seg.add_word(w, None, None)
            added += 1
    return added


def segmenter() -> rjieba.Jieba:
    """The shared segmenter, built on first use with the gazetteer and metric vocabularies."""
    global _jieba
    if _jieba is None:
        with _lock:
            if _jieba is None:
                _jieba = rjieba.Jieba()
        learn(static_vocabulary())
    return _jieba


def cut_for_search(text: str) -> list[str]:
    seg = segmenter()
    with _lock:  # rjieba's Rust object refuses a cut while another thread adds a word
        return seg.cut_for_search(text, True)


def cut(text: str) -> list[str]:
    seg = segmenter()
    with _lock:
        return seg.cut(text, True)


def static_vocabulary() -> list[str]:
    """Region names (full and short) and metric aliases; each source is optional."""
    words: list[str] = []
    words.extend(_gazetteer_names())
    words.extend(_metric_aliases())
    return words


def _gazetteer_names() -> list[str]:
    try:
        from zhaoshang.regions.gazetteer import load_gazetteer  # helper A

        return [str(n) for n in load_gazetteer().names()]
    except Exception as exc:  # the gazetteer is optional for search: ranking only
        log.debug("gazetteer unavailable for the search dictionary: %s", exc)
        return []


def _metric_aliases() -> list[str]:
    """Plain-word alternatives of the alias patterns in extract/data/metrics.json (helper C's table).

    The aliases are regexes (``地区生产总值|生产总值``); only alternatives made of ideographs
    alone are words a segmenter can learn.
    """
    try:
        raw = resources.files("zhaoshang.extract").joinpath("data/metrics.json").read_text("utf-8")
    except Exception as exc:
        log.debug("metrics.json unavailable for the search dictionary: %s", exc)
        return []
    out: list[str] = []
    _collect_strings(json.loads(raw), out)
    return [w for s in out for w in s.split("|") if 2 <= len(w) <= 20 and _HAN_ONLY.fullmatch(w)]


def _collect_strings(node: object, out: list[str], inside: bool = False) -> None:
    """Strings found under any ``aliases`` key, however deep."""
    if isinstance(node, str):
        if inside:
            out.append(node)
    elif isinstance(node, dict):
        for k, v in node.items():
            _collect_strings(v, out, inside or k == "aliases")
    elif isinstance(node, list):
        for v in node:
            _collect_strings(v, out, inside)
