"""Commands on files: extract, assess, and the scorers (eval extract / eval assess)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import DubanError
from .app import app, err, eval_app, out, print_json


def _fmt_value(v: float | None) -> str:
    return "" if v is None else f"{v:g}"


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(
        metavar="报告文件",
        help="报告文件：.txt（UTF-8/GBK/UTF-16）、.html、.docx、.doc、.pdf、.ofd、.xlsx/.xls/.ods、.csv")],
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON（格式见 docs/design.md）。")] = False,
    csv_path: Annotated[
        str | None, typer.Option("--csv", metavar="文件", help="每个指标一行写入 CSV 文件（'-' 为标准输出）。")
    ] = None,
    measurements: Annotated[bool, typer.Option("--measurements", help="同时列出报告的实绩数据。")] = False,
) -> None:
    """抽取每个目标：量化指标、所在章节和原文位置。"""
    from ..assess.explain import figure, metric_name
    from ..export.extraction import extraction_csv
    from ..pipeline import extract_path
    from ..records import BASIS_LABELS, KIND_LABELS

    results = [extract_path(f) for f in files]
    if csv_path:
        text = extraction_csv(results)
        if csv_path == "-":
            sys.stdout.write(text)
        else:
            Path(csv_path).write_text(text, encoding="utf-8-sig")
            err.print(f"已写入 {csv_path}")
    if as_json:
        payload = [r.to_json() for r in results]
        print_json(payload[0] if len(payload) == 1 else payload)
        return
    if csv_path == "-":
        return
    for ex in results:
        doc = ex.document
        n_ind = sum(len(t.indicators) for t in ex.targets)
        out.print(
            f"[bold]{doc.title or doc.path}[/bold]  （{KIND_LABELS.get(doc.kind, doc.kind)}，"
            f"{doc.jurisdiction or '地区不详'}，{doc.year or '年份不详'}）"
            f"：{len(ex.targets)} 个目标，{n_ind} 个量化指标，{len(ex.measurements)} 条实绩数据",
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
    completion: Annotated[Path, typer.Option("--completion", "-c", metavar="文件", help="完成情况或进展报告。")],
    plan: Annotated[Path | None, typer.Option(
        "--plan", "-p", metavar="文件", help="提出目标的计划（政府工作报告、工作计划）。")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON（格式见 docs/design.md）。")] = False,
    xlsx: Annotated[str | None, typer.Option(
        "--xlsx", metavar="文件", help="把 编号|目标任务|完成情况 表写成 xlsx。")] = None,
    csv_path: Annotated[str | None, typer.Option("--csv", metavar="文件", help="……写成 CSV。")] = None,
    md: Annotated[str | None, typer.Option("--md", metavar="文件", help="……写成 Markdown。")] = None,
    docx: Annotated[str | None, typer.Option("--docx", metavar="文件", help="……写成 Word（A4）。")] = None,
) -> None:
    """逐项评估每个目标：评估结论、目标值与实际值、疑点和说明。"""
    from ..export import table
    from ..pipeline import assess_paths

    result = assess_paths(completion, plan)
    for path, kind in ((xlsx, "xlsx"), (csv_path, "csv"), (md, "md"), (docx, "docx")):
        if path:
            table.write(result, path, kind)
            err.print(f"已写入 {path}")
    if as_json:
        print_json(result.to_json())
        return
    for r in table.rows(result):
        flags = f"  ⚑ {r.flags}" if r.flags else ""
        figures = f"  目标 {r.goal} → 实际 {r.actual}" if r.goal else ""
        out.print(f"{r.number:>4} {r.status:<6} {r.target[:60]}{figures}{flags}", markup=False)
        out.print(f"       {r.explanation}", markup=False, style="dim")
    out.print("")
    out.print("汇总：", markup=False)
    for sentence in table.summary_sentences(result):
        out.print(f"   {sentence}", markup=False)
    data = table.data_of(result)
    if data.unanswered:
        out.print(f"未见报告的目标（{len(data.unanswered)} 项，主要指标在前）：", markup=False)
        for line in table.unanswered_lines(data):
            out.print(f"   · {line}", markup=False)
    for w in result.warnings:
        err.print(f"duban: warning: {w}", markup=False)


@eval_app.command("assess")
def eval_assess(
    gold: Annotated[Path, typer.Argument(metavar="文件夹", help="评估金标准文件所在文件夹")] = Path(
        "tests/gold/assess"),
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON。")] = False,
    errors: Annotated[bool, typer.Option("--errors", help="列出每一处不一致。")] = False,
) -> None:
    """评估结论的准确率、混淆矩阵、关联 top-1/top-3 和疑点召回率。"""
    from ..evaluate.assessment import run
    from ..evaluate.report import print_assess_report

    if not gold.is_dir():
        raise DubanError(f"{gold}: not a folder of gold files")
    scores = run(gold)
    if as_json:
        print_json({s.name: s.to_json() for s in scores})
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
        list[Path] | None, typer.Argument(metavar="金标准", help="金标准文件或文件夹（默认 tests/gold/extract）")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON。")] = False,
    errors: Annotated[bool, typer.Option("--errors", help="列出每一处不一致。")] = False,
) -> None:
    """按字段（目标范围、比较方式、数值、单位、口径、指标名）计算精确率、召回率和 F1。"""
    from ..evaluate.extraction import gold_files, report_json, score_file
    from ..evaluate.report import print_extract_report

    files = gold_files(gold or [Path("tests/gold/extract")])
    if not files:
        raise DubanError("no gold files found (pass a folder or .json files)")
    scores = [score_file(f) for f in files]
    if as_json:
        print_json(report_json(scores))
    else:
        print_extract_report(out, scores)
    if errors:
        for s in scores:
            for line in s.errors:
                out.print(f"{s.name}: {line}", markup=False)




@eval_app.command("formats")
def eval_formats(
    gold: Annotated[Path, typer.Option("--gold", metavar="文件夹", help="抽取金标准文件所在文件夹")] = Path(
        "tests/gold/extract"),
    renderings: Annotated[Path, typer.Option(
        "--renderings", metavar="文件夹", help="同一批报告的其他格式文件所在文件夹")] = Path(
        "tests/fixtures/formats"),
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON。")] = False,
) -> None:
    """用同一批报告的 .docx、.doc、.pdf、.html 版本给抽取打分。"""
    import tempfile

    from ..evaluate.formats import run

    if not gold.is_dir() or not renderings.is_dir():
        raise DubanError(f"{gold if not gold.is_dir() else renderings}: not a folder")
    with tempfile.TemporaryDirectory() as tmp:
        scores = [s.to_json() for s in run(gold, renderings, Path(tmp))]
    if as_json:
        print_json(scores)
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
