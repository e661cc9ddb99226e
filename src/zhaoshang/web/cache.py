"""A small in-process cache of public, read-only responses, invalidated by the data.

Every page here is a pure function of the URL and the store, and the store changes
only by ingesting, re-extracting or editing — each of which adds a report or writes the
audit log.  So a response can be reused for as long as the store's *version*
(newest report id, report count, newest audit entry, newest fact ids) is unchanged; the
version is one cheap query per request, and any change invalidates every entry at once.

Only GETs without cookies are cached (the participation pages and anything personal
are never cached), only 200 responses of the allow-listed paths, only bodies up to
:data:`MAX_BODY`, and the key includes whether the client accepts gzip.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence

from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send


MAX_ENTRIES = 512
MAX_BODY = 2 * 1024 * 1024

CACHED_PREFIXES: tuple[str, ...] = (
    "/regions", "/reports", "/compare", "/map", "/targets", "/projects", "/industries", "/indicators", "/search",
    "/api/v1/home", "/api/v1/regions", "/api/v1/reports", "/api/v1/compare", "/api/v1/metrics", "/api/v1/map",
    "/api/v1/targets", "/api/v1/projects", "/api/v1/industries", "/api/v1/indicators", "/api/v1/search",
)  # fmt: skip
"""The portal's read-only pages and their JSON twins; ``/`` is matched exactly."""


def store_version(engine: Engine) -> tuple[object, ...]:
    """The fingerprint of the store's content: the services' own data version, so the
    response cache and the services' memo are invalidated by exactly the same changes."""
    from sqlalchemy.orm import Session

    from zhaoshang.services.cache import data_version

    with Session(engine) as session:
        return data_version(session)


def cacheable_path(path: str, prefixes: Sequence[str] = CACHED_PREFIXES) -> bool:
    return path == "/" or any(path == p or path.startswith(p + "/") or path.startswith(p + "?") for p in prefixes)


class ResponseCache:
    """ASGI middleware; ``version`` is called (in a thread) once per cacheable request."""

    def __init__(self, app: ASGIApp, version: Callable[[], tuple[object, ...]], max_entries: int = MAX_ENTRIES) -> None:
        self.app = app
        self.version = version
        self.max_entries = max_entries
        self.entries: OrderedDict[tuple[str, bool], tuple[tuple[object, ...], Message, bytes]] = OrderedDict()
        self.lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not cacheable_path(scope["path"]):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        if b"cookie" in headers or b"authorization" in headers:
            await self.app(scope, receive, send)
            return
        gz = b"gzip" in headers.get(b"accept-encoding", b"")
        key = (scope["path"] + "?" + scope.get("query_string", b"").decode("latin-1"), gz)
        version = await run_in_threadpool(self.version)
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None and entry[0] == version:
                self.entries.move_to_end(key)
                self.hits += 1
        if entry is not None and entry[0] == version:
            start = dict(entry[1])
            start["headers"] = [*entry[1]["headers"], (b"x-cache", b"hit")]
            await send(start)
            await send({"type": "http.response.body", "body": entry[2], "more_body": False})
            return
        self.misses += 1
        start_msg: Message | None = None
        chunks: list[bytes] = []
        size = 0
        keep = True

        async def capture(message: Message) -> None:
            nonlocal start_msg, size, keep
            if message["type"] == "http.response.start":
                start_msg = message
                keep = message["status"] == 200
            elif message["type"] == "http.response.body" and keep:
                body = message.get("body", b"")
                size += len(body)
                if size > MAX_BODY:
                    keep = False
                    chunks.clear()
                else:
                    chunks.append(body)
            await send(message)

        await self.app(scope, receive, capture)
        if keep and start_msg is not None:
            with self.lock:
                self.entries[key] = (version, start_msg, b"".join(chunks))
                self.entries.move_to_end(key)
                while len(self.entries) > self.max_entries:
                    self.entries.popitem(last=False)
