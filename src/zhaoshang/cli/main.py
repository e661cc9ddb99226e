"""The ``zhaoshang`` command: a thin click layer over the library.

Each command lives in its own module under ``zhaoshang.cli`` and registers itself
on import, so adding one never touches this file beyond the import list.
"""

from __future__ import annotations

import importlib

import click

from zhaoshang import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="zhaoshang")
def cli() -> None:
    """Read China's local government work reports as facts: ingest, extract, search, serve."""


COMMAND_MODULES = (
    "extract",
    "ingest",
    "evaluate",
    "search",
    "region",
    "serve",
    "admin",
    "demo",
    "db",
)

for _name in COMMAND_MODULES:
    _module = importlib.import_module(f"zhaoshang.cli.{_name}_cmd")
    for _command in getattr(_module, "COMMANDS", ()):
        cli.add_command(_command)
