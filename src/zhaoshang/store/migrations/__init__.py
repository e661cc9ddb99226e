"""Alembic migrations for the zhaoshang store, run programmatically (see ``zhaoshang.store.schema``)."""
