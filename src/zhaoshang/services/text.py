"""Text helpers over the stored normalised report text."""

from __future__ import annotations

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
