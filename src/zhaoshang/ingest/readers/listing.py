"""The investment-site listing: several reports per file, one per region channel.

Shape (entries separated by a line holding only ``-``)::

    -
    【宝兴县招商】2021年宝兴县政府工作报告
    <report text, one or many lines>
    2025-07-08

Anything after an entry's date line (the site's "contribute" and "contact us" links)
is page furniture, not report text.
"""

from __future__ import annotations

import re

from zhaoshang.ingest.decode import decode_head, decode_or_raise
from zhaoshang.ingest.layout import SENTENCE_END
from zhaoshang.ingest.normalise import normalise
from zhaoshang.ingest.registry import Reader, register
from zhaoshang.ingest.types import RawDocument

_CHANNEL = re.compile(r"^\s*【([^】\n]{1,40})】\s*(.*?)\s*$")
_DATE = re.compile(
    r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$"
)
_CHANNEL_SUFFIXES = ("招商引资网", "招商引资", "招商网", "招商", "投资促进网", "投资促进", "投资网")
_MAX_FURNITURE = 30
"""Trailing unpunctuated lines this short, after an entry without a date, are site links."""


def sniff(head: bytes) -> float:
    lines = [ln.strip() for ln in decode_head(head[:1024]).splitlines() if ln.strip()][:3]
    if len(lines) >= 2 and lines[0] == "-" and _CHANNEL.match(lines[1]):
        return 1.0
    if lines and _CHANNEL.match(lines[0]):
        return 0.6
    return 0.0


def channel_region(channel: str) -> str | None:
    """【宝兴县招商】 → 宝兴县: the channel name without the site's section word."""
    name = channel.strip()
    for suffix in _CHANNEL_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)].strip() or None
    return name or None


def _starts_entry(line: str) -> bool:
    """A channel line naming the site's section (【X招商】) opens an entry even without a "-" before it."""
    m = _CHANNEL.match(line)
    return m is not None and m.group(1).strip().endswith(_CHANNEL_SUFFIXES)


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip() == "-":
            blocks.append([])
        elif _starts_entry(line) and any(ln.strip() for ln in blocks[-1]):
            blocks.append([line])
        else:
            blocks[-1].append(line)
    return blocks


def parse_entry(block: list[str]) -> tuple[str | None, str | None, str, str | None] | None:
    """``(channel, title, text, publish_date)`` of one entry, or None for page furniture."""
    while block and not block[0].strip():
        block = block[1:]
    if not block:
        return None
    m = _CHANNEL.match(block[0])
    if m is None:
        return None
    body = block[1:]
    date = None
    for i in range(len(body) - 1, -1, -1):
        d = _DATE.match(body[i])
        if d:
            y, mo, da = (int(g) for g in d.groups())
            if 1 <= mo <= 12 and 1 <= da <= 31:
                date = f"{y:04d}-{mo:02d}-{da:02d}"
                body = body[:i]
                break
    else:
        while body and (not body[-1].strip() or (len(body[-1].strip()) <= _MAX_FURNITURE and body[-1].strip()[-1] not in SENTENCE_END)):
            body = body[:-1]
    text = "\n".join(body).strip("\n")
    title = normalise(m.group(2)).text.replace("\n", " ") or None
    return channel_region(m.group(1)), title, text, date


@register(Reader(format="listing", extensions=(), sniff=sniff))
def read_listing(data: bytes, source_name: str) -> list[RawDocument]:
    text, encoding = decode_or_raise(data, source_name)
    docs: list[RawDocument] = []
    for block in _blocks(text.splitlines()):
        entry = parse_entry(block)
        if entry is None:
            continue
        channel, title, body, date = entry
        if not body.strip():
            continue
        docs.append(
            RawDocument(
                source_name=f"{source_name}#{len(docs) + 1}",
                format="listing",
                encoding=encoding,
                text=body,
                title=title,
                channel=channel,
                publish_date=date,
            )
        )
    return docs
