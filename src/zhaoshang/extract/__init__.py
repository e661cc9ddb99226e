"""Extraction: normalised report text in, typed facts with exact spans out.

Entry points (imported lazily, so ``import zhaoshang.extract.numbers`` stays cheap):

* :func:`extract_document` — one normalised text → :class:`zhaoshang.model.Document`;
* :func:`extract_file` — read, normalise and extract one report of a file;
* :data:`EXTRACTORS` — the (Document field, "module:function") list the pipeline runs.

Stages, one module each: ``numbers`` (amounts and units), ``sections``, ``sentences``,
``metrics`` (aliases from ``data/metrics.json``), ``periods``, ``indicators``, ``view``
(the reading view the rules work on), plus projects, enterprises, parks, policies and
industries.
"""

from __future__ import annotations

from typing import Any

__all__ = ["extract_document", "extract_file", "EXTRACTORS"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from zhaoshang.extract import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'zhaoshang.extract' has no attribute {name!r}")
