"""Encoding detection: UTF-8, UTF-8 with BOM, GB18030/GBK, and garbage refused."""

from __future__ import annotations

import pytest

from zhaoshang.ingest.decode import decode
from zhaoshang.ingest.types import DecodeError

SENTENCES = [
    "地区生产总值增长3.8%，规模以上工业增加值增长4.1%。",
    "中站区",
    "二〇二一年",
    "“十四五”时期，我们将坚持稳中求进工作总基调。",
    "潮州市政府工作报告",
    "克拉玛依区第八届人民代表大会第七次会议",
]


@pytest.mark.parametrize("text", SENTENCES)
@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "gb2312"])
def test_short_chinese_in_gb_encodings_is_detected(text: str, encoding: str) -> None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        pytest.skip(f"{text} is not representable in {encoding}")
    assert decode(data) == (text, "gb18030")


@pytest.mark.parametrize("text", SENTENCES + ["plain ASCII report 2021"])
def test_utf8_is_detected(text: str) -> None:
    assert decode(text.encode()) == (text, "utf-8")


def test_utf8_bom_is_recorded_and_stripped() -> None:
    assert decode("\ufeff政府工作报告".encode()) == ("政府工作报告", "utf-8-sig")


def test_utf16_with_bom() -> None:
    text, enc = decode("政府工作报告\n各位代表".encode("utf-16"))
    assert (text, enc) == ("政府工作报告\n各位代表", "utf-16")


def test_gb18030_four_byte_characters() -> None:
    text = "生僻字𠀀与䶮同在政府工作报告中出现，其余为常用字。" * 5
    assert decode(text.encode("gb18030")) == (text, "gb18030")


def test_whole_sample_in_gb18030(sample_texts: dict[str, tuple[str | None, str]]) -> None:
    for title, body in sample_texts.values():
        text = f"{title}\n{body}"
        assert decode(text.encode("gb18030")) == (text, "gb18030")


def test_big5_is_left_to_the_tiebreaker(sample_texts: dict[str, tuple[str | None, str]]) -> None:
    """Big5 reads as valid-but-rare characters under GB18030; charset-normalizer breaks the tie."""
    import opencc

    title, body = sample_texts["hunan"]
    traditional = opencc.OpenCC("s2t").convert(f"{title}\n{body[:3000]}")
    text, enc = decode(traditional.encode("big5", errors="ignore"))
    assert enc == "big5" and text.startswith("湖南省政府工作報告")


def test_a_few_damaged_bytes_in_long_utf8_are_tolerated(sample_texts: dict[str, tuple[str | None, str]]) -> None:
    _, body = sample_texts["puer"]
    data = bytearray(body.encode())
    data[len(data) // 2] = 0xFF
    text, enc = decode(bytes(data))
    assert enc == "utf-8" and 1 <= text.count("\ufffd") <= 3  # one per broken byte of the character


@pytest.mark.parametrize(
    "data, start",
    [
        (b"", "empty file"),
        (b"   \n\t", "no text"),
        (b"\x00\x01\x02abc", "binary data"),
        (bytes(range(0x80, 0x100)) * 20, "decodes to garbage under utf-8 and gb18030"),
        ("政府工作报告".encode()[:-1], "truncated"),
    ],
)
def test_bad_bytes_get_a_reason(data: bytes, start: str) -> None:
    with pytest.raises(DecodeError) as info:
        decode(data)
    assert info.value.reason.startswith(start), info.value.reason
