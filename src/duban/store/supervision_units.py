"""Units and roles in the ledger (docs/supervision.md): units found by any of their spellings, merged and renamed,
the users' roles and units, who may see which task, and the units of a task. Every change writes an audit row.
(Moved out of supervision.py, which keeps tasks, imports and the reporting calendar.)"""

from __future__ import annotations

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from ..errors import DubanError
from ..supervise.units import normalise
from .models import AuditRow, UserRow
from .models_supervision import (
    NoticeReplyRow,
    NoticeRow,
    ProgressRow,
    ReminderRow,
    TaskRow,
    TaskUnitRow,
    UnitAliasRow,
    UnitRow,
    UserUnitRow,
)
from .sessions import end_user_sessions

ROLES = ("admin", "supervisor", "unit")
ROLE_LABELS = {"admin": "管理员", "supervisor": "督查室", "unit": "单位填报员"}
STAFF = ("admin", "supervisor")
UNIT_ROLES = {"lead": "牵头单位", "responsible": "责任单位", "cooperate": "配合单位"}


def audit(session: Session, actor: str, action: str, subject: str, **detail) -> None:
    session.add(AuditRow(actor=actor[:64], action=action[:32], subject=subject[:64], detail=detail))


# --- units ------------------------------------------------------------------------------------------------

def find_unit(session: Session, name: str) -> UnitRow | None:
    key = normalise(name)
    if not key:
        return None
    unit_id = session.scalar(select(UnitAliasRow.unit_id).where(UnitAliasRow.alias == key))
    if unit_id is not None:
        return session.get(UnitRow, unit_id)
    return session.scalar(select(UnitRow).where(UnitRow.name == key))


def ensure_unit(session: Session, name: str, actor: str, source: str = "import") -> tuple[UnitRow, bool]:
    """The unit a spelling stands for, made (with the spelling as its alias) when no unit has it yet."""
    found = find_unit(session, name)
    if found is not None:
        return found, False
    key = normalise(name)
    if len(key) < 2:
        raise DubanError(f"单位名称“{name}”过短")
    unit = UnitRow(name=key)
    session.add(unit)
    session.flush()
    session.add(UnitAliasRow(alias=key, unit_id=unit.id, source=source))
    audit(session, actor, "unit_add", f"unit:{unit.id}", name=key, spelling=name)
    return unit, True


def unit_by_id(session: Session, unit_id: int) -> UnitRow:
    unit = session.get(UnitRow, unit_id)
    if unit is None:
        raise DubanError(f"没有单位 {unit_id}")
    return unit


def add_alias(session: Session, unit_id: int, alias: str, actor: str) -> None:
    unit = unit_by_id(session, unit_id)
    key = normalise(alias)
    if len(key) < 2:
        raise DubanError(f"别称“{alias}”过短")
    other = find_unit(session, key)
    if other is not None and other.id != unit.id:
        raise DubanError(f"“{key}”已是单位“{other.name}”的名称或别称（如是同一单位，请合并）")
    if other is None:
        session.add(UnitAliasRow(alias=key, unit_id=unit.id, source="person"))
        audit(session, actor, "unit_alias", f"unit:{unit.id}", alias=key)


def update_unit(session: Session, unit_id: int, actor: str, *, parent_id: int | None = None,
                email: str | None = None, contact: str | None = None, clear_parent: bool = False) -> None:
    unit = unit_by_id(session, unit_id)
    before = {"parent_id": unit.parent_id, "email": unit.email, "contact": unit.contact}
    if parent_id is not None:
        node: int | None = parent_id
        while node is not None:  # no cycles: the new parent must not be the unit or one of its descendants
            if node == unit.id:
                raise DubanError("上级单位不能是本单位或其下级单位")
            node = unit_by_id(session, node).parent_id
        unit.parent_id = parent_id
    elif clear_parent:
        unit.parent_id = None
    if email is not None:
        email = email.strip()
        if email and ("@" not in email or len(email) > 254 or any(c in email for c in " \r\n,;<>")):
            raise DubanError(f"邮箱地址“{email}”无效")
        unit.email = email or None
    if contact is not None:
        unit.contact = contact.strip()[:64] or None
    audit(session, actor, "unit_update", f"unit:{unit.id}", before=before,
          after={"parent_id": unit.parent_id, "email": unit.email, "contact": unit.contact})


def merge_units(session: Session, source_id: int, into_id: int, actor: str) -> None:
    """One unit filed twice (区发改局 / 区发展改革局 before an alias was known): everything of ``source`` moves to
    ``into`` and its name becomes an alias there."""
    if source_id == into_id:
        raise DubanError("不能把单位合并到它自己")
    source, into = unit_by_id(session, source_id), unit_by_id(session, into_id)
    for row in session.scalars(select(TaskUnitRow).where(TaskUnitRow.unit_id == source.id)).all():
        if session.get(TaskUnitRow, (row.task_id, into.id)) is None:
            session.add(TaskUnitRow(task_id=row.task_id, unit_id=into.id, role=row.role))
        session.delete(row)
    for row in session.scalars(select(UserUnitRow).where(UserUnitRow.unit_id == source.id)).all():
        if session.get(UserUnitRow, (row.user_id, into.id)) is None:
            session.add(UserUnitRow(user_id=row.user_id, unit_id=into.id))
        session.delete(row)
    for table in (ProgressRow, NoticeRow, NoticeReplyRow):
        session.execute(update(table).where(table.unit_id == source.id).values(unit_id=into.id))
    session.execute(delete(ReminderRow).where(ReminderRow.unit_id == source.id))
    session.execute(update(UnitRow).where(UnitRow.parent_id == source.id).values(parent_id=into.id))
    session.execute(update(UnitAliasRow).where(UnitAliasRow.unit_id == source.id).values(unit_id=into.id))
    session.flush()
    name = source.name
    session.delete(source)
    session.flush()
    if find_unit(session, name) is None:
        session.add(UnitAliasRow(alias=name, unit_id=into.id, source="person"))
    audit(session, actor, "unit_merge", f"unit:{into.id}", merged=name, merged_id=source_id)


def units(session: Session) -> list[UnitRow]:
    return list(session.scalars(select(UnitRow).order_by(UnitRow.name)))


def aliases(session: Session) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    rows = session.execute(select(UnitAliasRow.alias, UnitAliasRow.unit_id).order_by(UnitAliasRow.alias))
    for alias, unit_id in rows:
        out.setdefault(unit_id, []).append(alias)
    return out


# --- roles and who sees what --------------------------------------------------------------------------------

def set_role(session: Session, username: str, role: str, unit_names: list[str], actor: str = "cli") -> int:
    """Give ``username`` a role (and, for a unit reporter, its units); ends the user's sessions so that the new
    role takes effect at the next sign-in everywhere. Returns how many sessions were live."""
    user = session.scalar(select(UserRow).where(UserRow.username == username))
    if user is None:
        raise DubanError(f"没有用户 {username!r}")
    unit_ids = check_role(session, role, unit_names)
    user.role = role
    session.execute(delete(UserUnitRow).where(UserUnitRow.user_id == user.id))
    for unit_id in unit_ids:
        session.add(UserUnitRow(user_id=user.id, unit_id=unit_id))
    audit(session, actor, "user_role", f"user:{username}", role=role, units=unit_names)
    return end_user_sessions(session, user, actor, "role")


def check_role(session: Session, role: str, unit_names: list[str]) -> list[int]:
    if role not in ROLES:
        raise DubanError(f"未知的角色 {role!r}（可选：{'、'.join(ROLES)}）")
    if role == "unit" and not unit_names:
        raise DubanError("单位填报员须指定所属单位（--unit 单位名，可多次）")
    if role != "unit" and unit_names:
        raise DubanError("只有单位填报员（--role unit）绑定单位")
    ids = []
    for name in unit_names:
        unit = find_unit(session, name)
        if unit is None:
            known = "、".join(u.name for u in units(session)[:20]) or "尚无单位：先导入分解方案"
            raise DubanError(f"没有单位“{name}”（已有：{known}）")
        ids.append(unit.id)
    return ids


def user_unit_ids(session: Session, user: UserRow) -> set[int]:
    """The units a unit reporter answers for: its own and every unit below them."""
    own = set(session.scalars(select(UserUnitRow.unit_id).where(UserUnitRow.user_id == user.id)))
    children: dict[int, list[int]] = {}
    for uid, parent in session.execute(select(UnitRow.id, UnitRow.parent_id).where(UnitRow.parent_id.is_not(None))):
        children.setdefault(parent, []).append(uid)
    todo, seen = list(own), set(own)
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in seen:
                seen.add(child)
                todo.append(child)
    return seen


def is_staff(user: UserRow | None) -> bool:
    return user is not None and user.role in STAFF


def visible_task_ids(session: Session, user: UserRow):
    """A select of the task ids ``user`` may see (None: every task, for staff)."""
    if is_staff(user):
        return None
    return select(TaskUnitRow.task_id).where(TaskUnitRow.unit_id.in_(user_unit_ids(session, user) or {-1}))


def can_see_task(session: Session, user: UserRow | None, task_id: int) -> bool:
    if user is None or session.get(TaskRow, task_id) is None:
        return False
    if is_staff(user):
        return True
    ids = user_unit_ids(session, user)
    return bool(ids) and session.scalar(select(func.count()).select_from(TaskUnitRow).where(
        TaskUnitRow.task_id == task_id, TaskUnitRow.unit_id.in_(ids))) > 0


def task_units(session: Session, task_id: int) -> list[tuple[UnitRow, str]]:
    rows = session.execute(select(UnitRow, TaskUnitRow.role).join(TaskUnitRow, TaskUnitRow.unit_id == UnitRow.id)
                           .where(TaskUnitRow.task_id == task_id)).all()
    order = list(UNIT_ROLES)
    return sorted(((u, r) for u, r in rows), key=lambda p: (order.index(p[1]), p[0].name))
