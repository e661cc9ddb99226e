"""Bytes → text for every text-based format, with the encoding that was detected.

Government sites publish in UTF-8 and in GB18030/GBK (often without saying which).
Decoding is decided by strict trials, not by a statistical guess: a long Chinese text
in GBK is essentially never valid UTF-8, so "strict UTF-8, else strict GB18030" is
reliable, and the decoded text is then checked for plausibility so that binary junk
(which GB18030 happily decodes) is rejected instead of being stored as mojibake.
charset-normalizer is consulted only when both trials fail.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from functools import lru_cache

from zhaoshang.ingest.types import DecodeError, IngestError

_MIN_PLAUSIBLE = 0.9
"""Share of characters that must be ordinary text (common hanzi, ASCII, punctuation)."""
_SHORT = 256
_MAX_REPLACED = 0.001
"""A few invalid bytes in a long scraped page are damage, not garbage; more is garbage."""


def decode(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise :class:`DecodeError` with a human reason."""
    if not data:
        raise DecodeError("empty file")
    bom = _bom(data)
    if bom is not None:
        encoding, skip = bom
        try:
            text = data[skip:].decode(encoding.removesuffix("-sig") if encoding == "utf-8-sig" else encoding)
        except UnicodeDecodeError as exc:
            raise DecodeError(f"has a {encoding} byte-order mark but is not valid {encoding} (byte {exc.start})") from None
        _check_plausible(text, encoding)
        return text, encoding
    if b"\x00" in data[:65536]:
        raise DecodeError("binary data, not text: it contains NUL bytes")

    candidates: list[tuple[str, str]] = []
    truncated: list[str] = []
    try:
        text = data.decode("utf-8")
        # A long text valid as UTF-8 is UTF-8; only short inputs can also be valid GB18030.
        if len(data) >= _SHORT and plausibility(text) >= _MIN_PLAUSIBLE:
            return text, "utf-8"
    except UnicodeDecodeError:
        pass
    for encoding in ("utf-8", "gb18030"):
        try:
            candidates.append((data.decode(encoding), encoding))
        except UnicodeDecodeError as exc:
            if exc.end >= len(data) and exc.reason.startswith(("unexpected end", "incomplete")):
                truncated.append(encoding)
    if truncated and not candidates:
        # valid right up to a character cut in half at the end: a download cut short
        raise DecodeError(f"truncated: the file ends in the middle of a multi-byte {truncated[0].upper()} character")
    if candidates:
        # Both can succeed on short inputs; prefer the reading that looks like real text.
        best = max(candidates, key=lambda c: (plausibility(c[0]), c[1] == "utf-8"))
        if plausibility(best[0]) >= _MIN_PLAUSIBLE:
            return best
        # GB18030 decodes nearly any bytes: Big5 or other legacy text reads as rare-character
        # mojibake under it.  Ask the statistical detector before calling it garbage.
        other = _charset_normalizer_guess(data)
        if other is not None:
            return other
        _check_plausible(best[0], best[1])
        return best

    # Neither is strictly valid: lightly damaged UTF-8 is accepted, everything else judged.
    lenient = data.decode("utf-8", errors="replace")
    replaced = lenient.count("\ufffd") / max(len(lenient), 1)
    if replaced <= _MAX_REPLACED and plausibility(lenient) >= _MIN_PLAUSIBLE:
        return lenient, "utf-8"
    other = _charset_normalizer_guess(data)
    if other is not None:
        return other
    gb_lenient = data.decode("gb18030", errors="replace")
    gb_replaced = gb_lenient.count("\ufffd") / max(len(gb_lenient), 1)
    raise DecodeError(
        f"decodes to garbage under utf-8 and gb18030 ({min(replaced, gb_replaced):.0%} replacement characters)"
    )


def decode_or_raise(data: bytes, source_name: str) -> tuple[str, str]:
    """:func:`decode` for a reader: the failure names the file."""
    try:
        return decode(data)
    except DecodeError as exc:
        raise IngestError(source_name, exc.reason) from None


def _bom(data: bytes) -> tuple[str, int] | None:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", 3
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16", 0
    return None


def _check_plausible(text: str, encoding: str) -> None:
    if not text.strip():
        raise DecodeError("no text: the file contains only whitespace")
    share = plausibility(text)
    if share < _MIN_PLAUSIBLE:
        raise DecodeError(
            f"decodes to garbage under {encoding}: only {share:.0%} of the characters are ordinary "
            "Chinese, Latin or punctuation"
        )


def plausibility(text: str, sample: int = 200_000, *, any_hanzi: bool = False) -> float:
    """Share of non-space characters that ordinary Chinese or Latin prose is made of.

    Common hanzi (the GB2312 set) count fully; rarer ones half, unless ``any_hanzi``:
    real mainland text is >99% common hanzi, while bytes of another encoding read as
    GB18030 land on rare ones about half the time.
    """
    text = text[:sample]
    total = len(text) - len(_SPACE.findall(text))
    if total <= 0:
        return 0.0
    bad = 0.0
    for ch, n in Counter(_UNCOMMON.findall(text)).items():  # few in real text: judged once each
        w = _ordinary(ch)
        bad += n * (0.0 if (w == 2 or (w == 1 and any_hanzi)) else 1.0 - 0.5 * w)
    return 1.0 - bad / total


def _common_class() -> re.Pattern[str]:
    """A regex matching any character outside printable ASCII, whitespace and GB2312."""
    chars = {chr(c) for c in range(0x20, 0x7F)}
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    codes = sorted(ord(c) for c in chars)
    ranges: list[str] = []
    start = prev = codes[0]
    for c in codes[1:] + [-1]:
        if c != prev + 1:
            ranges.append(re.escape(chr(start)) + ("-" + re.escape(chr(prev)) if prev > start else ""))
            start = c
        prev = c
    return re.compile("[^\\s" + "".join(ranges) + "]")


_UNCOMMON = _common_class()
_SPACE = re.compile(r"\s")


@lru_cache(maxsize=65536)
def _ordinary(ch: str) -> int:
    """2: ordinary text character; 1: a rarer hanzi or symbol; 0: not text."""
    o = ord(ch)
    if 0x20 <= o < 0x7F:
        return 2
    if o < 0x20 or 0x7F <= o < 0xA0 or ch == "\ufffd" or 0xE000 <= o <= 0xF8FF:
        return 0  # control characters, replacement character, private use
    try:
        ch.encode("gb2312")  # the 6,763 common hanzi plus CJK punctuation and symbols
        return 2
    except UnicodeEncodeError:
        pass
    if ch in "〇•·–—…‰℃№“”‘’":
        return 2
    return 1 if 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x2FFFF else 0


def _charset_normalizer_guess(data: bytes) -> tuple[str, str] | None:
    """The tiebreaker: another legacy encoding (Big5, UTF-16 without BOM ...) that reads as real text."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding in ("utf_8", "gb18030"):
        return None
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    if plausibility(text, any_hanzi=True) < _MIN_PLAUSIBLE:
        return None
    return text, best.encoding.replace("_", "-")


def looks_like_text(head: bytes) -> bool:
    """Whether the first bytes of a file read as ordinary text in a supported encoding.

    For sniffing only: ``head`` may end in the middle of a character, which is allowed.
    """
    if not head:
        return False
    if _bom(head) is not None:
        return True
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            text = codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        if text.strip() and plausibility(text) >= _MIN_PLAUSIBLE:
            return True
    return False


def decode_head(head: bytes) -> str:
    """Best-effort text of a file's first bytes, for sniffing markup and shapes."""
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    elif _bom(head) is not None:
        return head.decode("utf-16", errors="replace")
    try:
        return codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return head.decode("gb18030", errors="replace")
