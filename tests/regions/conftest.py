"""Fixtures for the regions tests: the loaded gazetteer."""

from __future__ import annotations

import pytest

from zhaoshang.regions.gazetteer import Gazetteer, load_gazetteer


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return load_gazetteer()
