"""``zhaoshang serve`` starts the portal on the given database, host and port."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_command_serves_pages_and_api(ingested_sqlite: Any, tmp_path: Path):
    db = ingested_sqlite.copy_to(tmp_path)
    port = _free_port()
    cmd = [sys.executable, "-c", "from zhaoshang.cli.main import cli; cli()", "serve", "--db", db, "--host", "127.0.0.1",
           "--port", str(port), "--log-level", "warning"]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except httpx.HTTPError:
                assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else "exited"
                assert time.monotonic() < deadline, "serve did not answer within 30 s"
                time.sleep(0.2)
        assert r.status_code == 200 and "招商" in r.text
        api = httpx.get(f"http://127.0.0.1:{port}/api/v1/reports", timeout=5).json()
        assert api["total"] >= 1
    finally:
        proc.terminate()
        proc.wait(timeout=10)
