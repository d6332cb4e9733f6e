"""`duban places …`: jurisdictions, a place's indicators over the years, series, goals, carry-over, comparisons
and panels from the command line (the same data as the web pages and /api), and reviewers' corrections."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer

from ..errors import DubanError
from .app import DB_OPTION, app, out, print_json
from .lookup import document_id, open_existing

places_app = typer.Typer(help="地区与指标序列：逐年目标与实际、连续未完成、五年目标进度、结转、对比与面板数据。",
                         no_args_is_help=True)
app.add_typer(places_app, name="places")

JSON = typer.Option("--json", help="以 JSON 输出（与 /api 相同）。")
PLACE = typer.Argument(metavar="地区", help="地区编号或名称（如 1、全国、宁波市镇海区）")
METRIC = typer.Argument(metavar="指标", help="指标代码，如 gdp（docs/metrics.md）")
_PERIOD = re.compile(r"^\s*(\d{4})\s*[-–—~至]\s*(\d{4})\s*$")


def _place_id(session, place: str) -> int:
    from ..store.models_places import JurisdictionRow
    from ..store.places_register import place_for

    if place.isdigit() and len(place) <= 18:
        if session.get(JurisdictionRow, int(place)) is None:
            raise DubanError(f"没有地区 {place}（duban places list 列出全部地区）")
        return int(place)
    row = place_for(session, place, create=False)
    if row is None:
        raise DubanError(f"台账中没有地区“{place}”（duban places list 列出全部地区）")
    return row.id


def _write(table, path: Path) -> None:
    from ..places.tables import render

    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("csv", "xlsx"):
        raise DubanError(f"{path}: 只能导出 .csv 或 .xlsx")
    path.write_bytes(render(table, fmt))
    out.print(f"已写入 {path}（{len(table.rows)} 行）", markup=False)


@places_app.command("list")
def list_places(db: Annotated[str | None, DB_OPTION] = None, as_json: Annotated[bool, JSON] = False) -> None:
    """列出地区（层级、上级、文件数、年份范围）与未识别地区的文件。"""
    from ..store.places import places_index

    database = open_existing(db)
    with database.session() as s:
        data = places_index(s)
    if as_json:
        print_json(data)
        return
    for p in data["places"]:
        years = f"{p['first_year']}–{p['last_year']}" if p["first_year"] else ""
        out.print(f"{p['id']:>5}  {p['label']}  {p['level_label']}  文件 {p['documents']}  {years}", markup=False)
    for d in data["unplaced"]:
        out.print(f"未识别地区：{d['id']}  {d['title'] or ''}（duban places correct {d['id']} --jurisdiction …）",
                  markup=False)


@places_app.command("show")
def show(place: Annotated[str, PLACE], db: Annotated[str | None, DB_OPTION] = None,
         as_json: Annotated[bool, JSON] = False) -> None:
    """一个地区的主要指标逐年目标与实际（未完成在前）、五年目标进度、主要指标的增减。"""
    from ..store.places import place_detail

    database = open_existing(db)
    with database.session() as s:
        data = place_detail(s, _place_id(s, place))
    if as_json:
        print_json(data)
        return
    out.print(f"{data['place']['label']}（{data['place']['level_label']}）", markup=False)
    for series in data["series"]:
        cells = []
        for r in series["rows"]:
            target = r["target"]["figure"] if r["target"] else "—"
            result = r["result"]["figure"] if r["result"] else "—"
            cells.append(f"{r['year']} {target}→{result} {r['status_label']}")
        streak = f"（连续 {series['current_streak']} 年未完成）" if series["current_streak"] >= 2 else ""
        out.print(f"  {series['label']}·{series['basis_label']}{streak}：" + "；".join(cells), markup=False)
    for g in data["goals"]:
        t, p = g["target"], g["path"]
        out.print(f"  目标 {t['metric_name']} {t['figure']}（{p['start']}–{p['end']}）："
                  f"{p['status_label']} {p['note']}", markup=False)


@places_app.command("series")
def series(place: Annotated[str, PLACE], metric: Annotated[str, METRIC],
           basis: Annotated[str | None, typer.Option("--basis", help="口径：growth_rate、level …")] = None,
           db: Annotated[str | None, DB_OPTION] = None, as_json: Annotated[bool, JSON] = False,
           export: Annotated[Path | None, typer.Option("--export", help="写成 .csv 或 .xlsx（每个数值附出处）")] = None,
           ) -> None:
    """一个地区一项指标的逐年序列：目标、实际、结论、调整，以及相关的多年目标。"""
    from ..places.tables import SERIES_COLUMNS, Table, series_rows
    from ..store.places import series_detail

    database = open_existing(db)
    with database.session() as s:
        data = series_detail(s, _place_id(s, place), metric, basis)
    if data is None or data["series"] is None:
        raise DubanError(f"{place} 没有指标 {metric} 的年度目标")
    if export:
        _write(Table(metric, SERIES_COLUMNS, series_rows(data["place"], data["series"])), export)
    elif as_json:
        print_json(data)
    else:
        for r in data["series"]["rows"]:
            t, res = r["target"], r["result"]
            out.print(f"{r['year']}  目标 {t['figure'] if t else '—'}  实际 {res['figure'] if res else '—'}  "
                      f"{r['status_label']}  {r['move']['label'] if r['move'] else ''}", markup=False)


@places_app.command("carryover")
def carryover(place: Annotated[str, PLACE], year: Annotated[int, typer.Argument(metavar="年份")],
              db: Annotated[str | None, DB_OPTION] = None, as_json: Annotated[bool, JSON] = False) -> None:
    """某年的工作任务在次年计划中再次出现（结转），以及次年不再列出的主要指标。"""
    from ..store.places import carryover_detail

    database = open_existing(db)
    with database.session() as s:
        data = carryover_detail(s, _place_id(s, place), year)
    if as_json:
        print_json(data)
        return
    for c in data["headline_changes"]:
        out.print(f"主要指标 {c['label']}：{c['change_label']}", markup=False)
    for lk in data["links"]:
        out.print(f"[{lk['kind_label']}] {lk['before']['text']} → {lk['after']['text']}", markup=False)


@places_app.command("compare")
def compare(metric: Annotated[str, METRIC], year: Annotated[int, typer.Argument(metavar="年份")],
            level: Annotated[str | None, typer.Option("--level", help="national、province、city、county")] = None,
            db: Annotated[str | None, DB_OPTION] = None, as_json: Annotated[bool, JSON] = False) -> None:
    """某年各地区同一指标的目标与实际，缺口最大的在前。"""
    from ..store.places_compare import compare as compare_rows

    database = open_existing(db)
    with database.session() as s:
        data = compare_rows(s, metric, year, level=level)
    if as_json:
        print_json(data)
        return
    for r in data["rows"]:
        t, res = r["target"], r["result"]
        gap = f"{r['gap']:+g}" if r["gap"] is not None else ""
        out.print(f"{r['place']['label']}  目标 {t['figure'] if t else '—'}  实际 {res['figure'] if res else '—'}  "
                  f"{gap}  {r['status_label']}", markup=False)


@places_app.command("panel")
def panel(metric: Annotated[str, typer.Argument(metavar="指标")],
          export: Annotated[Path, typer.Argument(metavar="文件", help=".csv 或 .xlsx")],
          basis: Annotated[str | None, typer.Option("--basis")] = None,
          level: Annotated[str | None, typer.Option("--level")] = None,
          db: Annotated[str | None, DB_OPTION] = None) -> None:
    """面板数据：每个地区每年一行的目标与实际，每个数值附出处（文件、起止位置、原文）。"""
    from ..places.tables import SERIES_COLUMNS, Table
    from ..store.places_compare import panel as panel_rows

    database = open_existing(db)
    with database.session() as s:
        data = panel_rows(s, metric, basis, level)
    _write(Table(metric, SERIES_COLUMNS, data["rows"]), export)


@places_app.command("correct")
def correct(document: Annotated[str, typer.Argument(metavar="文件", help="文件 id 或报告文件")],
            by: Annotated[str, typer.Option("--by", help="更正人（记入审计）")],
            jurisdiction: Annotated[str | None, typer.Option("--jurisdiction", help="地区名称")] = None,
            year: Annotated[int | None, typer.Option("--year", help="年份")] = None,
            period: Annotated[str | None, typer.Option("--period", help="期间，如 2021-2025")] = None,
            note: Annotated[str, typer.Option("--note", help="说明")] = "",
            reset: Annotated[bool, typer.Option("--reset", help="撤销更正，恢复机器识别")] = False,
            db: Annotated[str | None, DB_OPTION] = None) -> None:
    """更正文件的地区、年份或期间（机器识别结果保留，记入审计）。"""
    from ..store.places_register import KEEP, correct_document

    span = KEEP
    if period is not None:
        m = _PERIOD.match(period)
        if not m:
            raise DubanError(f"--period {period!r}：写成 2021-2025")
        span = (int(m.group(1)), int(m.group(2)))
    database = open_existing(db)
    with database.session() as s:
        if reset:
            row = correct_document(s, document_id(document), by, jurisdiction=None, year=None, period=None, note=note)
        else:
            row = correct_document(s, document_id(document), by, jurisdiction=jurisdiction or KEEP,
                                   year=year if year is not None else KEEP, period=span, note=note)
        out.print(f"{row.document_id}：地区 {row.jurisdiction_id or '—'}，年份 {row.year or '—'}，"
                  f"期间 {row.period_start or '—'}–{row.period_end or '—'}", markup=False)


@places_app.command("merge")
def merge(source: Annotated[str, typer.Argument(metavar="地区")], into: Annotated[str, typer.Argument(metavar="并入")],
          by: Annotated[str, typer.Option("--by", help="操作人（记入审计）")],
          note: Annotated[str, typer.Option("--note")] = "", db: Annotated[str | None, DB_OPTION] = None) -> None:
    """把一个地区并入另一个（同一地区的两种写法；可撤销）。"""
    from ..store.places_register import merge as merge_places

    database = open_existing(db)
    with database.session() as s:
        survivor = merge_places(s, _place_id(s, source), _place_id(s, into), by, note)
        out.print(f"已并入 {survivor.full_name}", markup=False)


@places_app.command("sync")
def sync(db: Annotated[str | None, DB_OPTION] = None) -> None:
    """为还没有地区记录的文件建立记录（旧台账升级后一般无需运行）。"""
    from ..store.places_register import sync as sync_places

    database = open_existing(db)
    with database.session() as s:
        n = sync_places(s)
    out.print(f"{n} 份文件已登记地区", markup=False)
