"""Default gold and text directories resolve wherever the command is run from.

(The issue-3 bars are checked on the samples in tests/cli/test_extract_cmd.py; the
held-out set has its own bars in tests/holdout/test_holdout.py.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from zhaoshang.evaluate.runner import find_default_dirs


def test_default_directories_resolve_from_any_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = find_default_dirs()
    monkeypatch.chdir(tmp_path)
    assert find_default_dirs() == expected
