"""``zhaoshang serve``: the portal and its JSON API on one port."""

from __future__ import annotations

import click


@click.command("serve")
@click.option("--db", "db", default=None, help="数据库：SQLite 路径或 SQLAlchemy URL（默认 ZHAOSHANG_DATABASE_URL 或 ./zhaoshang.db）")
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址")
@click.option("--port", default=8000, show_default=True, type=int, help="端口")
@click.option("--workers", default=1, show_default=True, type=int, help="uvicorn 工作进程数（PostgreSQL 部署可多进程）")
@click.option("--cache/--no-cache", default=True, show_default=True, help="缓存公开页面的响应（数据变化时自动失效）")
@click.option("--log-level", default="info", show_default=True, type=click.Choice(["critical", "error", "warning", "info", "debug"]))
def serve(db: str | None, host: str, port: int, workers: int, cache: bool, log_level: str) -> None:
    """Serve the portal (pages in Chinese, /api/v1 JSON, /docs) on HOST:PORT."""
    import os

    import uvicorn

    from zhaoshang.store.db import ENV_VAR, resolve_url
    from zhaoshang.store.schema import init_db

    url = resolve_url(db)
    init_db(url).dispose()  # create or upgrade the schema before the first request
    click.echo(f"zhaoshang: serving {url.split('@')[-1]} on http://{host}:{port}/  (API docs: /docs)")
    if workers > 1:
        os.environ[ENV_VAR] = url  # each worker process builds its own app from the environment
        os.environ["ZHAOSHANG_WEB_CACHE"] = "1" if cache else "0"
        uvicorn.run("zhaoshang.web.app:app_from_env", factory=True, host=host, port=port, workers=workers, log_level=log_level)
    else:
        from zhaoshang.web.app import create_app

        uvicorn.run(create_app(url, cache=cache), host=host, port=port, log_level=log_level)


COMMANDS = [serve]
