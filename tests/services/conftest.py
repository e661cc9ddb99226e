from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from zhaoshang.store.db import make_engine
from zhaoshang.store.models import Base

from svc_builders import add_regions


@pytest.fixture
def svc_session(tmp_path) -> Iterator[Session]:
    """A fresh SQLite store holding the test slice of the gazetteer."""
    engine = make_engine(tmp_path / "svc.db")
    Base.metadata.create_all(engine)
    with Session(engine, expire_on_commit=False) as s:
        add_regions(s)
        yield s
    engine.dispose()
