"""Statements of a completion or progress document: numbered table rows, or narrative passages.

Tables are recognised by their header row, and columns by their header words, never by position:
编号 | 目标任务 | 完成情况, or 序号 | 考核指标 | 单位 | 工作目标 | 已完成数 | 占年任务之比 | 备注, in any order.
Rows with too few or too many cells are kept (cells are mapped left to right, extras are merged into
the result column) and reported as warnings. Reports of labelled items (1.新增城镇就业1.2万人 / 完成情况：…,
link/labelled.py) give the same statements as a 编号 | 目标任务 | 完成情况 table. Documents without a table
(next year's 工作回顾, half-year notes) give one statement per sentence of their review part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..lang.numerals import parse_chinese
from ..records import Span
from ..segment import Segmented
from ..verdicts import Statement
from .labelled import labelled_items, split_at_cells
from .whitespace import whitespace_table

# Header words → column role. Checked in order; the first role whose pattern matches a cell wins.
COLUMN_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("row", re.compile(r"^(?:编号|序号|序|No\.?|NO\.?|号)$")),
    ("owner", re.compile(r"(?:责任|牵头|配合|主办|协办)(?:单位|部门|领导)")),
    ("deadline", re.compile(r"完成时限|时限|时间节点|完成时间")),
    ("ratio", re.compile(r"占年任务之比|完成率|完成比例|完成进度|序时进度|比例|进度")),
    ("actual", re.compile(r"已完成数|完成数|实际完成|完成值|实绩|执行数|累计完成|1-\d+月|上半年|前三季度|完成量")),
    ("result", re.compile(r"完成情况|进展情况|推进情况|落实情况|执行情况|工作进展|进展|情况说明|完成")),
    ("goal", re.compile(r"工作目标|年度目标|目标值|全年目标|计划数|目标数|年度任务|任务数|计划")),
    ("unit", re.compile(r"^(?:计量)?单位$")),
    ("metric", re.compile(r"考核指标|指标名称|指标|考核内容")),
    ("task", re.compile(r"目标任务|工作任务|重点任务|任务内容|主要任务|任务|项目名称|项目|工作内容|内容|目标")),
    ("note", re.compile(r"备注|说明")),
)
LABELLED_COLUMNS = ["row", "task", "result"]  # what a labelled item (link/labelled.py) holds, as table columns
_HEADER_CELL_MAX = 14
_ROW_NUMBER = re.compile(r"^\s*(?:\d{1,4}|[一二三四五六七八九十百]{1,4})[.、]?\s*$")


@dataclass
class Parsed:
    statements: list[Statement]
    columns: list[str] = field(default_factory=list)  # roles in header order; [] for narrative documents
    warnings: list[str] = field(default_factory=list)

    @property
    def tabular(self) -> bool:
        return bool(self.columns)

    @property
    def restates_targets(self) -> bool:
        return any(s.target_span for s in self.statements)


def column_role(header: str) -> str | None:
    header = header.strip().replace(" ", "")
    for role, pattern in COLUMN_ROLES:
        if pattern.search(header):
            return role
    return None


def header_roles(texts: list[str]) -> list[str] | None:
    """Column roles of a header row (编号 | 目标任务 | 完成情况 …), or None when the cells are not a header."""
    if len(texts) < 2 or any(len(t.strip()) > _HEADER_CELL_MAX for t in texts):
        return None
    roles = [column_role(t) for t in texts]
    known = [r for r in roles if r]
    if len(known) >= 2 and any(r in ("task", "result", "goal", "actual", "metric") for r in known):
        return [r or f"col{i}" for i, r in enumerate(roles)]
    return None


def _header(seg: Segmented) -> tuple[int, list[str]] | None:
    """Index of the header row in ``seg.table_rows`` and its column roles. Of header rows one after another
    (a merged 2024年 row above 工作目标 | 已完成数), the one that names most columns."""
    for idx, (_line, cells) in enumerate(seg.table_rows):
        roles = header_roles([seg.text[s:e] for s, e in cells])
        if roles is None:
            continue
        best = (idx, roles)
        for nxt in range(idx + 1, min(idx + 3, len(seg.table_rows))):
            more = header_roles([seg.text[s:e] for s, e in seg.table_rows[nxt][1]])
            if more is None:
                break
            if sum(not r.startswith("col") for r in more) >= sum(not r.startswith("col") for r in best[1]):
                best = (nxt, more)
        return best
    return None


def _row_number(text: str) -> int | None:
    text = text.strip().rstrip(".、")
    if text.isdigit():
        return int(text)
    value = parse_chinese(text)
    return int(value) if value is not None else None


def parse(seg: Segmented) -> Parsed:
    # Labelled items (1.新增城镇就业1.2万人 / 完成情况：…) win over a table only when they are more: a small
    # table inside one item's result does not make the report a table.
    labelled = labelled_items(seg, column_role)
    header = _header(seg)
    if header is not None:
        parsed = _table(seg, *header)
        if parsed.statements and len(parsed.statements) >= len(labelled):
            return parsed
    headerless = _headerless_table(seg)
    if headerless.statements and len(headerless.statements) >= len(labelled):
        return headerless
    if labelled:
        split_at_cells(seg, labelled)
        return Parsed(labelled, list(LABELLED_COLUMNS))
    spaced = _spaced_table(seg)
    if spaced.statements:
        return spaced
    return _narrative(seg)


def _spaced_table(seg: Segmented) -> Parsed:
    """A table laid out with spaces (link/whitespace.py)."""
    found = whitespace_table(seg, header_roles)
    if found is None:
        return Parsed([])
    roles, rows = found
    out = Parsed([], roles, ["a table laid out with spaces: columns taken from the header line"])
    for r in rows:
        result = r.cells.get("result") or r.cells.get("actual") or r.line
        out.statements.append(Statement(len(out.statements), r.line, result, _row_number(r.number) if r.number
                                        else None, r.cells.get("task"), dict(r.cells), r.more))
    return out


def _table(seg: Segmented, header_idx: int, roles: list[str]) -> Parsed:
    out = Parsed([], roles)
    # A document whose 工作目标 column holds prose rather than figures uses it as its task column.
    if "goal" in roles and "task" not in roles and "metric" not in roles:
        goal_cells = [cells[roles.index("goal")] for _, cells in seg.table_rows[header_idx + 1:]
                      if len(cells) > roles.index("goal")]
        if goal_cells and sum(e - s for s, e in goal_cells) / len(goal_cells) > 12:
            roles = ["task" if r == "goal" else r for r in roles]
            out.columns = roles
    text_col = roles.index("result") if "result" in roles else len(roles) - 1
    header_line = seg.table_rows[header_idx][0]
    piped_header = seg.shadow[header_line[0]:header_line[1]].lstrip().startswith("|")
    for line, cells in seg.table_rows[header_idx + 1:]:
        if not cells:
            continue
        if (not piped_header and len(cells) == len(roles) - 1
                and seg.shadow[line[0]:line[1]].lstrip().startswith("|")):
            cells = [(line[0], line[0]), *cells]  # ' | 其中：高校毕业生就业 | 万人 |…': an empty first cell
        texts = [seg.text[s:e] for s, e in cells]
        if len(cells) == len(roles) and [column_role(t) for t in texts] == roles:
            continue  # a repeated header (tables split over pages)
        mapped: dict[str, Span] = {}
        if len(cells) == len(roles):
            mapped = dict(zip(roles, cells, strict=True))
        elif len(cells) < len(roles):
            if out.statements and "row" in roles and _row_number(texts[0]) is None and len(cells) <= 2:
                _continue_row(out.statements[-1], cells)
                continue
            for role, cell in zip(roles, cells[:-1], strict=False):
                mapped[role] = cell
            mapped[roles[text_col]] = cells[-1]
            out.warnings.append(f"row at offset {line[0]}: {len(cells)} cells for {len(roles)} columns")
        else:
            for role, cell in zip(roles[:text_col], cells[:text_col], strict=True):
                mapped[role] = cell
            extra = len(cells) - len(roles)
            mapped[roles[text_col]] = (cells[text_col][0], cells[text_col + extra][1])
            for role, cell in zip(roles[text_col + 1:], cells[text_col + extra + 1:], strict=False):
                mapped[role] = cell
            out.warnings.append(f"row at offset {line[0]}: {len(cells)} cells for {len(roles)} columns (merged)")
        row = _row_number(seg.text[slice(*mapped["row"])]) if "row" in mapped else None
        result = mapped.get("result") or mapped.get("actual") or mapped.get(roles[text_col]) or line
        out.statements.append(
            Statement(
                index=len(out.statements),
                span=line,
                result_span=result,
                row=row,
                target_span=mapped.get("task"),
                cells={k: v for k, v in mapped.items() if not k.startswith("col")},
            )
        )
    return out


def _continue_row(statement: Statement, cells: list[Span]) -> None:
    """A line of a row that broke over two lines: it extends the row's result."""
    s, _ = statement.result_span
    statement.result_span = (s, cells[-1][1])
    statement.span = (statement.span[0], cells[-1][1])


def _headerless_table(seg: Segmented) -> Parsed:
    """Rows like '12 | 任务… | 完成情况… |' with no header: number, (task,) result."""
    rows = [(line, cells) for line, cells in seg.table_rows
            if len(cells) >= 2 and _ROW_NUMBER.match(seg.text[slice(*cells[0])])]
    if len(rows) < 3:
        return Parsed([])
    roles = ["row", "task", "result"] if sum(len(c) >= 3 for _, c in rows) * 2 > len(rows) else ["row", "result"]
    out = Parsed([], roles, ["no header row: columns taken as " + " | ".join(roles)])
    for line, cells in rows:
        task = cells[1] if len(roles) == 3 and len(cells) >= 3 else None
        result = (cells[2][0], cells[-1][1]) if task else (cells[1][0], cells[-1][1])
        out.statements.append(
            Statement(len(out.statements), line, result, _row_number(seg.text[slice(*cells[0])]), task,
                      {"row": cells[0], "result": result} | ({"task": task} if task else {}))
        )
    return out


def every_sentence(seg: Segmented) -> Parsed:
    """The last resort for a report whose review part was not recognised: every sentence with a figure."""
    out = Parsed([])
    for sent in seg.sentences:
        s, e = sent.span
        if not sent.is_heading and e - s >= 4 and any(ch.isdigit() for ch in seg.shadow[s:e]):
            out.statements.append(Statement(len(out.statements), (s, e), (s, e)))
    return out


def _narrative(seg: Segmented) -> Parsed:
    """One statement per sentence of the review part (or of the whole text for a completion report),
    plus sentences elsewhere that open with last year's results."""
    out = Parsed([])
    for sent in seg.sentences:
        if sent.is_heading:
            continue
        if seg.sentence_part(sent) != "review" and not sent.past:
            continue
        s, e = sent.span
        if e - s < 4:
            continue
        out.statements.append(Statement(len(out.statements), (s, e), (s, e)))
    return out
