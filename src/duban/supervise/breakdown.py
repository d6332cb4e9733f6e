"""Reading a 分解方案 (task breakdown): a table of 序号 | 目标任务 | 牵头领导 | 牵头单位 | 责任单位 | 配合单位 |
完成时限 | 季度节点 (or one column per quarter) in an .xlsx/.xls/.ods/.csv/.docx file, whatever the columns are
called (lang/lexicon_supervise.py BREAKDOWN_COLUMNS). The file is read by duban's readers (read/: size limits, zip
bombs, every sheet as ``cell | cell |`` rows, merged cells repeated, wrapped cells joined), so one reader
guards every format. A problem that would corrupt the ledger (no header, no task column, a row without its
task, a 序号 twice) stops the import with the file and the row; what can be fixed later (a deadline that
names no date, a row without units) is a warning."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..errors import DubanError
from ..lang.lexicon_supervise import BREAKDOWN_COLUMNS, QUARTER_COLUMNS
from ..read import read_bytes
from .calendar import Deadline, Milestone, parse_deadline, parse_milestones, quarter_milestones
from .units import split_units

_CELL_SEP = re.compile(r" \| ")
_HEAD_CLEAN = re.compile(r"[\s（）()、/／:：*＊\-]")
_SECTION_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]?|[（(][一二三四五六七八九十]+[)）])$")
_NUMBER = re.compile(r"^(\d+(?:[.．-]\d+)*)[.．、]?$")
MAX_ROWS = 5000


class BreakdownError(DubanError):
    """The file cannot be imported as a 分解方案 (names the file and the row)."""


@dataclass
class BreakdownRow:
    line: int  # the row of the table (the header is row 1)
    number: str
    text: str
    leader: str | None
    lead: list[str]
    responsible: list[str]
    cooperate: list[str]
    deadline: Deadline
    milestones: list[Milestone]
    note: str = ""
    section: str = ""


@dataclass
class Breakdown:
    filename: str
    title: str | None
    year: int
    columns: dict[str, str]  # role → the header as written
    rows: list[BreakdownRow]
    warnings: list[str] = field(default_factory=list)


def _role(cell: str) -> str | None:
    """The column a header cell names: the longest synonym it holds (quarters before everything)."""
    key = _HEAD_CLEAN.sub("", cell)
    if not key or len(key) > 24:
        return None
    for quarter, words in QUARTER_COLUMNS.items():
        if any(w.lower() in key.lower() for w in words):
            return f"q{quarter}"
    best, length = None, 0
    for role, words in BREAKDOWN_COLUMNS.items():
        for w in words:
            if w in key and (len(w) > length or (len(w) == length and role == "responsible")):
                best, length = role, len(w)
    return best


def _cells(line: str) -> list[str] | None:
    if " | " not in line and not line.rstrip().endswith(" |"):
        return None
    body = line.rstrip()
    body = body[:-1].rstrip() if body.endswith("|") else body
    return [c.strip() for c in _CELL_SEP.split(body)]


def _header(rows: list[tuple[int, list[str]]]) -> tuple[int, list[str | None]] | None:
    """(index into rows of the last header row, each column's role), or None. Two header rows in a row (a merged
    季度节点 over 一季度 | 二季度 …) are read together: the more specific role wins."""
    for k, (_, cells) in enumerate(rows[:30]):
        roles = [_role(c) for c in cells]
        if "task" in roles and sum(r is not None for r in roles) >= 2:
            if k + 1 < len(rows):
                below = [_role(c) for c in rows[k + 1][1]]
                if len(below) == len(roles) and any(r and r.startswith("q") for r in below):
                    roles = [b if b and b.startswith("q") else r for r, b in zip(roles, below, strict=True)]
                    return k + 1, roles
            return k, roles
    return None


def parse(data: bytes, filename: str, year: int | None = None) -> Breakdown:
    """Read a 分解方案 file's bytes. ``year``: the plan's year (else the file's own, from its title)."""
    doc = read_bytes(data, name=filename)
    year = year or doc.year
    if year is None:
        raise BreakdownError("无法确定任务所属年份（请选择对应的计划，或在标题中写明年份）", filename)
    table = [(n, cells) for n, line in enumerate(doc.text.split("\n")) if (cells := _cells(line)) is not None]
    found = _header(table)
    if found is None:
        raise BreakdownError("未找到表头：需要一行同时含有任务列（目标任务/工作任务/重点任务…）和序号、牵头单位、"
                             "责任单位或完成时限等列。这是任务分解方案吗？", filename)
    head, roles = found
    header_cells = table[head][1]
    columns = {r: header_cells[i] for i, r in enumerate(roles) if r is not None}
    if "lead" not in roles and "responsible" not in roles:
        raise BreakdownError(f"表头（{' | '.join(header_cells)}）中没有牵头单位或责任单位列", filename)
    out = Breakdown(filename, doc.title, year, columns, [])
    seen: dict[str, int] = {}
    section = ""
    for k, (_, cells) in enumerate(table[head + 1:], start=2):
        if len(out.rows) >= MAX_ROWS:
            raise BreakdownError(f"超过 {MAX_ROWS} 行，请拆分后导入", filename)
        if len(cells) > len(roles):
            raise BreakdownError(f"表格第{k}行有 {len(cells)} 个单元格，多于表头的 {len(roles)} 列", filename)
        cells += [""] * (len(roles) - len(cells))
        get = _getter(roles, cells)
        if cells == header_cells or all(_role(c) == r for c, r in zip(cells, roles, strict=True) if c):
            continue  # the header repeated (a table over several pages)
        number, text = get("number"), get("task")
        units = get("lead") + get("responsible") + get("cooperate")
        if not text and not number:
            continue
        if _SECTION_NUMBER.match(number or "") and not units:
            section = text or number
            continue
        if not text:
            raise BreakdownError(f"表格第{k}行（序号 {number}）：任务列（{columns['task']}）为空", filename)
        m = _NUMBER.match(number or "")
        if "number" in roles and not m:
            raise BreakdownError(f"表格第{k}行：序号“{number}”不是编号（应为 1、2、3.1 …）", filename)
        key = m.group(1).replace("．", ".") if m else str(len(out.rows) + 1)
        if key in seen:
            raise BreakdownError(f"表格第{k}行：序号 {key} 与第{seen[key]}行重复", filename)
        seen[key] = k
        out.rows.append(_row(out, k, key, text, get, roles, cells, section))
    if not out.rows:
        raise BreakdownError("表格只有表头，没有任务行", filename)
    return out


def _getter(roles: list[str | None], cells: list[str]):
    def get(role: str) -> str:
        return "、".join(c for r, c in zip(roles, cells, strict=True) if r == role and c).strip()
    return get


def _row(out: Breakdown, k: int, number: str, text: str, get, roles, cells, section: str) -> BreakdownRow:
    lead = [n for n, _ in split_units(get("lead"))]
    responsible_marked = split_units(get("responsible"))
    responsible = [n for n, _ in responsible_marked]
    if not lead and responsible_marked:  # 责任单位 listed first (or marked 牵头) leads
        marked = [n for n, is_lead in responsible_marked if is_lead]
        lead = marked or responsible[:1]
    responsible = [n for n in responsible if n not in lead]
    cooperate = [n for n, _ in split_units(get("cooperate")) if n not in lead and n not in responsible]
    where = f"表格第{k}行（序号 {number}）"
    if not lead and not responsible:
        out.warnings.append(f"{where}：未写牵头单位或责任单位（可在网页上指定）")
    deadline = parse_deadline(get("deadline"), out.year)
    if deadline.kind == "unread":
        out.warnings.append(f"{where}：完成时限“{deadline.text}”中没有日期，按年底计")
    if deadline.due.year > out.year + 5 or deadline.due.year < out.year:
        raise BreakdownError(f"{where}：完成时限“{deadline.text}”不在计划年度内", out.filename)
    quarters = {int(r[1]): c for r, c in zip(roles, cells, strict=True) if r and r.startswith("q")}
    if quarters:
        milestones = quarter_milestones(quarters, out.year)
    else:
        milestones, unread = parse_milestones(get("milestones"), out.year)
        out.warnings += [f"{where}：季度节点“{p}”中没有日期，未采用" for p in unread]
    late = [m for m in milestones if m.due > deadline.due and m.due != date(out.year, 12, 31)]
    if late:
        out.warnings.append(f"{where}：节点“{late[0].text}”晚于完成时限 {deadline.due.isoformat()}")
    leader = get("leader") or None
    return BreakdownRow(k, number, text, leader[:128] if leader else None, lead, responsible, cooperate, deadline,
                        milestones, get("note"), section)
