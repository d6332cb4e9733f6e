"""`duban supervise …`: import a 分解方案, the daily recomputation (for cron or a systemd timer), the warnings list,
open notices, units; and `duban user role` (docs/supervision.md)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from ..errors import DubanError
from .app import DB_OPTION, app, out, print_json, user_app
from .lookup import open_existing

supervise_app = typer.Typer(help="督办：导入分解方案、每日重算亮灯与提醒、预警清单、督办通知、责任单位。",
                            no_args_is_help=True)
app.add_typer(supervise_app, name="supervise")
JSON = typer.Option("--json", help="以 JSON 输出（与 /api/supervise 相同）。")


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DubanError(f"--as-of {value!r}：日期须写作 YYYY-MM-DD") from None


@supervise_app.command("import-plan")
def import_plan(file: Annotated[Path, typer.Argument(metavar="分解方案", help="xlsx、xls、ods、csv 或 docx")],
                plan: Annotated[str | None, typer.Option(
                    "--plan", metavar="计划", help="计划文件 id（台账中仅一份计划时可省）")] = None,
                db: Annotated[str | None, DB_OPTION] = None, as_json: Annotated[bool, JSON] = False) -> None:
    """导入任务分解方案：每行对应到计划的目标，单位按别称归并；同一文件再导入不重复。"""
    from ..settings import Settings
    from ..store import supervision as store
    from ..web.supervise_admin import import_file

    if not file.is_file():
        raise DubanError(f"{file}: no such file")
    data = file.read_bytes()
    database = open_existing(db)
    with database.session() as s:
        if plan is None:
            plans = store.plans(s)
            if len(plans) != 1:
                choices = "；".join(f"{p.id} {p.year} {p.title}" for p in plans[:10]) or "台账中没有计划"
                raise DubanError(f"请用 --plan 指定计划（{choices}）")
            plan = plans[0].id
        report = import_file(s, plan, file.name, data, "cli", Settings().supervision.today())
    if as_json:
        print_json(report)
        return
    note = "（此文件已导入过，未作改动）" if report["duplicate"] else ""
    out.print(f"新增 {len(report['created'])}，更新 {len(report['updated'])}，未变 {len(report['unchanged'])}；"
              f"新建单位 {len(report['units_created'])} 个{note}", markup=False)
    for w in report["warnings"]:
        out.print(f"  注意：{w}", markup=False)
    if report["unlinked"]:
        out.print(f"  未对应到计划目标：序号 {'、'.join(report['unlinked'])}", markup=False)


@supervise_app.command("refresh")
def refresh(db: Annotated[str | None, DB_OPTION] = None,
            as_of: Annotated[str | None, typer.Option(
                "--as-of", metavar="日期", help="按哪一天计算（默认今天，北京时间）")] = None,
            as_json: Annotated[bool, JSON] = False) -> None:
    """每日重算：新入库报告的证据、每项任务的亮灯（变化留历史）、报送提醒（配置 SMTP 时发邮件）。
    由 cron 或 systemd 定时运行。"""
    from ..settings import Settings
    from ..store.supervision_refresh import refresh as run
    from ..supervise.mail import sender

    settings = Settings().supervision
    database = open_existing(db)
    with database.session() as s:
        result = run(s, settings, _day(as_of), "refresh", sender(settings.smtp, settings.base_url))
    if as_json:
        print_json(result)
        return
    colors = "，".join(f"{k} {v}" for k, v in sorted(result["by_color"].items()))
    out.print(f"截至 {result['as_of']}：{result['tasks']} 项任务（{colors}）；新增证据 {result['evidence_added']}，"
              f"亮灯变化 {result['lights_changed']}，新提醒 {result['reminders']}，邮件 {result['emailed']}"
              f"（失败 {result['email_failed']}）", markup=False)


@supervise_app.command("warnings")
def warnings(db: Annotated[str | None, DB_OPTION] = None, as_json: Annotated[bool, JSON] = False) -> None:
    """滞后与逾期任务清单：按单位、按牵头领导。"""
    from ..store.supervision_refresh import warnings as read

    database = open_existing(db)
    with database.session() as s:
        data = read(s)
    if as_json:
        print_json(data)
        return
    for group in data["by_unit"]:
        out.print(f"{group['name']}：预警 {group['red']}，关注 {group['yellow']}", markup=False)
        for t in group["tasks"]:
            reasons = "；".join(t["reasons"])[:120]
            out.print(f"  [{t['color']}] {t['number']}. {t['text'][:50]} — {reasons}", markup=False)


@supervise_app.command("notices")
def notices(db: Annotated[str | None, DB_OPTION] = None, status: Annotated[str | None, typer.Option(
        "--status", metavar="状态", help="open（待反馈）、closed（已办结）、withdrawn（已撤销）")] = "open",
            as_json: Annotated[bool, JSON] = False) -> None:
    """督办通知单与催办单。"""
    from sqlalchemy import select

    from ..store.models_supervision import NoticeRow, UnitRow

    database = open_existing(db)
    with database.session() as s:
        q = select(NoticeRow, UnitRow.name).join(UnitRow, UnitRow.id == NoticeRow.unit_id, isouter=True)
        if status:
            q = q.where(NoticeRow.status == status)
        rows = [{"id": n.id, "number": n.number, "unit": name, "task_id": n.task_id, "status": n.status,
                 "issued_on": n.issued_on.isoformat(), "reply_due": n.reply_due.isoformat()}
                for n, name in s.execute(q.order_by(NoticeRow.id))]
    if as_json:
        print_json({"notices": rows})
        return
    for r in rows:
        out.print(f"{r['number']}\t{r['unit']}\t任务 {r['task_id']}\t{r['status']}\t反馈时限 {r['reply_due']}",
                  markup=False)


@supervise_app.command("units")
def units(db: Annotated[str | None, DB_OPTION] = None, as_json: Annotated[bool, JSON] = False) -> None:
    """责任单位及其别称、上级、任务数。"""
    from ..store.supervision_views import units_page

    database = open_existing(db)
    with database.session() as s:
        data = units_page(s)
    if as_json:
        print_json(data)
        return
    for u in data["units"]:
        out.print(f"{u['id']}\t{u['name']}\t任务 {u['tasks']}\t别称：{'、'.join(u['aliases'])}", markup=False)


@supervise_app.command("unit-add")
def unit_add(name: Annotated[str, typer.Argument(metavar="单位", help="单位名称")],
             db: Annotated[str | None, DB_OPTION] = None) -> None:
    """新增责任单位（名称按别称规则归并：镇海区住房和城乡建设局 → 区住建局）。"""
    from ..store.supervision import ensure_unit

    database = open_existing(db)
    with database.session() as s:
        unit, created = ensure_unit(s, name, "cli", "person")
    out.print(f"{'已新增' if created else '已有'}单位 {unit.name}", markup=False)


@user_app.command("role")
def user_role(username: Annotated[str, typer.Argument(metavar="用户名", help="登录名")],
              role: Annotated[str, typer.Option("--role", metavar="角色", help="admin、supervisor 或 unit")],
              unit: Annotated[list[str] | None, typer.Option(
                  "--unit", metavar="单位", help="单位填报员所属单位（可多次）")] = None,
              db: Annotated[str | None, DB_OPTION] = None) -> None:
    """修改账号的角色和所属单位（结束其所有会话，重新登录后生效）。"""
    from ..store.supervision import set_role

    database = open_existing(db)
    with database.session() as s:
        ended = set_role(s, username, role, unit or [])
    out.print(f"{username} 的角色已改为 {role}{'（' + '、'.join(unit) + '）' if unit else ''}，结束 {ended} 个会话",
              markup=False)
