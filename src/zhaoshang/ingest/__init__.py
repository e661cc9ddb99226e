"""Ingest: read files of any supported format into decoded text, and normalise it.

Public API::

    from zhaoshang.ingest import iter_inputs, read_path
    from zhaoshang.ingest.normalise import normalise

    for path in iter_inputs(["reports/", "*.pdf"]):   # files, folders, globs
        for raw in read_path(path):                   # RawDocument(s); IngestError on bad input
            norm = normalise(raw.text)                # Normalised(text, offsets)

The functions ``normalise`` and ``decode`` are deliberately not re-exported here: a
package attribute named like its submodule would hide the module.

Formats (chosen by content sniffing first, file extension second; see ``registry``):

=========  ===========================================================================
listing    investment-site listing: entries ``-`` / ``【X招商】title`` / text / date;
           one RawDocument per entry, ``source_name`` ``"path#N"``, channel ``"X"``
text       UTF-8 (BOM or not), GB18030/GBK, UTF-16 with BOM; a title line if the first
           line looks like one (short, unpunctuated, not the meeting line or a wrap)
html       main block by Chinese-text concentration outside links; title from the
           heading the <title> repeats; navigation, footers, furniture lines dropped
pdf        pypdf text layer, pages joined, running headers/footers dropped
docx       python-docx paragraphs and table cells in order; Title/Heading 1 → title
=========  ===========================================================================

Every failure is an :class:`IngestError` whose ``reason`` says what is wrong: empty
file, file too large (checked before reading), binary data, garbage under utf-8 and
gb18030, truncated (mid-character text, PDF without %%EOF, broken zip), not a PDF /
DOCX (with the signature found: ELF, MZ, OLE2 .doc, RTF, images, archives), PDF with
no text layer or glyph codes, password-protected PDF, zip bomb, zip that is not Word.
"""

from zhaoshang.ingest.offsets import OffsetMap
from zhaoshang.ingest.registry import Reader, iter_inputs, read_bytes, read_path, register
from zhaoshang.ingest.types import DecodeError, IngestError, RawDocument

__all__ = [
    "DecodeError",
    "IngestError",
    "OffsetMap",
    "RawDocument",
    "Reader",
    "iter_inputs",
    "read_bytes",
    "read_path",
    "register",
]
