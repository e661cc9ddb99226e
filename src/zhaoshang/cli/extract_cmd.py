"""``zhaoshang extract FILE``: the extraction contract of DESIGN.md, no database needed."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import click

from zhaoshang.model import Document


def _summary(doc: Document) -> str:
    """A few readable lines: who, when, which parts, how many facts of each type."""
    m = doc.meta
    region = m.region.name if m.region else f"({m.region_status})"
    lines = [
        f"title    {m.title or '-'}",
        f"region   {region}   year {m.year or '-'}   meeting {m.meeting_date or '-'}   speaker {m.speaker or '-'}",
        "sections " + " · ".join(f"{s.kind}[{s.start}:{s.end}]" for s in doc.sections),
    ]
    counts = Counter({"indicators": len(doc.indicators), "projects": len(doc.projects), "enterprises": len(doc.enterprises),
                      "parks": len(doc.parks), "policies": len(doc.policies), "industries": len(doc.industries)})
    lines.append("facts    " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    for i in doc.indicators:
        q = {"at_least": "≥", "about": "≈", "at_most": "≤"}.get(i.qualifier or "", "")
        lines.append(f"  {i.kind:<6} {i.period:<9} {i.metric:<30} {i.measure:<14} {q}{i.number:g}{i.unit}")
    for p in doc.projects:
        lines.append(f"  project {p.name}  {p.investment_text or ''}  {p.status or ''}")
    return "\n".join(lines)


@click.command("extract")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the contract JSON (DESIGN.md).")
@click.option("--year", type=int, default=None, help="Meeting year, overriding detection (2021 for the report on 2020).")
@click.option("--region", default=None, help="Region name, overriding detection (resolved in the gazetteer).")
@click.option("--index", type=int, default=1, show_default=True, help="Which report of a listing file (1 = first).")
def extract(file: Path, as_json: bool, year: int | None, region: str | None, index: int) -> None:
    """Extract the facts of one report FILE (text, listing, HTML, PDF, DOCX)."""
    from zhaoshang.extract.pipeline import extract_file
    from zhaoshang.ingest.types import IngestError

    try:
        doc = extract_file(file, year=year, region=region, index=index - 1)
    except IngestError as exc:
        raise click.ClickException(exc.reason) from exc
    except IndexError as exc:
        raise click.ClickException(str(exc)) from exc
    for stage, reason in doc.stage_errors.items():
        # the other stages' facts are still printed; stdout stays the contract JSON
        click.echo(f"warning: the {stage} stage failed, its facts are missing ({reason})", err=True)
    if as_json:
        click.echo(json.dumps(doc.to_contract(), ensure_ascii=False))
    else:
        click.echo(_summary(doc))


COMMANDS = [extract]
