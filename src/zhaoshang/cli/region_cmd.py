"""``zhaoshang region NAME [--json] [--targets] [--db]``: a region's profile in the terminal."""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click


def _width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _clip(text: str, limit: int) -> str:
    if _width(text) <= limit:
        return text
    out = ""
    for ch in text:
        if _width(out + ch + "…") > limit:
            break
        out += ch
    return out + "…"


def format_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], max_col: int = 40) -> str:
    """A plain aligned table that lines up Chinese text (no dependency on a TUI library)."""
    cells = [[_clip("" if v is None else str(v), max_col) for v in row] for row in rows]
    widths = [_width(h) for h in headers]
    for row in cells:
        for i, v in enumerate(row):
            widths[i] = max(widths[i], _width(v))

    def line(values: Sequence[str]) -> str:
        return "  ".join(v + " " * (widths[i] - _width(v)) for i, v in enumerate(values)).rstrip()

    out = [line(list(headers)), line(["-" * w for w in widths])]
    out.extend(line(r) for r in cells)
    return "\n".join(out)


def _num(n: float | None) -> str:
    if n is None:
        return ""
    if float(n).is_integer() and abs(n) < 1e18:
        return str(int(n))
    return f"{n:.6g}"


def _fig(v: dict[str, Any] | None) -> str:
    if not v:
        return ""
    q = {"at_least": "以上", "about": "左右", "at_most": "以内"}.get(v.get("qualifier") or "", "")
    return f"{_num(v['number'])}{v['unit']}{q}"


def render_profile(p: dict[str, Any]) -> str:
    """The profile dict (RegionProfile.to_dict()) as readable sections."""
    r = p["region"]
    path = " › ".join([x["name"] for x in r["parents"]] + [r["name"]])
    out = [f"【{r['short_name']}招商】 {path}  ({r['code']}, {r['level']})"]
    if any(p.get("targets", {}).values()):
        t = p["targets"]
        out.append(f"目标 Targets: met {t['met']} · missed {t['missed']} · not reported {t['not_reported']} · pending {t['pending']}")
    out.append("")
    out.append("报告 Reports")
    out.append(
        format_table(
            ["year", "id", "title", "meeting", "indicators", "projects"],
            [[x["year"], x["id"], x["title"], x["meeting_date"], x["n_indicators"], x["n_projects"]] for x in p["reports"]],
        )
        if p["reports"]
        else "  (no reports)"
    )
    below = p.get("descendants") or p["children"]
    if below:
        out += ["", "下辖地区 Regions below with reports"]
        out.append(
            format_table(
                ["code", "name", "level", "reports", "latest"],
                [[c["code"], c["name"], c["level"], c["reports"], c["latest_year"]] for c in below],
            )
        )
    rows = []
    for s in p["indicators"]:
        for pt in s["points"]:
            src = pt["actual"] or pt["target"]
            rows.append([s["metric_label"], s["measure_label"], pt["period"], _fig(pt["actual"]), _fig(pt["target"]), f"#{src['report_id']}@{src['start']}"])
    if rows:
        out += ["", "指标 Indicators (actual vs target)"]
        out.append(format_table(["metric", "measure", "period", "actual", "target", "source"], rows))
    if p["projects"]:
        out += ["", "项目 Top projects"]
        out.append(
            format_table(
                ["project", "投资(亿元)", "status", "year", "source"],
                [[x["name"], _num(x["investment_yi"]), x["status"], x["report_year"], f"#{x['report_id']}@{x['start']}"] for x in p["projects"]],
            )
        )
    if p["industries"]:
        out += ["", "产业 Industries (weight)"]
        out.append(
            format_table(
                ["industry", "weight", "mentions", "evidence"],
                [[x["name"], _num(x["weight"]), x["mentions"], x["evidence"][0]["sentence"] if x["evidence"] else ""] for x in p["industries"]],
                max_col=60,
            )
        )
    for key, title in (("parks", "园区 Parks"), ("enterprises", "企业 Enterprises"), ("policies", "政策 Policies")):
        if p[key]:
            out += ["", title]
            out.append(format_table(["name", "mentions", "years"], [[x["name"], x["mentions"], ",".join(map(str, x["years"]))] for x in p[key]]))
    return "\n".join(out)


def _why(r: dict[str, Any]) -> str:
    p = r.get("progress")
    if not p:
        return r["reason"]
    if p["kind"] == "level":
        share = f"，达目标的{p['share'] * 100:.1f}%" if p.get("share") is not None else ""
        return f"{r['reason']}；{p['period']}年{_fig(p['actual'])}{share}"
    track = "符合" if p["on_track"] else "低于"
    return f"{r['reason']}；{'、'.join(p['years'])}年平均{_num(p['average'])}%，{track}目标进度"


def render_targets(t: dict[str, Any]) -> str:
    """TargetsReport.to_dict() as a table of met/missed/not reported, then vs the parent."""
    out = [f"目标与实绩 Targets vs results — {t['region']['name']} (reports: {', '.join(map(str, t['report_years'])) or 'none'})"]
    out.append("  " + ", ".join(f"{k}: {v}" for k, v in t["summary"].items()))
    if t["results"]:
        out.append(
            format_table(
                ["metric", "measure", "period", "target", "actual", "status", "why"],
                [
                    [r["metric_label"], r["measure_label"], r["period"], _fig(r["target"]), _fig(r["actual"]), r["status"], _why(r)]
                    for r in t["results"]
                ],
                max_col=80,
            )
        )
    if t["parent_comparisons"]:
        out += ["", "与上级目标比较 Against the parent's target"]
        out.append(
            format_table(
                ["metric", "period", "region", "ancestor", "ancestor target", "relation"],
                [[c["metric_label"], c["period"], _fig(c["region_target"]), c["ancestor_name"], _fig(c["ancestor_target"]), c["relation"]] for c in t["parent_comparisons"]],
            )
        )
    return "\n".join(out)


@click.command("region")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print the profile as one JSON object.")
@click.option("--targets", is_flag=True, help="Also pair targets with later results (met / missed / not reported).")
@click.option("--db", "db", default=None, metavar="PATH|URL", help="SQLite file or database URL (default: $ZHAOSHANG_DATABASE_URL or ./zhaoshang.db).")
def region(name: str, as_json: bool, targets: bool, db: str | None) -> None:
    """Show everything the corpus says about region NAME (name, short name or adcode)."""
    from sqlalchemy import inspect
    from sqlalchemy.orm import Session

    from zhaoshang.services import AmbiguousRegion, RegionNotFound, region_profile, targets_vs_results
    from zhaoshang.store.db import make_engine, resolve_url

    url = resolve_url(db)
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///") :]).exists():
        raise click.ClickException(f"no database at {url[len('sqlite:///'):]} (run `zhaoshang ingest` first or pass --db)")
    engine = make_engine(db)
    try:
        if not inspect(engine).has_table("regions"):
            raise click.ClickException("the database has no zhaoshang tables (run `zhaoshang ingest` first)")
        with Session(engine) as session:
            try:
                profile = region_profile(session, name).to_dict()
                tracked = targets_vs_results(session, profile["region"]["code"]).to_dict() if targets else None
            except AmbiguousRegion as exc:
                lines = [f"{name!r} matches several regions; pass a code:"]
                lines += [f"  {c.code}  {c.full_name}" for c in exc.candidates]
                raise click.ClickException("\n".join(lines)) from None
            except RegionNotFound as exc:
                raise click.ClickException(str(exc)) from None
    finally:
        engine.dispose()
    if as_json:
        if tracked is not None:
            profile["targets"] = tracked
        click.echo(json.dumps(profile, ensure_ascii=False, indent=None if not sys.stdout.isatty() else 2))
        return
    click.echo(render_profile(profile))
    if tracked is not None:
        click.echo("")
        click.echo(render_targets(tracked))


COMMANDS = [region]
