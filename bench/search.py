"""Full-text search benchmark: index build speed and size, query latency vs a brute-force scan.

The ten sample reports are repeated to N distinct reports (each copy gets its own closing line,
year and id), indexed with ``rebuild``, then 500 queries drawn from the corpus (substrings of
2–6 characters of random sentences, fixed seed) are run through ``search()`` — the full call the
web page makes: parse, total, four facets, one ranked page of 20 with snippets.  The baseline is
a brute-force scan of the same texts in memory (``str.count`` over every report, the strictest
baseline: no sentences, facets or ranking) and an SQL scan of the stored texts (``instr``/``strpos``
over ``reports.text``, what the store answers without an index) in the same run.

    .venv/bin/python bench/search.py            # 10,000 reports on SQLite (several minutes)
    .venv/bin/python bench/search.py --n 500    # a quick run
    .venv/bin/python bench/search.py --db postgresql://user@host/db   # an empty PostgreSQL database

Goals at 10,000 reports on SQLite: p95 ≤ 50 ms, ≥ 100× faster than the scan, build ≥ 2 MB/s.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert, text

from zhaoshang.search.indexer import index_size, optimize, rebuild
from zhaoshang.search.normalize import is_word_char
from zhaoshang.search.service import search
from zhaoshang.search.units import split_units
from zhaoshang.store.models import Report
from zhaoshang.store.regions import load_gazetteer_into
from zhaoshang.store.schema import init_db

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seed-reports"
REGIONS = {
    "baoxing": "511827", "chaozhou": "445100", "doumen": "440403", "fengyang": "341126",
    "hengyang": "430400", "hunan": "430000", "kelamayiqu": "650203", "pingtang": "522727",
    "puer": "530800", "zhongzhan": "410803",
}  # fmt: skip


def load_samples(folder: Path) -> list[tuple[str, str, str]]:
    out = []
    for path in sorted(folder.glob("*.txt")):
        title, body = path.read_text(encoding="utf-8").split("\n", 1)
        out.append((path.stem, title, body.rstrip("\n")))
    return out


def draw_queries(samples: list[tuple[str, str, str]], n: int, seed: int) -> list[str]:
    """Substrings of 2–6 characters of random sentences: what a user could paste from a report."""
    rng = random.Random(seed)
    sentences = [body[s:e] for _, _, body in samples for s, e in split_units(body) if e - s >= 6]
    out: list[str] = []
    while len(out) < n:
        sentence = rng.choice(sentences)
        k = rng.randint(2, 6)
        at = rng.randrange(0, len(sentence) - k + 1)
        q = sentence[at : at + k]
        if any(c.isspace() or c in '"＂' for c in q) or q[0] in "-－" or not any(is_word_char(c) for c in q):
            continue
        out.append(q)
    return out


def fill(engine, samples: list[tuple[str, str, str]], n: int) -> list[str]:  # type: ignore[no-untyped-def]
    """Insert N distinct reports (no indexing); returns their texts in id order."""
    texts = []
    rows = []
    for i in range(n):
        key, title, body = samples[i % len(samples)]
        body = f"{body}\n（第{i + 1}号副本）"
        year = 2021 - (i // len(samples)) % 5
        texts.append(body)
        rows.append({
            "id": i + 1, "title": f"{title}（{i + 1}）", "region_code": REGIONS.get(key), "year": year,
            "source_name": f"bench-{i + 1}", "source_format": "txt", "text": body, "char_count": len(body),
            "content_hash": hashlib.sha256(body.encode()).hexdigest(), "pipeline_version": "bench",
        })  # fmt: skip
        if len(rows) == 500 or i == n - 1:
            with engine.begin() as conn:
                conn.execute(insert(Report), rows)
            rows = []
    return texts


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the rebuild's workers)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000, help="number of reports (default 10,000)")
    ap.add_argument("--queries", type=int, default=500)
    ap.add_argument("--scan-queries", type=int, default=100, help="queries also answered by the scan (it is slow)")
    ap.add_argument("--db", help="SQLite path or empty PostgreSQL URL (default: a temporary SQLite file)")
    ap.add_argument("--samples", type=Path, default=SAMPLES)
    ap.add_argument("--seed", type=int, default=20210125)
    ap.add_argument("--optimize", action="store_true",
                    help="compact the index after the build (`zhaoshang reindex --optimize`); timed separately")
    ap.add_argument("--reuse", action="store_true",
                    help="query an already built --db (from an earlier run with the same --n) without rebuilding")
    args = ap.parse_args(argv)

    tmp = None
    if args.db is None:
        tmp = tempfile.mkdtemp(prefix="zs-bench-")
        args.db = os.path.join(tmp, "bench.db")
    engine = init_db(args.db)
    load_gazetteer_into(engine)
    samples = load_samples(args.samples)
    build_s = None
    if args.reuse:
        with engine.connect() as conn:
            texts = list(conn.execute(text("SELECT text FROM reports ORDER BY id")).scalars())
        mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        print(f"corpus (reused): {len(texts)} reports, {mb:.1f} MB; index size {index_size(engine) / 1e6:.1f} MB")
    else:
        t0 = time.perf_counter()
        texts = fill(engine, samples, args.n)
        fill_s = time.perf_counter() - t0
        mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        print(f"corpus: {args.n} reports, {mb:.1f} MB of text (UTF-8), stored in {fill_s:.1f}s", flush=True)
        t0, c0 = time.perf_counter(), _cpu()
        indexed = rebuild(engine)
        build_s, build_cpu = time.perf_counter() - t0, _cpu() - c0
        if engine.dialect.name == "sqlite":
            with engine.connect() as conn:
                conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        size_mb = index_size(engine) / 1e6
        print(f"index build: {indexed} reports in {build_s:.1f}s = {mb / build_s:.2f} MB/s "
              f"(CPU {build_cpu:.1f}s over {os.cpu_count()} cores = {mb / build_cpu:.2f} MB per CPU-second; "
              f"load average {os.getloadavg()[0]:.1f}); index size {size_mb:.1f} MB ({size_mb / mb:.2f}× the text)",
              flush=True)  # fmt: skip
    if args.optimize:
        t0 = time.perf_counter()
        optimize(engine)
        opt_s = time.perf_counter() - t0
        both = f" (build + optimize = {mb / (build_s + opt_s):.2f} MB/s)" if build_s else ""
        print(f"optimize: {opt_s:.1f}s{both}", flush=True)

    queries = draw_queries(samples, args.queries, args.seed)
    for q in queries[:5]:  # warm the caches and the segmenter the way a running server is
        search(engine, q)
    lat, totals = [], []
    for q in queries:
        t0 = time.perf_counter()
        result = search(engine, q)
        lat.append((time.perf_counter() - t0) * 1000)
        totals.append(result.total)
    scan = []
    for q in queries[: args.scan_queries]:
        t0 = time.perf_counter()
        sum(t.count(q) for t in texts)
        scan.append((time.perf_counter() - t0) * 1000)
    ratios = [s / l for s, l in zip(scan, lat)]
    # The scan a store without an index would run: instr() over every stored report text.
    sql_scan = []
    with engine.connect() as conn:
        find = "instr(text, :q) > 0" if engine.dialect.name == "sqlite" else "strpos(text, :q) > 0"
        for q in queries[: args.scan_queries]:
            t0 = time.perf_counter()
            conn.execute(text(f"SELECT id FROM reports WHERE {find}"), {"q": q}).all()
            sql_scan.append((time.perf_counter() - t0) * 1000)
    sql_ratios = [s / l for s, l in zip(sql_scan, lat)]
    print(f"queries: {len(queries)}; matching sentences per query: median {pct(totals, 50):.0f}, "
          f"p95 {pct(totals, 95):.0f}, max {max(totals)}")  # fmt: skip
    print(f"load average while querying: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"search(): median {statistics.median(lat):.1f} ms, p95 {pct(lat, 95):.1f} ms, max {max(lat):.1f} ms")
    print(f"scan ({len(scan)} queries): median {statistics.median(scan):.1f} ms, p95 {pct(scan, 95):.1f} ms")
    print(f"speed-up vs scan (same queries): median {statistics.median(ratios):.0f}×, "
          f"on the p95s {pct(scan, 95) / pct(lat[: len(scan)], 95):.0f}×")  # fmt: skip
    print(f"SQL scan of the stored texts ({len(sql_scan)} queries): median {statistics.median(sql_scan):.1f} ms, "
          f"p95 {pct(sql_scan, 95):.1f} ms; speed-up median {statistics.median(sql_ratios):.0f}×")  # fmt: skip
    if engine.dialect.name == "sqlite" and len(texts) >= 10_000:
        goals = [
            ("p95 ≤ 50 ms", pct(lat, 95) <= 50),
            ("≥ 100× the SQL scan", statistics.median(sql_ratios) >= 100),
            ("≥ 100× the in-memory str.count scan", statistics.median(ratios) >= 100),
        ] + ([("build ≥ 2 MB/s", mb / build_s >= 2)] if build_s else [])
        print("goals:", "; ".join(f"{name} {'met' if ok else 'MISSED'}" for name, ok in goals))
    engine.dispose()
    if tmp:
        for f in Path(tmp).glob("*"):
            f.unlink()
        os.rmdir(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
