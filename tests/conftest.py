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
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, make_url

from zhaoshang.devtools.pgcluster import PgCluster, admin_execute, pg_bindir

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


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """URL of an empty database on a real PostgreSQL server started (and removed) by the suite."""
    external = os.environ.get("ZHAOSHANG_TEST_PG_URL")
    if external:
        from zhaoshang.store.db import resolve_url

        url = resolve_url(external)
        admin_execute(url, f"DROP DATABASE IF EXISTS {PG_TEST_DB} WITH (FORCE)", f"CREATE DATABASE {PG_TEST_DB}")
        yield make_url(url).set(database=PG_TEST_DB).render_as_string(hide_password=False)
        return
    bindir = pg_bindir()
    if bindir is None:
        _missing(f"PostgreSQL server binaries not found (looked in /usr/lib/postgresql/{PG_VERSION}/bin, PATH)")
    cluster = PgCluster(bindir)  # type: ignore[arg-type]
    try:
        cluster.start()
        admin_execute(cluster.url("postgres"), f"CREATE DATABASE {PG_TEST_DB}")
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

    admin_execute(server, f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}")
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
            admin_execute(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def db_url(_fresh_db: _FreshDb) -> str:
    """A fresh, empty database URL, once for SQLite and once for PostgreSQL."""
    if _fresh_db.backend == "postgresql" and not _fresh_db.created:
        admin_execute(_fresh_db.server, f"CREATE DATABASE {_fresh_db.name}")  # type: ignore[arg-type]
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
        admin_execute(
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
