"""Commands on files: extract, assess, and the scorers (eval extract / eval assess)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import DubanError
from .app import app, err, eval_app, out


def _fmt_value(v: float | None) -> str:
    return "" if v is None else f"{v:g}"


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(
        help="Reports: .txt (UTF-8/GBK/UTF-16), .html, .docx, .doc, .pdf, .ofd, .xlsx/.xls/.ods, .csv")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the DESIGN.md JSON shape.")] = False,
    csv_path: Annotated[
        str | None, typer.Option("--csv", help="Write one row per indicator to this file ('-' for stdout).")
    ] = None,
    measurements: Annotated[bool, typer.Option(help="Also list reported results (measurements).")] = False,
) -> None:
    """Extract every target with its quantities, section and source span."""
    from ..assess.explain import figure, metric_name
    from ..export.extraction import extraction_csv
    from ..pipeline import extract_path
    from ..records import BASIS_LABELS

    results = [extract_path(f) for f in files]
    if csv_path:
        text = extraction_csv(results)
        if csv_path == "-":
            sys.stdout.write(text)
        else:
            Path(csv_path).write_text(text, encoding="utf-8-sig")
            err.print(f"wrote {csv_path}")
    if as_json:
        payload = [r.to_json() for r in results]
        out.print_json(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False))
        return
    if csv_path == "-":
        return
    for ex in results:
        doc = ex.document
        n_ind = sum(len(t.indicators) for t in ex.targets)
        out.print(
            f"[bold]{doc.title or doc.path}[/bold]  ({doc.kind}, {doc.jurisdiction or '?'}, {doc.year or '?'})"
            f" — {len(ex.targets)} targets, {n_ind} indicators, {len(ex.measurements)} measurements",
            markup=True,
        )
        for t in ex.targets:
            section = t.section[-1] if t.section else ""
            tier = "★" if t.tier == "headline" else " "
            out.print(f"{t.id:>5}{tier}[{section}] {t.text}", markup=False)
            for i in t.indicators:
                hedge = f"  {i.hedge}" if i.hedge else ""
                known = f"  [{i.metric_id}]" if i.metric_id else ""
                out.print(f"        {metric_name(i.metric, i.metric_id)}  "
                          f"{figure(i.op, i.value, i.value_high, i.unit, i.basis)}  "
                          f"({BASIS_LABELS.get(i.basis, i.basis)}){known}{hedge}", markup=False)
        if measurements:
            for m in ex.measurements:
                flags = f"  [{', '.join(m.flags)}]" if m.flags else ""
                out.print(f"   ✓ {m.text}  → {m.metric or '?'} = {_fmt_value(m.value)} {m.unit}{flags}", markup=False)


@app.command()
def assess(
    completion: Annotated[Path, typer.Option("--completion", "-c", help="The completion or progress report.")],
    plan: Annotated[Path | None, typer.Option("--plan", "-p", help="The plan that set the targets.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the DESIGN.md JSON shape.")] = False,
    xlsx: Annotated[str | None, typer.Option("--xlsx", help="Write the 编号|目标任务|完成情况 table as xlsx.")] = None,
    csv_path: Annotated[str | None, typer.Option("--csv", help="… as CSV.")] = None,
    md: Annotated[str | None, typer.Option("--md", help="… as Markdown.")] = None,
    docx: Annotated[str | None, typer.Option("--docx", help="… as DOCX.")] = None,
) -> None:
    """Judge every target: status, target and reported figures, flags, explanation."""
    from ..export import table
    from ..pipeline import assess_paths
    from ..records import STATUS_LABELS

    result = assess_paths(completion, plan)
    for path, kind in ((xlsx, "xlsx"), (csv_path, "csv"), (md, "md"), (docx, "docx")):
        if path:
            table.write(result, path, kind)
            err.print(f"wrote {path}")
    if as_json:
        out.print_json(json.dumps(result.to_json(), ensure_ascii=False))
        return
    for r in table.rows(result):
        flags = f"  ⚑ {r.flags}" if r.flags else ""
        figures = f"  目标 {r.goal} → 实际 {r.actual}" if r.goal else ""
        out.print(f"{r.number:>4} {r.status:<6} {r.target[:60]}{figures}{flags}", markup=False)
        out.print(f"       {r.explanation}", markup=False, style="dim")
    out.print("")
    out.print("汇总: " + "，".join(f"{STATUS_LABELS[k]} {v}" for k, v in result.summary().items()), markup=False)
    if result.unanswered:
        out.print(f"未见报告的量化目标 ({len(result.unanswered)}):", markup=False)
        for t in result.unanswered:
            out.print(f"   · {t.text}", markup=False)
    for w in result.warnings:
        err.print(f"duban: warning: {w}", markup=False)


@eval_app.command("assess")
def eval_assess(
    gold: Annotated[Path, typer.Argument(help="Folder of assessment gold files")] = Path("tests/gold/assess"),
    as_json: Annotated[bool, typer.Option("--json")] = False,
    errors: Annotated[bool, typer.Option("--errors", help="List every mismatch.")] = False,
) -> None:
    """Status accuracy, confusion matrix, link top-1/top-3 and flag recall."""
    from ..evaluate.assessment import run
    from ..evaluate.report import print_assess_report

    if not gold.is_dir():
        raise DubanError(f"{gold}: not a folder of gold files")
    scores = run(gold)
    if as_json:
        out.print_json(json.dumps({s.name: s.to_json() for s in scores}, ensure_ascii=False))
    else:
        from rich.console import Console

        # the tables are wide: when not on a terminal (a file, a pipe, CI logs) give them room
        print_assess_report(out if out.is_terminal else Console(width=200, highlight=False), scores)
    if errors:
        for s in scores:
            for line in s.errors:
                out.print(f"{s.name}: {line}", markup=False)


@eval_app.command("extract")
def eval_extract(
    gold: Annotated[
        list[Path] | None, typer.Argument(help="Gold files or folders (default tests/gold/extract)")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    errors: Annotated[bool, typer.Option("--errors", help="List every mismatch.")] = False,
) -> None:
    """Precision / recall / F1 per field (target span, op, value, unit, basis, metric)."""
    from ..evaluate.extraction import gold_files, report_json, score_file
    from ..evaluate.report import print_extract_report

    files = gold_files(gold or [Path("tests/gold/extract")])
    if not files:
        raise DubanError("no gold files found (pass a folder or .json files)")
    scores = [score_file(f) for f in files]
    if as_json:
        out.print_json(json.dumps(report_json(scores), ensure_ascii=False))
    else:
        print_extract_report(out, scores)
    if errors:
        for s in scores:
            for line in s.errors:
                out.print(f"{s.name}: {line}", markup=False)




@eval_app.command("formats")
def eval_formats(
    gold: Annotated[Path, typer.Option("--gold", help="Folder of extraction gold files")] = Path("tests/gold/extract"),
    renderings: Annotated[Path, typer.Option("--renderings", help="Folder of the reports in other formats")] = Path(
        "tests/fixtures/formats"),
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """The extraction gold scored on the same reports as .docx, .doc, .pdf and .html."""
    import tempfile

    from ..evaluate.formats import run

    if not gold.is_dir() or not renderings.is_dir():
        raise DubanError(f"{gold if not gold.is_dir() else renderings}: not a folder")
    with tempfile.TemporaryDirectory() as tmp:
        scores = [s.to_json() for s in run(gold, renderings, Path(tmp))]
    if as_json:
        out.print_json(json.dumps(scores, ensure_ascii=False))
        return
    from rich.table import Table

    table = Table(title="extraction by input format (gold spans found again in each rendering)", title_justify="left")
    for col in ("document", "format", "target precision", "target recall", "figure recall", "located"):
        table.add_column(col, justify="left" if col in ("document", "format") else "right")
    for s in scores:
        name = s["document"] + (" (held out)" if s["held_out"] else "")
        table.add_row(name, s["format"], f"{s['target_precision']:.3f}", f"{s['target_recall']:.3f}",
                      "—" if s["figure_recall"] is None else f"{s['figure_recall']:.3f}",
                      f"{s['located']}/{s['gold_targets']}")
    out.print(table)
