"""``zhaoshang evaluate``: precision / recall / F1 of extraction against the gold labels."""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.command("evaluate")
@click.argument("gold_dir", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.argument("text_dir", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print scores, misses and false hits as JSON.")
@click.option("--quiet", is_flag=True, help="Only the score table, without misses and false hits.")
def evaluate(gold_dir: Path | None, text_dir: Path | None, as_json: bool, quiet: bool) -> None:
    """Score extraction on GOLD_DIR (default ../shared/gold/seed) against the report texts
    in TEXT_DIR (default ../shared/corpus/seed-reports)."""
    from zhaoshang.evaluate.runner import evaluate_dir, find_default_dirs, format_report

    default_gold, default_texts = find_default_dirs()
    gold_dir = gold_dir or default_gold
    text_dir = text_dir or default_texts
    if gold_dir is None or not gold_dir.is_dir():
        raise click.ClickException("no gold directory: pass GOLD_DIR (default ../shared/gold/seed was not found)")
    if text_dir is None or not text_dir.is_dir():
        raise click.ClickException("no text directory: pass TEXT_DIR (default ../shared/corpus/seed-reports was not found)")
    report = evaluate_dir(gold_dir, text_dir)
    if as_json:
        click.echo(json.dumps(report.to_dict(details=not quiet), ensure_ascii=False, indent=1))
    else:
        click.echo(format_report(report, details=not quiet))


COMMANDS = [evaluate]
