"""Messy versions of the ten samples converge on the clean original's stored text.

Every variant is made here from the real sample files (nothing binary is committed),
read through the same entry point the ingest command uses (``read_bytes``: sniffing,
decoding, the format's reader), normalised, and compared with the clean file's
normalised body — in full, character for character — and title.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from . import variants as v
from zhaoshang.ingest import read_bytes
from zhaoshang.ingest.normalise import normalise

Samples = dict[str, tuple[str | None, str]]


def clean_file(title: str | None, body: str) -> bytes:
    return f"{title}\n{body}\n".encode()


def stored(data: bytes, name: str) -> tuple[str | None, str, str]:
    (doc,) = read_bytes(data, name)
    return doc.title, normalise(doc.text).text, doc.format


@pytest.fixture(scope="module")
def clean(sample_texts: Samples) -> dict[str, tuple[str | None, str]]:
    out = {}
    for name, (title, body) in sample_texts.items():
        t, text, fmt = stored(clean_file(title, body), f"{name}.txt")
        assert fmt == "text" and t == title
        out[name] = (t, text)
    return out


VARIANTS: dict[str, tuple[str, Callable[[str, str], bytes]]] = {
    "hard-wrapped at 30 with page numbers": (".txt", lambda t, b: v.wrapped_with_page_numbers(t, b).encode()),
    "spaced characters": (".txt", lambda t, b: f"{v.spaced(t)}\n{v.spaced(b)}\n".encode()),
    "letter-spaced, punctuation and digits too": (".txt", lambda t, b: f"{v.letter_spaced(t)}\n{v.letter_spaced(b)}\n".encode()),
    "letter-spaced and hard-wrapped, page numbers": (
        ".txt",
        lambda t, b: v.wrapped_with_page_numbers(v.letter_spaced(t), v.letter_spaced(b), width=60).encode(),
    ),
    "spaces inside numbers": (".txt", lambda t, b: f"{t}\n{v.spaced_numbers(b)}\n".encode()),
    "full-width digits and letters": (".txt", lambda t, b: f"{v.fullwidth(t)}\n{v.fullwidth(b)}\n".encode()),
    "GB18030-encoded": (".txt", lambda t, b: f"{t}\n{b}\n".encode("gb18030")),
    "UTF-8 with BOM": (".txt", lambda t, b: f"{t}\n{b}\n".encode("utf-8-sig")),
    "CRLF line ends, ideographic indent": (".txt", lambda t, b: f"{t}\r\n\u3000\u3000{b}\r\n".encode()),
    "all at once: wrapped, page numbers, full-width, CRLF, GB18030": (
        ".txt",
        lambda t, b: v.wrapped_with_page_numbers(v.fullwidth(t), v.fullwidth(b)).replace("\n", "\r\n").encode("gb18030"),
    ),
    "HTML page with navigation and footer": (".html", v.to_html),
    "DOCX": (".docx", v.to_docx),
}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_variant_stores_the_same_text_as_the_clean_original(
    variant: str, sample_texts: Samples, clean: dict[str, tuple[str | None, str]]
) -> None:
    ext, make = VARIANTS[variant]
    for name, (title, body) in sample_texts.items():
        got_title, got_text, _ = stored(make(title, body), f"{name}{ext}")
        want_title, want_text = clean[name]
        assert got_title == want_title, name
        assert got_text == want_text, f"{name}: first difference at {_first_diff(got_text, want_text)}"


def test_variants_are_sniffed_by_content_not_by_name(sample_texts: Samples) -> None:
    title, body = sample_texts["hunan"]
    for ext, make, fmt in ((".txt", v.to_html, "html"), (".bin", v.to_docx, "docx"), (".dat", clean_file, "text")):
        (doc,) = read_bytes(make(title, body), f"misnamed{ext}")
        assert doc.format == fmt


def test_gb18030_is_detected_and_recorded(sample_texts: Samples) -> None:
    for name, (title, body) in sample_texts.items():
        (doc,) = read_bytes(f"{title}\n{body}\n".encode("gb18030"), f"{name}.txt")
        assert doc.encoding == "gb18030"
    (doc,) = read_bytes(f"{title}\n{body}\n".encode("utf-8-sig"), "bom.txt")
    assert doc.encoding == "utf-8-sig"


PDF_SAMPLES = ("hunan", "doumen", "pingtang")


@pytest.mark.parametrize("name", PDF_SAMPLES)
def test_pdf_with_text_layer_stores_the_same_text(
    name: str, sample_texts: Samples, clean: dict[str, tuple[str | None, str]]
) -> None:
    """reportlab's built-in STSong-Light CID font; pypdf extracts its Chinese exactly.

    Three samples (≈20k characters, ≈17 pages each) keep the run short; they cover the
    meeting-line opening, a name split by ';' and a parenthesised opening."""
    title, body = sample_texts[name]
    data = v.to_pdf(title, body)
    assert data.startswith(b"%PDF-")
    got_title, got_text, fmt = stored(data, f"{name}.pdf")
    assert fmt == "pdf"
    assert got_title == clean[name][0]
    assert got_text == clean[name][1], _first_diff(got_text, clean[name][1])


def _first_diff(a: str, b: str) -> str:
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"{i}: {a[max(0, i - 20) : i + 20]!r} vs {b[max(0, i - 20) : i + 20]!r}"
