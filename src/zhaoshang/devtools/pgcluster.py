"""A throwaway PostgreSQL cluster (initdb + pg_ctl in a temp dir on a free port).

The test suite and the benchmarks start their own server so that PostgreSQL is
tested for real on any machine with the server binaries, with nothing to set up.
initdb refuses to run as root, so as root the server runs as the ``postgres`` user.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

PG_VERSION = "15"


def pg_bindir() -> Path | None:
    """Where initdb and pg_ctl live: $ZHAOSHANG_PG_BINDIR, Debian's path, pg_config, PATH."""
    candidates = [os.environ.get("ZHAOSHANG_PG_BINDIR"), f"/usr/lib/postgresql/{PG_VERSION}/bin"]
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            candidates.append(subprocess.run([pg_config, "--bindir"], capture_output=True, text=True).stdout.strip())
        except OSError:
            pass
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(str(Path(initdb).parent))
    for cand in candidates:
        if cand and (Path(cand) / "initdb").is_file() and (Path(cand) / "pg_ctl").is_file():
            return Path(cand)
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgCluster:
    """initdb + pg_ctl in a temp dir on a free port; runs as ``postgres`` when we are root."""

    def __init__(self, bindir: Path, *, max_connections: int = 60) -> None:
        self.bindir = bindir
        self.max_connections = max_connections
        self.as_root = os.geteuid() == 0
        self.dir = Path(tempfile.mkdtemp(prefix="zhaoshang-pg-"))
        self.data = self.dir / "data"
        self.log = self.dir / "server.log"
        self.port = 0
        if self.as_root:
            import pwd

            try:
                pw = pwd.getpwnam("postgres")
            except KeyError:
                shutil.rmtree(self.dir, ignore_errors=True)
                raise RuntimeError("running as root but there is no 'postgres' user to run the server") from None
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=self.dir)
        if check and proc.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}\n{log}")
        return proc

    def start(self) -> None:
        self._run(
            "initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
            "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        last_error: Exception | None = None
        for _attempt in range(5):  # another process may grab the free port between probe and bind
            self.port = free_port()
            opts = (
                f"-h 127.0.0.1 -p {self.port} -k {self.dir} -F "
                f"-c synchronous_commit=off -c full_page_writes=off -c max_connections={self.max_connections} "
                "-c shared_buffers=32MB"
            )
            try:
                self._run("pg_ctl", "start", "-w", "-t", "60", "-D", str(self.data), "-l", str(self.log), "-o", opts)
                return
            except RuntimeError as exc:
                last_error = exc
                time.sleep(0.2)
        raise RuntimeError(f"could not start PostgreSQL: {last_error}")

    def stop(self) -> None:
        try:
            if self.port:
                self._run("pg_ctl", "stop", "-D", str(self.data), "-m", "immediate", "-w", check=False)
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        admin_execute(self.url("postgres"), f"CREATE DATABASE {name}")
        return self.url(name)

    def __enter__(self) -> PgCluster:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def admin_execute(server_url: str, *statements: str) -> None:
    """Run statements outside a transaction (CREATE/DROP DATABASE) on the server's maintenance db."""
    import psycopg
    from sqlalchemy import make_url

    url = make_url(server_url).set(drivername="postgresql", database="postgres")
    with psycopg.connect(url.render_as_string(hide_password=False), autocommit=True) as conn:
        for sql in statements:
            conn.execute(sql)
