"""``zhaoshang ingest PATH...``: read reports into the store, with a progress bar and a summary."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from zhaoshang.services.ingest import DEFAULT_MAX_MB, IngestOptions, IngestOutcome, IngestSummary, ingest_paths


class _Progress:
    """A tqdm bar over input bytes, with the per-report counts as its postfix (stderr only)."""

    def __init__(self, total_bytes: int, enabled: bool) -> None:
        from tqdm import tqdm

        self.started = time.perf_counter()
        self.counts = {"ok": 0, "dup": 0, "failed": 0}
        self.bar = tqdm(
            total=total_bytes or None,
            unit="B",
            unit_scale=True,
            unit_divisor=1024,
            desc="ingest",
            file=sys.stderr,
            disable=not enabled,
            dynamic_ncols=sys.stderr.isatty(),
            ncols=None if sys.stderr.isatty() else 140,  # logs: wide enough that the counts are never cut
        )

    def outcome(self, outcome: IngestOutcome) -> None:
        key = {"ingested": "ok", "partial": "ok", "updated": "ok", "duplicate": "dup"}.get(outcome.status, "failed")
        self.counts[key] += 1
        if outcome.status == "failed" and not self.bar.disable:
            self.bar.write(f"failed: {outcome.source}: {outcome.reason}", file=sys.stderr)
        done = sum(self.counts.values())
        rate = done / max(time.perf_counter() - self.started, 1e-9)
        self.bar.set_postfix_str(
            f"{self.counts['ok']} stored, {self.counts['dup']} dup, {self.counts['failed']} failed, {rate:.1f} reports/s",
            refresh=False,  # the update() that follows redraws
        )

    def advance(self, nbytes: int) -> None:
        self.bar.update(nbytes)

    def close(self) -> None:
        if not self.bar.disable:
            self.bar.refresh()  # the last counts, even when the final update fell inside mininterval
        self.bar.close()


def _total_bytes(paths: tuple[str, ...]) -> int:
    """Sum of input sizes for the bar; globs and folders are expanded by the same registry."""
    from zhaoshang.ingest.registry import iter_inputs

    total = 0
    for spec in paths:
        try:
            for p in iter_inputs([str(spec)]):
                try:
                    total += Path(p).stat().st_size
                except OSError:
                    pass
        except Exception:  # noqa: BLE001 - the real run reports it
            continue
    return total


MAX_LISTED = 20
"""Duplicates listed by name in the summary; failures are always listed in full."""


def format_summary(summary: IngestSummary) -> list[str]:
    """The closing lines: what was stored, skipped and refused, each refusal with its reason."""
    mb = summary.bytes_read / 1e6
    lines = [
        f"ingested {summary.stored} report(s), skipped {len(summary.duplicates)} duplicate(s), "
        + (f"updated {len(summary.updated)}, " if summary.updated else "")
        + f"failed {len(summary.failed)} — {summary.files} file(s), {mb:.1f} MB in {summary.seconds:.1f}s"
    ]
    for o in summary.duplicates[:MAX_LISTED]:
        lines.append(f"  duplicate: {o.source} (already stored as report #{o.report_id})")
    if len(summary.duplicates) > MAX_LISTED:
        lines.append(f"  ... and {len(summary.duplicates) - MAX_LISTED} more duplicate(s)")
    for o in summary.updated:
        lines.append(f"  re-extracted with the new --region/--year: {o.source} (report #{o.report_id}, {o.region or 'no region'}, {o.year})")
    for o in summary.partial:
        lines.append(f"  stored with errors: {o.source} (report #{o.report_id}): {o.reason}")
    for o in summary.unrecognised_region:
        lines.append(
            f"  region {o.region_status}: {o.source} (report #{o.report_id}) — fix with --region NAME"
        )
    for o in summary.failed:
        lines.append(f"  failed: {o.source}: {o.reason}")
    return lines


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", "db", metavar="PATH|URL", help="SQLite file or database URL (default: $ZHAOSHANG_DATABASE_URL or ./zhaoshang.db).")
@click.option("--year", type=click.IntRange(1949, 2100), help="Meeting year to record, overriding detection.")
@click.option("--region", metavar="NAME|CODE", help="Region to record (e.g. 宝兴县 or 511827), overriding detection.")
@click.option(
    "--max-size",
    "max_size",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_MAX_MB,
    show_default=True,
    metavar="MB",
    help="Refuse input files larger than this.",
)
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: when stderr is a terminal).")
def ingest_command(
    paths: tuple[str, ...], db: str | None, year: int | None, region: str | None, max_size: float, progress: bool | None
) -> None:
    """Read reports (files, folders, globs; listing, text, HTML, PDF, DOCX) into the store.

    Each report is stored in its own transaction; a report already stored (same text)
    is skipped; a file that cannot be read is reported with its reason and the rest of
    the batch goes on.  Exits 1 when anything failed.
    """
    from zhaoshang.store.schema import StoreUnavailable, init_db

    try:
        engine = init_db(db)
    except StoreUnavailable as exc:
        raise click.ClickException(str(exc)) from exc
    options = IngestOptions(year=year, region=region, max_bytes=int(max_size * 1024 * 1024))
    enabled = sys.stderr.isatty() if progress is None else progress
    bar = _Progress(_total_bytes(paths) if enabled else 0, enabled)
    try:
        summary = ingest_paths(paths, engine, options, on_outcome=bar.outcome, on_advance=bar.advance)
    finally:
        bar.close()
        engine.dispose()
    for line in format_summary(summary):
        click.echo(line)
    if not summary.ok:
        sys.exit(1)


COMMANDS = [ingest_command]
