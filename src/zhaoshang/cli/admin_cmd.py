"""``zhaoshang admin``: accounts and editorial exports from the shell."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from sqlalchemy import select

from zhaoshang.store.db import transaction
from zhaoshang.store.models import EnterpriseRegistration, User

DB_OPTION = click.option("--db", "db", default=None, help="SQLite path or database URL (default: $ZHAOSHANG_DATABASE_URL or ./zhaoshang.db).")


@click.group("admin")
def admin() -> None:
    """Editor and admin accounts, registrations export."""


@admin.command("create-user")
@click.argument("username")
@click.option("--role", type=click.Choice(["editor", "admin"]), default="editor", show_default=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (for scripts).")
@DB_OPTION
def create_user_cmd(username: str, role: str, password_stdin: bool, db: str | None) -> None:
    """Create an account; prompts for the password twice unless --password-stdin."""
    from zhaoshang.services.auth import AuthError, create_user
    from zhaoshang.store.schema import init_db

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    engine = init_db(db)
    try:
        with transaction(engine) as session:
            user = create_user(session, username, password, role)
            click.echo(f"created {user.role} {user.username} (id {user.id})")
    except AuthError as exc:
        raise click.ClickException(str(exc)) from None


@admin.command("list-users")
@DB_OPTION
def list_users_cmd(db: str | None) -> None:
    """List accounts with their roles."""
    from zhaoshang.store.schema import init_db

    with transaction(init_db(db)) as session:
        for u in session.scalars(select(User).order_by(User.id)):
            click.echo(f"{u.id}\t{u.username}\t{u.role}\t{'active' if u.active else 'disabled'}")


@admin.command("export-registrations")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@DB_OPTION
def export_registrations_cmd(fmt: str, output: Path, db: str | None) -> None:
    """Write every enterprise registration (企业入驻) to CSV or XLSX."""
    from zhaoshang.services.onboarding import REGISTRATION_COLUMNS, registration_rows
    from zhaoshang.services.tables import to_csv, to_xlsx
    from zhaoshang.store.schema import init_db

    with transaction(init_db(db)) as session:
        rows = registration_rows(session.scalars(select(EnterpriseRegistration).order_by(EnterpriseRegistration.id)))
    data = to_csv(rows, REGISTRATION_COLUMNS) if fmt == "csv" else to_xlsx(rows, REGISTRATION_COLUMNS)
    output.write_bytes(data)
    click.echo(f"wrote {len(rows)} registrations to {output}")


COMMANDS = [admin]
