"""Ingest: read files of any supported format into decoded text, and normalise it.

Public API::

    from zhaoshang.ingest import iter_inputs, read_path
    from zhaoshang.ingest.normalise import normalise

    for path in iter_inputs(["reports/", "*.pdf"]):   # files, folders, globs
        for raw in read_path(path):                   # RawDocument(s); IngestError on bad input
            norm = normalise(raw.text)                # Normalised(text, offsets)

The functions ``normalise`` and ``decode`` are deliberately not re-exported here: a
package attribute named like its submodule would hide the module.
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
