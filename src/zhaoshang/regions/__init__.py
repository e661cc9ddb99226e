"""Regions: the national gazetteer, recognising a report's own region, and report metadata.

- :mod:`.gazetteer` — every province, prefecture-level and county-level division (NBS codes,
  levels, parents); ``load_gazetteer()`` is cached.
- :mod:`.names` — how official names shorten (湖南省 → 湖南, 黔南布依族苗族自治州 → 黔南/黔南州).
- :mod:`.recognise` — ``recognise_region(text, title=, channel=, hint=)`` from the slots where
  a report names itself (channel, title, dateline, reporting government, speaker's office).
- :mod:`.meta` — ``detect_title``, ``detect_year``, ``detect_meeting_date``, ``detect_speaker``.
"""

from zhaoshang.regions.gazetteer import VINTAGE, Gazetteer, Place, load_gazetteer
from zhaoshang.regions.meta import detect_meeting_date, detect_speaker, detect_title, detect_year
from zhaoshang.regions.recognise import RegionMatch, recognise_region

__all__ = [
    "VINTAGE",
    "Gazetteer",
    "Place",
    "RegionMatch",
    "detect_meeting_date",
    "detect_speaker",
    "detect_title",
    "detect_year",
    "load_gazetteer",
    "recognise_region",
]
