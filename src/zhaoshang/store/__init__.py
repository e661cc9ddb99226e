"""The store: SQLAlchemy models, Alembic migrations and the writes every report goes through.

- ``db``: ``make_engine(db)``, ``resolve_url(db)``, ``transaction(engine)`` (SQLite with WAL by
  default, PostgreSQL through psycopg 3, from one URL or path).
- ``schema``: ``init_db(db)`` creates or upgrades a database to the newest Alembic revision
  (``migrations/``, configured in code); every command that touches the store calls it.
- ``models``: one table per fact type, each fact with ``start``/``end`` into ``reports.text``.
- ``regions``: ``load_gazetteer_into(engine)`` fills ``regions`` from the packaged gazetteer,
  once and idempotently.
- ``repository``: ``save_report`` (one transaction, dedupe by content hash, enterprises linked
  by canonical key, search index updated), ``reextract_report`` (keeps editor corrections),
  ``delete_report``.
"""
