"""Ingest: read files of any supported format into decoded text, and normalise it.

Public API::

    from zhaoshang.ingest import read_path, read_bytes, iter_inputs, normalise
    for path in iter_inputs(["reports/", "*.pdf"]):
        for raw in read_path(path):          # RawDocument(s); IngestError on bad input
            norm = normalise(raw.text)       # Normalised(text, offsets)
"""

from zhaoshang.ingest.decode import decode
from zhaoshang.ingest.normalise import Normalised, OffsetMap, normalise
from zhaoshang.ingest.registry import Reader, iter_inputs, read_bytes, read_path, register
from zhaoshang.ingest.types import DecodeError, IngestError, RawDocument

__all__ = [
    "DecodeError",
    "IngestError",
    "Normalised",
    "OffsetMap",
    "RawDocument",
    "Reader",
    "decode",
    "iter_inputs",
    "normalise",
    "read_bytes",
    "read_path",
    "register",
]
