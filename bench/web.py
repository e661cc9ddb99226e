"""Web benchmark: 20 concurrent clients against a local portal on the samples × N.

    .venv/bin/python bench/web.py            # 100 copies of the 10 samples = 1,000 reports
    .venv/bin/python bench/web.py --n 10     # 100 reports, quicker

Builds the database in a temp dir: the ten bundled samples go through the real ingest
service once, then each report is copied N-1 times at the database level (distinct
title and content hash, every section and fact copied with its span), which is what
ingesting N distinct copies would store, in seconds instead of re-running extraction
N times.  Starts ``uvicorn`` (one worker, the app factory) on a free 127.0.0.1 port,
warms up, then runs a bounded number of requests per URL from an asyncio + httpx load
generator with ``--clients`` concurrent connections, and prints requests/s and
p50/p95/p99 latency of each page next to a static file served by the same server in
the same run (the ratio is the figure that transfers between machines).
Goal: p95 ≤ 100 ms for every page.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from zhaoshang.services.ingest import ingest_paths
from zhaoshang.store.models import FACT_TABLES, Report, ReportSection
from zhaoshang.store.schema import init_db

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "src" / "zhaoshang" / "data" / "sample" / "seed-listing.txt"


def build_db(path: Path, copies: int) -> int:
    """Ingest the samples, then add ``copies - 1`` distinct copies of every report."""
    engine = init_db(str(path))
    summary = ingest_paths([SAMPLES], engine)
    if summary.failed:
        raise SystemExit(f"ingest failed: {[o.reason for o in summary.failed]}")
    with Session(engine) as s:
        originals = list(s.scalars(select(Report)))
        report_cols = [c for c in Report.__table__.columns if c.name != "id"]
        for k in range(1, copies):
            for rep in originals:
                values = {c.name: getattr(rep, c.key) for c in report_cols}
                values["title"] = f"{rep.title or ''}（副本{k}）"
                values["content_hash"] = hashlib.sha256(f"{rep.content_hash}:{k}".encode()).hexdigest()
                new_id = s.execute(insert(Report).values(**values).returning(Report.id)).scalar_one()
                for model in (ReportSection, *FACT_TABLES.values()):
                    table = model.__table__
                    cols = [c for c in table.columns if c.name not in ("id", "report_id")]
                    rows = s.execute(select(*cols).where(table.c.report_id == rep.id)).all()
                    if rows:
                        s.execute(insert(table), [{**dict(zip([c.name for c in cols], r)), "report_id": new_id} for r in rows])
            s.commit()
        n = s.scalar(select(func.count(Report.id))) or 0
    engine.dispose()
    return int(n)


def count_reports(db: Path) -> int:
    """Reports in an existing database."""
    from zhaoshang.store.db import make_engine

    engine = make_engine(str(db))
    with Session(engine) as s:
        n = s.scalar(select(func.count(Report.id))) or 0
    engine.dispose()
    return int(n)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path, port: int, cache: bool) -> subprocess.Popen[bytes]:
    env = {**os.environ, "ZHAOSHANG_DATABASE_URL": f"sqlite:///{db}", "ZHAOSHANG_WEB_CACHE": "1" if cache else "0"}
    cmd = [sys.executable, "-m", "uvicorn", "zhaoshang.web.app:app_from_env", "--factory",
           "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log"]  # fmt: skip
    proc = subprocess.Popen(cmd, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/static/favicon.svg", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("server did not start")


async def load(base: str, path: str, clients: int, requests: int, max_seconds: float) -> dict[str, float]:
    """``requests`` GETs of ``path`` from ``clients`` concurrent workers (stops early at ``max_seconds``)."""
    latencies: list[float] = []
    errors = 0
    remaining = requests
    deadline = time.perf_counter() + max_seconds

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal remaining, errors
        while remaining > 0 and time.perf_counter() < deadline:
            remaining -= 1
            t0 = time.perf_counter()
            r = await client.get(path)
            await r.aread()
            latencies.append(time.perf_counter() - t0)
            if r.status_code != 200:
                errors += 1

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        started = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(clients)))
        elapsed = time.perf_counter() - started
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000

    return {
        "n": len(latencies), "errors": errors, "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000, "p95": pct(0.95), "p99": pct(0.99),
    }  # fmt: skip


WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("ZS %d %d %d %d %d\\n", summary.requests, latency:percentile(50),
    latency:percentile(95), latency:percentile(99), summary.errors.status + summary.errors.connect
    + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def load_wrk(base: str, path: str, clients: int, seconds: float) -> dict[str, float]:
    """The same measurement with wrk (C, event loop: the load generator costs the server
    almost no CPU, which matters on a 2-core machine)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(WRK_SCRIPT)
    try:
        out = subprocess.run(
            ["wrk", "-t2", f"-c{clients}", f"-d{max(1, int(seconds))}s", "-s", f.name, "-H", "Accept-Encoding: gzip", base + path],
            capture_output=True, text=True, check=True,
        ).stdout
    finally:
        os.unlink(f.name)
    line = next(ln for ln in out.splitlines() if ln.startswith("ZS "))
    n, p50, p95, p99, errors = (int(x) for x in line.split()[1:])
    rps = float(next(ln for ln in out.splitlines() if ln.startswith("Requests/sec:")).split()[1])
    return {"n": n, "errors": errors, "rps": rps, "p50": p50 / 1000, "p95": p95 / 1000, "p99": p99 / 1000}


def targets(base: str) -> list[tuple[str, str]]:
    """The pages to measure, picked from the data (the busiest region, its first report)."""
    regions = httpx.get(f"{base}/api/v1/regions?sort=-reports&per_page=1").json()["items"]
    code = regions[0]["code"]
    report = httpx.get(f"{base}/api/v1/reports?region={code}&per_page=1&sort=id").json()["items"][0]["id"]
    css = httpx.get(f"{base}/").text.split('href="/static/css/site.css')[1].split('"')[0]
    return [
        ("static file (baseline)", f"/static/css/site.css{css}"),
        ("home /", "/"),
        (f"region channel /regions/{code}", f"/regions/{code}"),
        (f"report reader /reports/{report}", f"/reports/{report}"),
        ("compare /compare (default metric)", "/compare"),
        ("API list /api/v1/reports", "/api/v1/reports?per_page=50"),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100, help="copies of the 10 samples (100 → 1,000 reports)")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=400, help="requests per URL")
    ap.add_argument("--max-seconds", type=float, default=30.0, help="time cap per URL")
    ap.add_argument("--keep", action="store_true", help="keep the temp database")
    ap.add_argument("--engine", choices=["auto", "wrk", "python"], default="auto",
                    help="load generator: wrk if installed (apt-get install wrk), else asyncio+httpx")
    ap.add_argument("--seconds", type=float, default=10.0, help="duration per URL with wrk")
    ap.add_argument("--db", type=Path, help="reuse a database built by an earlier --keep run")
    args = ap.parse_args()
    if args.engine == "auto":
        args.engine = "wrk" if shutil.which("wrk") else "python"

    tmp = Path(tempfile.mkdtemp(prefix="zhaoshang-bench-"))
    if args.db:
        db = args.db
        n_reports = int(count_reports(db))
        print(f"database: {n_reports} reports (reused {db})")
    else:
        db = tmp / "bench.db"
        t0 = time.perf_counter()
        n_reports = build_db(db, args.n)
        print(f"database: {n_reports} reports built in {time.perf_counter() - t0:.1f} s ({db})")
    print(f"load generator: {args.engine}")
    try:
        for cache in (False, True):
            run(db, n_reports, cache, args)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


def run(db: Path, n_reports: int, cache: bool, args: argparse.Namespace) -> None:
    """One server, every URL measured; prints one table."""
    port = free_port()
    server = start_server(db, port, cache)
    base = f"http://127.0.0.1:{port}"
    try:
        pages = targets(base)
        for _label, path in pages:  # warm-up: first template compile, SQLite pages, the cache when on
            for _ in range(3):
                httpx.get(base + path, timeout=30)
        if args.engine == "wrk":
            results = [(label, path, load_wrk(base, path, args.clients, args.seconds)) for label, path in pages]
        else:
            results = [(label, path, asyncio.run(load(base, path, args.clients, args.requests, args.max_seconds)))
                       for label, path in pages]  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=10)
    static = results[0][2]
    mode = "response cache ON (zhaoshang serve default)" if cache else "response cache OFF (every request renders)"
    amount = f"{args.seconds:g} s per URL" if args.engine == "wrk" else f"≤{args.requests} requests per URL"
    print(f"\n{mode}: {args.clients} concurrent clients, {amount}, {n_reports} reports, 1 uvicorn worker\n")
    print(f"{'page':42} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'p95/static':>11} {'errors':>7}")
    worst = 0.0
    for label, _path, r in results:
        ratio = r["p95"] / static["p95"] if static["p95"] else float("nan")
        if not label.startswith("static"):
            worst = max(worst, r["p95"])
        print(f"{label:42} {r['rps']:8.1f} {r['p50']:8.1f} {r['p95']:8.1f} {r['p99']:8.1f} {ratio:11.1f} {int(r['errors']):7d}")
    verdict = "meets" if worst <= 100 else "misses"
    print(f"worst page p95 = {worst:.1f} ms: {verdict} the goal of p95 ≤ 100 ms")

if __name__ == "__main__":
    main()
