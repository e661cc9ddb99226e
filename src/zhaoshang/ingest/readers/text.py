"""Plain text: a report with a title line, or a bare excerpt (possibly hard-wrapped)."""

from __future__ import annotations

import re

from zhaoshang.ingest.decode import decode_or_raise, looks_like_text
from zhaoshang.ingest.layout import HEADING_START, PAGE_NUMBER, wrap_profile
from zhaoshang.ingest.normalise import normalise
from zhaoshang.ingest.registry import Reader, register
from zhaoshang.ingest.types import IngestError, RawDocument

_MAX_TITLE = 60
_NOT_TITLE_END = set("。，,；;：:、！!？?…")
_NOT_TITLE_START = re.compile(r"^(?:[（(]?\d{4}\s*年\s*\d{1,2}\s*月|各位代表|[（(]\s*\d{4})")
"""A meeting line (2021年2月2日在……会议上) or the salutation opens the body, not a title."""


def sniff(head: bytes) -> float:
    return 0.3 if looks_like_text(head[:4096]) else 0.0


def split_title(text: str) -> tuple[str | None, str]:
    """``(title, body)``: a first line is a title when it is short, unpunctuated at its
    end, not the meeting line or salutation, and not simply the first line of a
    hard-wrapped paragraph.  Otherwise there is no title and the body is all the text."""
    lines = text.split("\n")
    first_idx = next((i for i, ln in enumerate(lines) if ln.strip() and not PAGE_NUMBER.match(ln.strip())), None)
    if first_idx is None:
        return None, text
    first = lines[first_idx].strip()
    rest = "\n".join(lines[first_idx + 1 :])
    # page numbers above the title stay in the body, where normalisation drops them
    compact = re.sub(r"\s+", "", first)
    if (
        not 4 <= len(compact) <= _MAX_TITLE
        or compact[-1] in _NOT_TITLE_END
        or _NOT_TITLE_START.match(compact)
        or HEADING_START.match(compact)
        or PAGE_NUMBER.match(compact)
        or len(rest.strip()) < 2 * len(compact)
    ):
        return None, text
    profile = wrap_profile([ln.strip() for ln in lines if ln.strip()])
    if profile.is_full(first):
        return None, text
    before = "\n".join(lines[:first_idx])
    return normalise(first).text.replace("\n", " "), f"{before}\n{rest}" if before else rest


@register(Reader(format="text", extensions=(".txt", ".text"), sniff=sniff))
def read_text(data: bytes, source_name: str) -> list[RawDocument]:
    text, encoding = decode_or_raise(data, source_name)
    title, body = split_title(text)
    if not body.strip():
        raise IngestError(source_name, "no report text: the file holds only a title line")
    return [RawDocument(source_name=source_name, format="text", encoding=encoding, text=body, title=title)]
