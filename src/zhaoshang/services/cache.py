"""Memoising corpus-wide answers per data version.

The metric menu, the corpus overview or the targets league scan every fact of the corpus
(tens of thousands of rows at 1,000 reports), yet they only change when the data does. So
each answer is kept per engine and reused while the *data version* is unchanged — a
handful of index-only look-ups (report count, highest id of every fact table, latest
audit entry) taken in one round trip:

* ingesting or deleting a report changes the report count or highest report id;
* re-extraction inserts facts with new ids;
* an editor's correction or deletion writes an audit entry (services.editing).

A change that bypasses all three (a hand-written UPDATE) is picked up after
:data:`TTL_SECONDS`. Set ``ZHAOSHANG_SERVICE_CACHE=0`` to switch memoising off.
Cached values are shared between callers: treat them as read-only.
"""

from __future__ import annotations

import os
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from zhaoshang.store.models import FACT_TABLES, AuditEntry, Report

T = TypeVar("T")

TTL_SECONDS = 60.0
MAX_ENTRIES = 256
"""Per engine; least recently used answers are dropped first."""

_lock = threading.Lock()
_stores: weakref.WeakKeyDictionary[Any, OrderedDict[Hashable, tuple[tuple[Any, ...], float, Any]]] = (
    weakref.WeakKeyDictionary()
)


def enabled() -> bool:
    return os.environ.get("ZHAOSHANG_SERVICE_CACHE", "1").strip().lower() not in ("0", "false", "no", "off")


def data_version(session: Session) -> tuple[Any, ...]:
    """A tuple that changes whenever reports, facts or editors' changes do (see module doc)."""
    parts = [
        select(func.count(Report.id)).scalar_subquery(),
        select(func.max(Report.id)).scalar_subquery(),
        select(func.max(AuditEntry.id)).scalar_subquery(),
    ]
    parts += [select(func.max(model.id)).scalar_subquery() for model in FACT_TABLES.values()]  # type: ignore[attr-defined]
    return tuple(session.execute(select(*parts)).one())


def _engine_of(session: Session) -> Any:
    bind = session.get_bind()
    return getattr(bind, "engine", bind)


def memoised(session: Session, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()`` once per data version (and at most every TTL_SECONDS) per engine."""
    if not enabled():
        return compute()
    version = data_version(session)
    engine = _engine_of(session)
    now = time.monotonic()
    with _lock:
        store = _stores.setdefault(engine, OrderedDict())
        hit = store.get(key)
        if hit is not None and hit[0] == version and hit[1] > now:
            store.move_to_end(key)
            return hit[2]  # type: ignore[no-any-return]
    value = compute()
    with _lock:
        store = _stores.setdefault(engine, OrderedDict())
        store[key] = (version, now + TTL_SECONDS, value)
        store.move_to_end(key)
        while len(store) > MAX_ENTRIES:
            store.popitem(last=False)
    return value


def clear() -> None:
    """Forget every memoised answer (tests, or after out-of-band changes)."""
    with _lock:
        _stores.clear()


def _freeze(value: Any) -> Hashable:
    if isinstance(value, (list, tuple, set, frozenset)):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    return value  # type: ignore[no-any-return]


def memoise(func: Callable[..., T]) -> Callable[..., T]:
    """Decorator for ``func(session, *args, **kwargs)``: memoised per data version on the
    function's name and its (frozen) arguments. ``func.uncached`` is the plain function."""
    import functools

    @functools.wraps(func)
    def wrapper(session: Session, *args: Any, **kwargs: Any) -> T:
        key = (func.__module__, func.__qualname__, _freeze(args), _freeze(kwargs))
        return memoised(session, key, lambda: func(session, *args, **kwargs))

    wrapper.uncached = func  # type: ignore[attr-defined]
    return wrapper
