"""Text helpers over the stored normalised report text."""

from __future__ import annotations

from collections.abc import Sequence

SENTENCE_END = "。！？!?；;\n"


def sentence_around(text: str, start: int, end: int, max_len: int = 400) -> tuple[int, int]:
    """The sentence holding ``text[start:end]``: from after the previous 。！？； to the
    next one (inclusive), capped at ``max_len`` characters each side of the span so a
    report without punctuation still yields a readable snippet."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    s = start
    floor = max(0, start - max_len)
    while s > floor and text[s - 1] not in SENTENCE_END:
        s -= 1
    e = end
    ceil = min(len(text), end + max_len)
    while e < ceil and text[e] not in SENTENCE_END:
        e += 1
    if e < len(text) and text[e] in SENTENCE_END and text[e] != "\n":
        e += 1
    while s < start and text[s].isspace():
        s += 1
    return s, e


def evidence_sentence(
    text: str, start: int, end: int, section_starts: Sequence[int] = (), window: int = 400
) -> tuple[int, int]:
    """The sentence(s) holding ``text[start:end]``, cut exactly as extraction cuts them.

    Uses the shared splitter (:func:`zhaoshang.extract.sentences.split_sentences`: 。！？；,
    paragraph gaps, 一是/二是 items, section starts) on a window around the span, so a
    drill-down shows the same sentence the extractor read, at the cost of a few hundred
    characters rather than the whole report. Falls back to :func:`sentence_around`.
    """
    from zhaoshang.extract.sentences import split_sentences
    from zhaoshang.model import Section

    w0 = max(0, start - window)
    w1 = min(len(text), end + window)
    # split_sentences cuts at the start of every section after the first
    sections = [Section("other", "", 0, 0)] + [
        Section("other", "", s - w0, s - w0) for s in sorted(section_starts) if w0 < s < w1
    ]
    hits = [s for s in split_sentences(text[w0:w1], sections) if s.start < end - w0 and s.end > start - w0]
    if not hits:
        return sentence_around(text, start, end)
    return min(start, w0 + hits[0].start), max(end, w0 + hits[-1].end)
