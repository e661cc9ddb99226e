"""The ten sample reports with their channel (from the listing) and gold labels.

A plain module, not conftest.py: test modules import it by a name no other folder uses.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest


SHARED = Path(__file__).resolve().parents[2].parent / "shared"
REPORTS = SHARED / "corpus" / "seed-reports"
LISTING = SHARED / "corpus" / "seed-listing.txt"
GOLD = SHARED / "gold" / "seed"


@dataclass(frozen=True)
class Sample:
    doc: str
    title: str
    text: str
    channel: str
    gold: dict[str, Any]


def _channels() -> dict[str, str]:
    """Title → channel, from the investment site's listing (【宝兴县招商】2021年宝兴县政府工作报告)."""
    text = LISTING.read_text(encoding="utf-8")
    return {m.group(2).strip(): m.group(1) for m in re.finditer(r"^【(.+?)】(.+)$", text, re.M)}


def _samples() -> list[Sample]:
    channels = _channels()
    out = []
    for path in sorted(REPORTS.glob("*.txt")):
        title, text = path.read_text(encoding="utf-8").split("\n", 1)
        gold = json.loads((GOLD / f"{path.stem}.json").read_text(encoding="utf-8"))
        out.append(Sample(path.stem, title.strip(), text.strip(), f"【{channels[title.strip()]}】", gold))
    return out


SAMPLES = _samples() if REPORTS.is_dir() else []
needs_samples = pytest.mark.skipif(not SAMPLES, reason=f"sample reports not found at {REPORTS}")


def require_samples() -> None:
    """Skip locally, fail under CI, when the shared sample corpus is absent (as tests/conftest.py)."""
    if SAMPLES:
        return
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        pytest.fail(f"sample reports not found at {REPORTS} (CI is set)", pytrace=False)
    pytest.skip(f"sample reports not found at {REPORTS}")
