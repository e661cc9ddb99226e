"""Shared fixtures: sample data paths, fresh migrated databases on SQLite and a real PostgreSQL 15.

Fixtures (all helpers may use them):

- ``repo_root``, ``sample_dir`` (../shared/corpus/seed-reports), ``sample_listing`` (the bundled
  src/zhaoshang/data/sample/seed-listing.txt), ``gold_dir`` (../shared/gold/seed).
- ``pg_url`` (session): a throwaway PostgreSQL cluster the suite starts and stops itself; the URL of
  an empty database ``zhaoshang_test`` in it.  Skipped only when the server binaries are absent and
  ``CI`` is unset; under ``CI`` a missing server fails.  ``ZHAOSHANG_TEST_PG_URL`` (a URL to an
  existing server whose role may CREATE DATABASE) replaces the throwaway cluster.
- ``db_url`` (function, parametrized ``sqlite`` / ``postgresql``): a fresh, empty database.
- ``engine`` (function): an engine on ``db_url``'s database, migrated to head (cloned from a
  migrated template, so it is fast).  Tests using it run on both backends.
- ``regions_engine`` (function): like ``engine`` with the national gazetteer loaded into ``regions``.
- ``sqlite_engine`` (function): a fresh migrated SQLite engine (no PostgreSQL parametrization).
- ``ingested_sqlite`` (session): a migrated SQLite file with the ten bundled sample reports
  ingested, built once per session (once per run under xdist).  READ-ONLY: copy it
  (``ingested_sqlite.copy_to(tmp_path)``) before writing.
"""

from __future__ import annotations

import fcntl
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, make_url

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = REPO_ROOT.parent / "shared"
SAMPLE_LISTING = REPO_ROOT / "src" / "zhaoshang" / "data" / "sample" / "seed-listing.txt"

PG_VERSION = "15"
PG_TEST_DB = "zhaoshang_test"
PG_TEMPLATE_DB = "zhaoshang_template"


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _missing(reason: str) -> None:
    """Skip locally, fail in CI: CI must never silently lose a backend or the sample data."""
    if _in_ci():
        pytest.fail(f"{reason} (CI is set, so this is an error, not a skip)", pytrace=False)
    pytest.skip(reason)


# --- paths -------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    """The ten sample reports (line 1 title, line 2 text), from the shared/ folder beside the repo."""
    path = SHARED_DIR / "corpus" / "seed-reports"
    if not path.is_dir():
        _missing(f"sample reports not found at {path}")
    return path


@pytest.fixture(scope="session")
def sample_listing() -> Path:
    """The bundled investment-site listing of the ten samples (shipped in the package)."""
    return SAMPLE_LISTING


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    path = SHARED_DIR / "gold" / "seed"
    if not path.is_dir():
        _missing(f"gold labels not found at {path}")
    return path


# --- PostgreSQL: a real throwaway cluster ------------------------------------------------------


def _pg_bindir() -> Path | None:
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


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgCluster:
    """initdb + pg_ctl in a temp dir on a free port; runs as ``postgres`` when we are root."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
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
            self.port = _free_port()
            opts = (
                f"-h 127.0.0.1 -p {self.port} -k {self.dir} -F "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60 "
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


def _pg_admin_execute(server_url: str, *statements: str) -> None:
    """Run statements outside a transaction (CREATE/DROP DATABASE) on the server's maintenance db."""
    import psycopg

    url = make_url(server_url).set(drivername="postgresql", database="postgres")
    with psycopg.connect(url.render_as_string(hide_password=False), autocommit=True) as conn:
        for sql in statements:
            conn.execute(sql)


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """URL of an empty database on a real PostgreSQL server started (and removed) by the suite."""
    external = os.environ.get("ZHAOSHANG_TEST_PG_URL")
    if external:
        from zhaoshang.store.db import resolve_url

        url = resolve_url(external)
        _pg_admin_execute(url, f"DROP DATABASE IF EXISTS {PG_TEST_DB} WITH (FORCE)", f"CREATE DATABASE {PG_TEST_DB}")
        yield make_url(url).set(database=PG_TEST_DB).render_as_string(hide_password=False)
        return
    bindir = _pg_bindir()
    if bindir is None:
        _missing(f"PostgreSQL server binaries not found (looked in /usr/lib/postgresql/{PG_VERSION}/bin, PATH)")
    cluster = PgCluster(bindir)  # type: ignore[arg-type]
    try:
        cluster.start()
        _pg_admin_execute(cluster.url("postgres"), f"CREATE DATABASE {PG_TEST_DB}")
    except Exception:
        cluster.stop()
        raise
    try:
        yield cluster.url(PG_TEST_DB)
    finally:
        cluster.stop()


# --- fresh databases on both backends ----------------------------------------------------------

_db_counter = itertools.count(1)


def _migrated_sqlite(path: Path, *, regions: bool) -> Path:
    from zhaoshang.store.regions import load_gazetteer_into
    from zhaoshang.store.schema import init_db

    engine = init_db(str(path))
    if regions:
        load_gazetteer_into(engine)
    engine.dispose()  # the last connection closing checkpoints the WAL into the main file
    return path


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file; each test gets a copy (faster than running the migrations again)."""
    return _migrated_sqlite(tmp_path_factory.mktemp("sqlite-template") / "template.db", regions=False)


@pytest.fixture(scope="session")
def _sqlite_regions_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _migrated_sqlite(tmp_path_factory.mktemp("sqlite-template") / "regions.db", regions=True)


def _migrated_pg(server: str, name: str, *, regions: bool) -> str:
    from zhaoshang.store.regions import load_gazetteer_into
    from zhaoshang.store.schema import init_db

    _pg_admin_execute(server, f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}")
    engine = init_db(make_url(server).set(database=name).render_as_string(hide_password=False))
    if regions:
        load_gazetteer_into(engine)
    engine.dispose()
    return name


@pytest.fixture(scope="session")
def _pg_template(pg_url: str) -> str:
    """A migrated database on the session cluster, cloned per test with CREATE DATABASE ... TEMPLATE."""
    return _migrated_pg(pg_url, PG_TEMPLATE_DB, regions=False)


@pytest.fixture(scope="session")
def _pg_regions_template(pg_url: str) -> str:
    return _migrated_pg(pg_url, PG_TEMPLATE_DB + "_regions", regions=True)


@dataclass
class _FreshDb:
    backend: str
    url: str
    path: Path | None = None  # SQLite file
    name: str | None = None  # PostgreSQL database name
    server: str | None = None
    created: bool = False


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def _fresh_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[_FreshDb]:
    """Names a database for this test; ``db_url`` creates it empty, ``engine`` clones a template."""
    if request.param == "sqlite":
        path = tmp_path / "zhaoshang.db"
        yield _FreshDb("sqlite", f"sqlite:///{path}", path=path)
        return
    server = request.getfixturevalue("pg_url")
    name = f"zs_test_{os.getpid()}_{next(_db_counter)}"
    db = _FreshDb("postgresql", make_url(server).set(database=name).render_as_string(hide_password=False), name=name, server=server)
    try:
        yield db
    finally:
        if db.created:
            _pg_admin_execute(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def db_url(_fresh_db: _FreshDb) -> str:
    """A fresh, empty database URL, once for SQLite and once for PostgreSQL."""
    if _fresh_db.backend == "postgresql" and not _fresh_db.created:
        _pg_admin_execute(_fresh_db.server, f"CREATE DATABASE {_fresh_db.name}")  # type: ignore[arg-type]
        _fresh_db.created = True
    return _fresh_db.url


def _clone_engine(db: _FreshDb, request: pytest.FixtureRequest, *, regions: bool) -> Engine:
    from zhaoshang.store.db import make_engine

    if db.backend == "sqlite":
        assert db.path is not None
        template = "_sqlite_regions_template" if regions else "_sqlite_template"
        shutil.copyfile(request.getfixturevalue(template), db.path)
    else:
        template = request.getfixturevalue("_pg_regions_template" if regions else "_pg_template")
        _pg_admin_execute(
            db.server,  # type: ignore[arg-type]
            f"DROP DATABASE IF EXISTS {db.name}",
            f"CREATE DATABASE {db.name} TEMPLATE {template} STRATEGY FILE_COPY",
        )
        db.created = True
    return make_engine(db.url)


@pytest.fixture
def engine(_fresh_db: _FreshDb, request: pytest.FixtureRequest) -> Iterator[Engine]:
    """A migrated engine on ``db_url``'s database (same URL), on SQLite and on PostgreSQL."""
    eng = _clone_engine(_fresh_db, request, regions=False)
    try:
        yield eng
    finally:
        eng.dispose()


@pytest.fixture
def regions_engine(_fresh_db: _FreshDb, request: pytest.FixtureRequest) -> Iterator[Engine]:
    """Like ``engine``, with the national gazetteer already loaded into ``regions``."""
    eng = _clone_engine(_fresh_db, request, regions=True)
    try:
        yield eng
    finally:
        eng.dispose()


@pytest.fixture
def sqlite_engine(tmp_path: Path, _sqlite_template: Path) -> Iterator[Engine]:
    """A fresh migrated SQLite engine, for tests that need no PostgreSQL run."""
    from zhaoshang.store.db import make_engine

    path = tmp_path / "zhaoshang.db"
    shutil.copyfile(_sqlite_template, path)
    eng = make_engine(str(path))
    try:
        yield eng
    finally:
        eng.dispose()


# --- the ten samples, ingested once --------------------------------------------------------------


@dataclass(frozen=True)
class IngestedDb:
    """A SQLite database holding the ten bundled sample reports.  Treat as read-only."""

    path: Path
    url: str

    def copy_to(self, directory: Path) -> str:
        """Copy the database into ``directory`` and return the copy's URL (for tests that write)."""
        target = Path(directory) / self.path.name
        shutil.copyfile(self.path, target)
        return f"sqlite:///{target}"


@pytest.fixture(scope="session")
def ingested_sqlite(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> IngestedDb:
    """The bundled sample listing ingested into SQLite, built once per run (shared by xdist workers)."""
    base = tmp_path_factory.getbasetemp()
    root = base if worker_id == "master" else base.parent  # the parent is per run under xdist
    path = root / "ingested-samples.db"
    lock_path = root / "ingested-samples.lock"
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not path.exists():
                _build_ingested(path)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return IngestedDb(path=path, url=f"sqlite:///{path}")


def _build_ingested(path: Path) -> None:
    from zhaoshang.services.ingest import ingest_paths
    from zhaoshang.store.schema import init_db

    building = path.with_suffix(".building")
    for stale in building.parent.glob(building.name + "*"):
        stale.unlink()
    engine = init_db(str(building))
    try:
        summary = ingest_paths([SAMPLE_LISTING], engine)
    finally:
        engine.dispose()
    if summary.failed:
        reasons = "; ".join(f"{o.source}: {o.reason}" for o in summary.failed)
        raise RuntimeError(f"ingesting the bundled samples failed: {reasons}")
    building.replace(path)


@pytest.fixture(scope="session")
def worker_id(request: pytest.FixtureRequest) -> str:
    """xdist's worker id, or "master" without xdist (xdist's own fixture overrides this one)."""
    workerinput = getattr(request.config, "workerinput", None)
    return workerinput["workerid"] if workerinput else "master"
