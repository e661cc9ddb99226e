"""Every bad input fails alone, quickly, with a reason a user can act on."""

from __future__ import annotations

import io
import random
import sys
import zipfile
from pathlib import Path

import pytest

from . import variants as v
from zhaoshang.ingest import IngestError, iter_inputs, read_bytes, read_path
from zhaoshang.ingest.normalise import normalise


def reason(data: bytes, name: str) -> str:
    with pytest.raises(IngestError) as info:
        read_bytes(data, name)
    assert info.value.source_name == name
    assert str(info.value).startswith(f"{name}: ")
    return info.value.reason


@pytest.fixture(scope="module")
def hunan(sample_texts: dict[str, tuple[str | None, str]]) -> tuple[str, str]:
    title, body = sample_texts["hunan"]
    assert title is not None
    return title, body


@pytest.mark.parametrize("name", ["empty.txt", "empty.pdf", "empty.docx", "empty.html", "empty"])
def test_empty_file(name: str) -> None:
    assert reason(b"", name) == "empty file"


def test_whitespace_only_file() -> None:
    assert reason(" \r\n\t\n".encode(), "blank.txt") == "no text: the file contains only whitespace"


def test_binary_junk_with_nul_bytes() -> None:
    junk = random.Random(1).randbytes(4096)
    assert "binary data" in reason(junk, "junk.txt")


def test_binary_junk_without_nul_bytes_is_garbage_not_mojibake() -> None:
    rng = random.Random(2)
    junk = bytes(rng.randrange(0x80, 0x100) for _ in range(4096))
    r = reason(junk, "junk.txt")
    assert r.startswith("decodes to garbage under"), r


def test_executable_renamed_pdf() -> None:
    exe = Path(sys.executable).resolve().read_bytes()[:65536]
    if not exe.startswith(b"\x7fELF"):
        exe = b"\x7fELF\x02\x01\x01\x00" + bytes(65528)
    assert reason(exe, "report.pdf") == "not a PDF: the file starts with an ELF executable header"


def test_windows_executable_renamed_docx() -> None:
    exe = b"MZ\x90\x00\x03\x00\x00\x00" + bytes(1000)
    assert reason(exe, "report.docx").startswith("not a DOCX (Word) file: the file starts with a Windows executable")


def test_legacy_word_doc_is_named() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000)
    assert "legacy .doc" in reason(ole, "report.doc")


def test_rtf_is_named() -> None:
    assert "RTF" in reason(b"{\\rtf1\\ansi\\ansicpg936 {\\fonttbl} \\'d5\\'fe\\'b8\\'ae}", "report.txt")


def test_text_truncated_inside_a_character(hunan: tuple[str, str]) -> None:
    title, body = hunan
    data = f"{title}\n{body}".encode()
    cut = len(data) // 2
    while (data[cut] & 0xC0) != 0x80:  # land inside a multi-byte character
        cut += 1
    assert reason(data[:cut], "cut.txt").startswith("truncated: the file ends in the middle of a multi-byte UTF-8")
    text = f"{title}\n{body}"
    half = text[: len(text) // 2]
    while half[-1].isascii():
        half = half[:-1]
    gb = half.encode("gb18030")[:-1]  # the lead byte of the last character, without its trail byte
    assert reason(gb, "cut-gb.txt").startswith("truncated: the file ends in the middle of a multi-byte GB18030")


def test_text_truncated_between_characters_reads_as_an_excerpt(hunan: tuple[str, str]) -> None:
    """Nothing marks the cut, so the first half is a valid (shorter) report text."""
    title, body = hunan
    half = f"{title}\n{body[: len(body) // 2]}"
    (doc,) = read_bytes(half.encode(), "half.txt")
    assert body.startswith(doc.text) and doc.title == title


def test_truncated_pdf(hunan: tuple[str, str]) -> None:
    data = v.to_pdf(*hunan)
    assert reason(data[: len(data) // 2], "cut.pdf").startswith("truncated PDF")


def test_truncated_docx(hunan: tuple[str, str]) -> None:
    data = v.to_docx(*hunan)
    assert reason(data[: len(data) // 2], "cut.docx").startswith("corrupt or truncated DOCX")


def test_pdf_without_text_layer() -> None:
    assert reason(v.scanned_pdf(), "scan.pdf").startswith("PDF has no text layer (scanned?)")


def test_pdf_of_glyph_codes_is_refused() -> None:
    from zhaoshang.ingest.readers.pdf import check_text_layer

    with pytest.raises(IngestError, match=r"glyph codes"):
        check_text_layer(["(cid:1234)(cid:567)(cid:89)\n(cid:12)(cid:3456)" * 50], "cid.pdf")
    with pytest.raises(IngestError, match=r"unreadable"):
        check_text_layer(["\ue001\ue002\ue003\ue004 \ue005" * 100], "pua.pdf")


def test_password_protected_pdf() -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=StandardEncryption("secret", strength=40))
    c.drawString(50, 800, "confidential")
    c.showPage()
    c.save()
    r = reason(buf.getvalue(), "locked.pdf")
    assert "password" in r or "encrypted" in r


def test_zip_bomb_docx_is_refused_before_inflating() -> None:
    bomb = v.zip_bomb_docx(300)  # 300 MB of zeros in 300 KB
    assert len(bomb) < 2**19
    assert reason(bomb, "bomb.docx").startswith("zip bomb refused: the DOCX declares 300 MB uncompressed")


def test_zip_with_lying_sizes_never_inflates_past_its_declaration() -> None:
    """A member that claims 1 KB but inflates to 64 MB: zipfile stops at the claim, the CRC fails."""
    real = v.zip_bomb_docx(64)
    with zipfile.ZipFile(io.BytesIO(real)) as zf:
        info = zf.getinfo("word/document.xml")
        raw = real[info.header_offset + 30 + len(info.filename) : info.header_offset + 30 + len(info.filename) + info.compress_size]
    liar = v.raw_zip([("[Content_Types].xml", 0, b"<Types/>", 0, 8), ("word/document.xml", 8, raw, info.CRC, 1024)])
    assert reason(liar, "liar.docx").startswith("corrupt DOCX")


def test_zip_that_is_not_a_word_document() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    assert reason(buf.getvalue(), "sheet.docx") == "not a Word document: the zip archive has no word/document.xml"


def test_unknown_binary_type() -> None:
    r = reason(bytes(range(1, 256)) * 4, "blob.bin")
    assert r.startswith("unrecognised file type '.bin'")


def test_fifty_megabyte_file_is_refused_by_size_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as f:
        f.truncate(50 * 2**20)  # sparse: no 50 MB ever written or read
    with pytest.raises(IngestError) as info:
        read_path(big)
    assert info.value.reason == "file too large: 50.0 MB > 20 MB limit"
    assert reason(b" " * (50 * 2**20), "huge.txt") == "file too large: 50.0 MB > 20 MB limit"


def test_the_size_limit_is_a_parameter(hunan: tuple[str, str]) -> None:
    data = "\n".join(hunan).encode()
    with pytest.raises(IngestError, match=r"file too large: 0\.1 MB > 0\.0[0-9]+ MB limit"):
        read_bytes(data, "x.txt", max_bytes=50_000)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        read_path(tmp_path / "nope.txt")


def test_listing_without_report_text() -> None:
    assert reason("-\n【某县招商】2021年某县政府工作报告\n2025-07-08\n".encode(), "empty-listing.txt").startswith(
        "no report text found"
    )


def test_a_batch_keeps_every_good_file(tmp_path: Path, hunan: tuple[str, str]) -> None:
    """Bad files in a folder each fail alone; the good ones all read."""
    title, body = hunan
    good = {"a.txt": f"{title}\n{body}".encode(), "b.html": v.to_html(title, body), "c.docx": v.to_docx(title, body)}
    bad = {"d.pdf": b"\x7fELF" + bytes(100), "e.txt": b"", "f.docx": v.zip_bomb_docx(256)}
    for name, data in {**good, **bad}.items():
        (tmp_path / name).write_bytes(data)
    read, failed = {}, {}
    for path in iter_inputs([str(tmp_path)]):
        try:
            read[path.name] = read_path(path)
        except IngestError as exc:
            failed[path.name] = exc.reason
    assert sorted(read) == sorted(good) and sorted(failed) == sorted(bad)
    texts = {normalise(docs[0].text).text for docs in read.values()}
    assert len(texts) == 1
