"""Load test of the PostgreSQL deployment: concurrent visitors browsing and submitting.

Starts its own PostgreSQL cluster and a gunicorn server with uvicorn workers (the
documented deployment), ingests the bundled samples, then runs N clients for T
seconds.  Each client browses pages and submits the public forms (contact, 投稿
note and pasted report, 企业入驻) with a real CSRF round trip.  Afterwards it counts
the rows in the database: every accepted submission must be there, and there must
be no errors (5xx, connection failures, unexpected statuses).

    .venv/bin/python bench/participation_load.py [--clients 50] [--seconds 60] [--workers 4]

Only loopback traffic; the loop is bounded in time and stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import httpx
from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "zhaoshang" / "data" / "sample" / "seed-listing.txt"
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
VALID_CODE = "91350100M000100Y43"


class Stats:
    def __init__(self) -> None:
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.status: Counter[tuple[str, int]] = Counter()
        self.errors: list[str] = []
        self.accepted: Counter[str] = Counter()

    def record(self, kind: str, status: int, seconds: float, ok: set[int]) -> None:
        self.latency[kind].append(seconds)
        self.status[(kind, status)] += 1
        if status not in ok:
            self.errors.append(f"{kind}: HTTP {status}")


async def timed(client: httpx.AsyncClient, stats: Stats, kind: str, method: str, url: str,
                ok: set[int] = frozenset({200}), **kw) -> httpx.Response | None:  # type: ignore[assignment]
    t = time.perf_counter()
    try:
        r = await client.request(method, url, **kw)
    except httpx.HTTPError as exc:
        stats.errors.append(f"{kind}: {type(exc).__name__}")
        return None
    stats.record(kind, r.status_code, time.perf_counter() - t, ok)
    return r


async def submit(client: httpx.AsyncClient, stats: Stats, kind: str, form_path: str, data: dict[str, str]) -> None:
    page = await timed(client, stats, f"GET {form_path}", "GET", form_path)
    if page is None or page.status_code != 200:
        return
    m = CSRF_RE.search(page.text)
    if not m:
        stats.errors.append(f"{form_path}: no CSRF token")
        return
    r = await timed(client, stats, f"POST {kind}", "POST", form_path, data={"csrf_token": m.group(1), **data})
    if r is not None and r.status_code == 200:
        stats.accepted[kind] += 1


async def client_loop(i: int, base: str, deadline: float, stats: Stats, report_ids: list[int],
                      region_codes: list[str], report_text: str) -> None:
    rng = random.Random(i)
    async with httpx.AsyncClient(base_url=base, timeout=30.0) as client:
        n = 0
        while time.monotonic() < deadline:
            n += 1
            roll = rng.random()
            if roll < 0.2:
                await timed(client, stats, "home", "GET", "/")
            elif roll < 0.35:
                await timed(client, stats, "region", "GET", f"/regions/{rng.choice(region_codes)}")
            elif roll < 0.5:
                await timed(client, stats, "reader", "GET", f"/reports/{rng.choice(report_ids)}")
            elif roll < 0.6:
                await timed(client, stats, "api", "GET", "/api/v1/indicators", params={"metric": "gdp"})
            elif roll < 0.7:
                await submit(client, stats, "contact", "/contact", {
                    "name": f"访客{i}", "email": f"v{i}@example.cn", "subject": "合作", "body": f"第{n}条留言"})
            elif roll < 0.8:
                await submit(client, stats, "note", "/contribute", {
                    "kind": "note", "body": f"客户端{i}的第{n}条补充信息", "contributor_name": f"访客{i}"})
            elif roll < 0.9:
                await submit(client, stats, "enterprise", "/enterprise", {
                    "name": f"测试企业{i}-{n}", "credit_code": VALID_CODE, "industry_code": "SEI-3",
                    "contact_person": "王", "phone": "13800138000"})
            else:
                text = report_text.replace("2021", str(2030 + (i * 1000 + n) % 50)) + f"（客户端{i}，第{n}份）"
                await submit(client, stats, "report", "/contribute", {"kind": "report", "text": text})


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--workers", type=int, default=4)
    args = ap.parse_args()

    from zhaoshang.devtools.pgcluster import PgCluster, free_port, pg_bindir
    from zhaoshang.services.ingest import ingest_paths
    from zhaoshang.store.db import make_engine, transaction
    from zhaoshang.store.models import ContactMessage, EnterpriseRegistration, Region, Report, Submission
    from zhaoshang.store.schema import init_db

    bindir = pg_bindir()
    if bindir is None:
        print("PostgreSQL server binaries not found", file=sys.stderr)
        return 2
    with PgCluster(bindir, max_connections=300) as cluster:
        url = cluster.create_database("zhaoshang_bench")
        engine = init_db(url)
        summary = ingest_paths([SAMPLE], engine)
        assert not summary.failed, summary.failed
        with transaction(engine) as s:
            report_ids = list(s.scalars(select(Report.id)))
            region_codes = list(s.scalars(select(Region.code).join(Report, Report.region_code == Region.code)))
            report_text = s.scalars(select(Report.text).limit(1)).one()[:4000]
        port = free_port()
        env = {**os.environ, "ZHAOSHANG_DATABASE_URL": url, "ZHAOSHANG_SECRET_KEY": "bench-secret-" + str(port),
               "ZHAOSHANG_RATE_LIMIT_SCALE": "100000", "PYTHONFAULTHANDLER": "1"}
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-k", "uvicorn_worker.UvicornWorker", "-w", str(args.workers),
             "-b", f"127.0.0.1:{port}", "--log-level", "warning", "zhaoshang.web.app:app_from_env()"],
            env=env, cwd=str(ROOT),
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(200):
                try:
                    if httpx.get(base + "/", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.2)
            else:
                print("server did not start", file=sys.stderr)
                return 2
            stats = Stats()
            t0 = time.monotonic()
            deadline = t0 + args.seconds

            async def run() -> None:
                await asyncio.gather(*(client_loop(i, base, deadline, stats, report_ids, region_codes, report_text)
                                       for i in range(args.clients)))

            asyncio.run(run())
            elapsed = time.monotonic() - t0
        finally:
            server.terminate()
            server.wait(timeout=30)

        with transaction(engine) as s:
            stored = {
                "contact": s.scalar(select(func.count()).select_from(ContactMessage)),
                "note": s.scalar(select(func.count()).select_from(Submission).where(Submission.kind == "note")),
                "report": s.scalar(select(func.count()).select_from(Submission).where(Submission.kind == "report")),
                "enterprise": s.scalar(select(func.count()).select_from(EnterpriseRegistration)),
            }
            pending = s.scalar(select(func.count()).select_from(Submission).where(Submission.status == "pending"))
        engine.dispose()
        make_engine  # noqa: B018 - keep import for readers of this script

    total = sum(len(v) for v in stats.latency.values())
    print(f"clients={args.clients} seconds={elapsed:.1f} gunicorn workers={args.workers} (uvicorn), PostgreSQL 15")
    print(f"requests={total}  throughput={total / elapsed:.1f} req/s  errors={len(stats.errors)}")
    print(f"{'kind':<22}{'n':>7}{'p50 ms':>10}{'p95 ms':>10}")
    for kind, values in sorted(stats.latency.items()):
        print(f"{kind:<22}{len(values):>7}{statistics.median(values) * 1000:>10.1f}{percentile(values, .95) * 1000:>10.1f}")
    ok = True
    for kind in ("contact", "note", "report", "enterprise"):
        match = stats.accepted[kind] == stored[kind]
        ok &= match
        print(f"accepted {kind:<11}{stats.accepted[kind]:>6}  stored {stored[kind]:>6}  {'OK' if match else 'MISMATCH'}")
    print(f"moderation queue (pending submissions): {pending}")
    if stats.errors:
        print("first errors:", Counter(stats.errors).most_common(5))
    return 0 if ok and not stats.errors else 1


if __name__ == "__main__":
    raise SystemExit(main())
