"""Ingest benchmark: throughput and peak memory of the full pipeline against a bare read-and-decode.

The ten sample reports are repeated to N distinct documents (each copy gets its own
closing line, so every one has its own content hash and is really stored), written as
UTF-8 files, then:

1. baseline: read each file and decode it, nothing else (the floor any ingest pays);
2. ingest: ``zhaoshang.services.ingest.ingest_paths`` into a fresh database —
   read, decode, normalise with offset map, extract, store in one transaction each,
   search-index.

Both run in this process on the same files, so the ratio is comparable across machines.
Peak RSS comes from ``resource.getrusage`` and must stay under 300 MB for 1,000 reports
(documents are streamed, never held together).

    .venv/bin/python bench/ingest.py            # 1,000 reports into a temp SQLite file
    .venv/bin/python bench/ingest.py --n 50     # quick run
    .venv/bin/python bench/ingest.py --db postgresql://postgres@127.0.0.1:5432/bench
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO.parent / "shared" / "corpus" / "seed-reports"
RSS_LIMIT_MB = 300


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def make_corpus(samples: Path, n: int, folder: Path) -> tuple[list[Path], int]:
    """N distinct report files from the samples (title line, text, a per-copy closing line)."""
    sources = sorted(samples.glob("*.txt"))
    if not sources:
        raise SystemExit(f"no sample reports in {samples}")
    texts = [p.read_text(encoding="utf-8").rstrip("\n") for p in sources]
    paths: list[Path] = []
    total = 0
    for i in range(n):
        body = texts[i % len(texts)] + f"\n（本文为基准测试副本，编号{i:05d}。）\n"
        path = folder / f"{i:05d}-{sources[i % len(sources)].stem}.txt"
        data = body.encode("utf-8")
        path.write_bytes(data)
        paths.append(path)
        total += len(data)
    return paths, total


def baseline(paths: list[Path]) -> tuple[float, float]:
    """(wall, CPU) seconds to read and decode every file: the cost of touching the bytes at all."""
    started, cpu = time.perf_counter(), time.process_time()
    chars = 0
    for path in paths:
        chars += len(path.read_bytes().decode("utf-8"))
    assert chars > 0
    return time.perf_counter() - started, time.process_time() - cpu


def instrument(module: Any, names: list[str], spent: dict[str, float]) -> None:
    """Wrap module-level stage functions to accumulate their wall time (the pipeline calls them by name)."""
    for name in names:
        original: Callable[..., Any] = getattr(module, name)

        def timed(*args: Any, __original: Callable[..., Any] = original, __name: str = name, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return __original(*args, **kwargs)
            finally:
                spent[__name] += time.perf_counter() - started

        setattr(module, name, timed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000, help="distinct documents to ingest (default 1000)")
    parser.add_argument("--db", help="database URL (default: a temp SQLite file)")
    parser.add_argument("--samples", type=Path, default=SAMPLES, help="folder of sample .txt reports")
    args = parser.parse_args(argv)

    from zhaoshang.services import ingest as ingest_service
    from zhaoshang.store import repository
    from zhaoshang.store.schema import init_db

    work = Path(tempfile.mkdtemp(prefix="zhaoshang-bench-"))
    try:
        corpus = work / "corpus"
        corpus.mkdir()
        paths, total_bytes = make_corpus(args.samples, args.n, corpus)
        mb = total_bytes / 1e6
        print(f"corpus: {len(paths)} distinct reports, {mb:.1f} MB of UTF-8 text")

        base_s, base_cpu = baseline(paths)
        engine = init_db(args.db or str(work / "bench.db"))
        ingest_service.ensure_regions_loaded(engine)  # one-off setup, not per-report cost
        spent: dict[str, float] = defaultdict(float)
        instrument(ingest_service, ["read_documents", "normalise_raw", "process_raw", "store"], spent)
        instrument(repository, ["_index"], spent)
        rss_before = peak_rss_mb()
        cpu_started = time.process_time()
        started = time.perf_counter()
        summary = ingest_service.ingest_paths([str(corpus)], engine)
        ingest_s = time.perf_counter() - started
        ingest_cpu = time.process_time() - cpu_started
        engine.dispose()

        print(f"baseline read+decode: {base_s:8.3f} s  {mb / base_s:9.1f} MB/s  {len(paths) / base_s:9.0f} reports/s")
        print(
            f"full ingest:          {ingest_s:8.3f} s  {mb / ingest_s:9.3f} MB/s  {summary.stored / ingest_s:9.2f} reports/s"
        )
        print(f"ratio: ingest takes {ingest_s / base_s:,.0f}x the bare read-and-decode (wall time)")
        print(
            f"CPU: ingest {ingest_cpu:.1f} s = {mb / ingest_cpu:.3f} MB/s, {summary.stored / ingest_cpu:.2f} reports/s; "
            f"read+decode {base_cpu:.3f} s; ratio {ingest_cpu / max(base_cpu, 1e-9):,.0f}x "
            "(CPU figures hold when the machine is shared)"
        )
        print(
            "stages, wall s: read+decode "
            f"{spent['read_documents']:.1f}, normalise {spent['normalise_raw']:.1f}, "
            f"extract {spent['process_raw']:.1f}, store {spent['store'] - spent['_index']:.1f}, "
            f"search index {spent['_index']:.1f}"
        )
        print(
            f"stored {summary.stored}, duplicates {len(summary.duplicates)}, failed {len(summary.failed)}, "
            f"partial {len(summary.partial)}"
        )
        peak = peak_rss_mb()
        print(f"peak RSS: {peak:.0f} MB (before ingest {rss_before:.0f} MB; limit {RSS_LIMIT_MB} MB)")
        ok = peak < RSS_LIMIT_MB and not summary.failed and summary.stored == len(paths)
        print("OK" if ok else "NOT OK")
        return 0 if ok else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
