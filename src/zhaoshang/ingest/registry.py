"""Which reader gets a file: content first, file name second.

Readers register themselves with a sniffing function (``head bytes → score``), so a
new format is one module with one decorator, and a mislabelled file (a PDF saved as
``.txt``, an executable renamed ``.pdf``) is judged by what it is, not what it claims.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from zhaoshang.ingest.types import IngestError, RawDocument

MAX_BYTES = 20 * 2**20
SNIFF_BYTES = 8192
_EXTENSION_BONUS = 0.25
_MIN_SCORE = 0.2

ReadFn = Callable[[bytes, str], list[RawDocument]]
SniffFn = Callable[[bytes], float]


@dataclass(slots=True)
class Reader:
    format: str
    extensions: tuple[str, ...]
    sniff: SniffFn
    """Score in [0, 1] from the first :data:`SNIFF_BYTES` bytes: 1 = certain (magic bytes)."""
    read: ReadFn | None = field(default=None, repr=False)


_READERS: dict[str, Reader] = {}


def register(reader: Reader) -> Callable[[ReadFn], ReadFn]:
    """Decorator: ``@register(Reader(format=..., extensions=..., sniff=...))`` on a read function."""

    def deco(fn: ReadFn) -> ReadFn:
        reader.read = fn
        _READERS[reader.format] = reader
        return fn

    return deco


def readers() -> dict[str, Reader]:
    _load_builtin()
    return dict(_READERS)


def _load_builtin() -> None:
    # importing the modules runs their @register decorators
    from zhaoshang.ingest.readers import docx, html, listing, pdf, text  # noqa: F401


_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x7fELF", "an ELF executable header"),
    (b"MZ", "a Windows executable (MZ) header"),
    (b"\xcf\xfa\xed\xfe", "a Mach-O executable header"),
    (b"\xfe\xed\xfa", "a Mach-O executable header"),
    (b"\xca\xfe\xba\xbe", "a Mach-O/Java class header"),
    (b"\x89PNG", "a PNG image header"),
    (b"\xff\xd8\xff", "a JPEG image header"),
    (b"GIF8", "a GIF image header"),
    (b"\x1f\x8b", "a gzip header"),
    (b"7z\xbc\xaf", "a 7-Zip header"),
    (b"Rar!", "a RAR header"),
    (b"BZh", "a bzip2 header"),
    (b"\xfd7zXZ", "an xz header"),
    (b"\xd0\xcf\x11\xe0", "an OLE2 header (a legacy .doc/.xls/.wps file; save it as .docx)"),
    (b"SQLite format 3", "a SQLite database header"),
    (b"{\\rtf", "an RTF header (save it as .docx or .txt)"),
    (b"PK\x05\x06", "an empty zip archive header"),
)


def binary_signature(head: bytes) -> str | None:
    """Describe a well-known non-document file type from its magic bytes."""
    for magic, what in _SIGNATURES:
        if head.startswith(magic):
            if magic == b"MZ" and len(head) > 2 and head[2:3] not in (b"\x90", b"P", b"\x00", b"\x80"):
                continue  # two ASCII letters "MZ" starting a text file
            return what
    return None


def choose_reader(head: bytes, source_name: str) -> Reader:
    """The best reader for a file: by sniff score, with a bonus for a matching extension."""
    all_readers = readers()
    ext = os.path.splitext(source_name.split("#", 1)[0])[1].lower()
    by_ext = next((r for r in all_readers.values() if ext in r.extensions), None)
    what = binary_signature(head)
    if what is not None:
        if by_ext is not None:
            raise IngestError(source_name, f"not a {_FORMAT_NAMES.get(by_ext.format, by_ext.format)}: the file starts with {what}")
        raise IngestError(source_name, f"unsupported file type: the file starts with {what}")
    scored = sorted(
        ((r.sniff(head) + (_EXTENSION_BONUS if r is by_ext else 0.0), r) for r in all_readers.values()),
        key=lambda sr: sr[0],
        reverse=True,
    )
    score, best = scored[0]
    if score < _MIN_SCORE:
        raise IngestError(source_name, f"unrecognised file type{f' {ext!r}' if ext else ''}: {_describe(head)}")
    return best


_FORMAT_NAMES = {"pdf": "PDF", "docx": "DOCX (Word) file", "html": "HTML page", "text": "text file", "listing": "listing file"}


def _describe(head: bytes) -> str:
    return "it is not text and has no known document signature (starts with bytes " + head[:8].hex(" ") + ")"


def read_bytes(data: bytes, source_name: str, *, max_bytes: int = MAX_BYTES) -> list[RawDocument]:
    """Read one file's bytes into one or more documents (a listing holds several)."""
    if len(data) > max_bytes:
        raise IngestError(source_name, _too_large(len(data), max_bytes))
    if not data:
        raise IngestError(source_name, "empty file")
    reader = choose_reader(data[:SNIFF_BYTES], source_name)
    assert reader.read is not None
    docs = reader.read(data, source_name)
    if not docs:
        raise IngestError(source_name, f"no report text found in this {_FORMAT_NAMES.get(reader.format, reader.format)}")
    return docs


def read_path(path: Path | str, *, max_bytes: int = MAX_BYTES) -> list[RawDocument]:
    """Read a file from disk; the size is checked before a single byte is read."""
    path = Path(path)
    name = str(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise IngestError(name, "not a regular file")
        if size > max_bytes:
            raise IngestError(name, _too_large(size, max_bytes))
        data = path.read_bytes()
    except FileNotFoundError:
        raise IngestError(name, "no such file") from None
    except PermissionError:
        raise IngestError(name, "permission denied") from None
    except IsADirectoryError:
        raise IngestError(name, "is a directory") from None
    return read_bytes(data, name, max_bytes=max_bytes)


def _too_large(size: int, limit: int) -> str:
    return f"file too large: {size / 2**20:.1f} MB > {limit / 2**20:g} MB limit"


def supported_extensions() -> tuple[str, ...]:
    return tuple(sorted({e for r in readers().values() for e in r.extensions}))


def iter_inputs(
    specs: Sequence[str],
    *,
    extensions: Sequence[str] | None = None,
    on_error: Callable[[IngestError], None] | None = None,
) -> Iterator[Path]:
    """Expand files, folders (recursively, sorted) and globs (``**`` too) into file paths.

    A file named explicitly is always yielded (its reader decides); files found inside
    folders or by globs are filtered to the supported extensions, hidden ones skipped.
    Each path is yielded once, lazily.  A spec that matches nothing is an
    :class:`IngestError` naming it, so a typo never silently becomes an empty batch: it
    goes to ``on_error`` when given, else it is raised *after* every other spec has been
    expanded, so the good inputs of a batch are never lost to one bad spec.
    """
    exts = tuple(e.lower() for e in (extensions or supported_extensions()))
    seen: set[Path] = set()
    errors: list[IngestError] = []

    def wanted(p: Path, root: Path | None = None) -> bool:
        parts = p.relative_to(root).parts if root is not None else (p.name,)
        return p.suffix.lower() in exts and not any(part.startswith(".") for part in parts) and p.is_file()

    for spec in specs:
        path = Path(spec).expanduser()
        if path.is_file():
            candidates: Iterator[Path] = iter([path])
        elif path.is_dir():
            candidates = (p for p in sorted(path.rglob("*")) if wanted(p, path))
        elif glob.has_magic(spec):
            matches = sorted(glob.glob(os.path.expanduser(spec), recursive=True))
            candidates = (Path(p) for p in matches if wanted(Path(p)))
        else:
            candidates = iter(())
        found = 0
        for p in candidates:
            found += 1
            key = p.resolve()
            if key not in seen:
                seen.add(key)
                yield p
        if not found:
            reason = (
                "no such file or folder"
                if not path.exists() and not glob.has_magic(spec)
                else f"matches no readable files (looked for {', '.join(exts)})"
            )
            err = IngestError(spec, reason)
            if on_error is not None:
                on_error(err)
            else:
                errors.append(err)
    if errors:
        raise errors[0] if len(errors) == 1 else IngestError(
            ", ".join(e.source_name for e in errors), "; ".join(f"{e.source_name}: {e.reason}" for e in errors)
        )
