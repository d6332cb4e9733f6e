"""The arithmetic of a multi-year goal against the years it spans (pure functions, table-tested).

A goal runs over the years ``start``…``end``; the year before, ``start − 1``, is its base. Four kinds:

* ``average`` — 年均增长 g%: the path is g% every year. After years with growth r₁…r_k (every year from the
  start, none missing), the rate now required for the ``left`` years is ((1+g)ⁿ / Π(1+rᵢ))^(1/left) − 1; on
  track when that is no more than g. A report's own period average (“十一五”期间年均增长11.2%) settles it.
* ``change`` — a total change over the period (降低20%, 增长50%): the even pace is (1+C)^(1/n) − 1 a year; the
  rate required is ((1+C) / Π(1+rᵢ))^(1/left) − 1; on track when it is no harder than the even pace. A cut is
  a negative change: required −5% is harder than −4%.
* ``level`` — reach X by the end year (达到/突破 X). Amounts grow by compounding: the path from a base value
  V₀ is V₀·(X/V₀)^(t/n), the rate required from the latest value V is (X/V)^(1/left) − 1. Percentages and
  rates (城镇化率 93%, 优良率) move linearly: the path is V₀ + (X − V₀)·t/n and what is required is (X − V)/left
  percentage points a year. Without a base value, on track when the latest year's own growth (or change) is at
  least what is required. For a ceiling (PM2.5 降到35) lower is better throughout.
* ``total`` — a sum over the period (累计投资2000亿元, 新增3万名): the path is X·t/n, the amount required is
  (X − Σ)/left a year.

Statuses: ``reached`` (already there before the end), ``on_track``, ``behind``, ``final`` (the end year's or the
period's figure is in: judged as any target, ``final_status``), ``insufficient`` (a year is missing, or no base
to judge against), ``no_data``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("average", "change", "level", "total")
STATUS_LABELS = {"reached": "已提前达到", "on_track": "进度正常", "behind": "进度落后", "final": "期末已有结果",
                 "insufficient": "数据不全，无法判断", "no_data": "尚无数据"}
KIND_LABELS = {"average": "年均增速", "change": "期间累计变化", "level": "期末水平", "total": "期间累计总量"}
EPS = 1e-9


@dataclass(slots=True)
class PathYear:
    year: int
    path: float | None  # where the goal's even path stands at the end of this year
    achieved: float | None  # the year's figure (growth %, level, or amount)
    to_date: float | None = None  # cumulative index (average/change) or sum (total) after this year
    on_path: bool | None = None

    def to_json(self) -> dict:
        return {"year": self.year, "path": _r(self.path), "achieved": self.achieved, "to_date": _r(self.to_date),
                "on_path": self.on_path}


@dataclass(slots=True)
class GoalPath:
    kind: str
    start: int
    end: int
    goal: float
    years: list[PathYear] = field(default_factory=list)
    last_year: int | None = None
    left: int | None = None  # years after the last figure up to the end
    required: float | None = None  # per remaining year: % (compound), points or amount (linear, total)
    required_unit: str = "%"
    status: str = "no_data"
    final: float | None = None  # the period's own figure or the end year's
    note: str = ""

    @property
    def base_year(self) -> int:
        return self.start - 1

    @property
    def n(self) -> int:
        return self.end - self.start + 1

    def to_json(self) -> dict:
        return {"kind": self.kind, "kind_label": KIND_LABELS[self.kind], "start": self.start, "end": self.end,
                "base_year": self.base_year, "goal": self.goal, "last_year": self.last_year, "left": self.left,
                "required": _r(self.required), "required_unit": self.required_unit, "status": self.status,
                "status_label": STATUS_LABELS.get(self.status, self.status), "final": self.final,
                "note": self.note, "years": [y.to_json() for y in self.years]}


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 6)


def compound(rates: list[float]) -> float:
    """Π(1 + r/100) of yearly rates in %."""
    index = 1.0
    for r in rates:
        index *= 1 + r / 100
    return index


def required_rate(goal_index: float, index: float, left: int) -> float:
    """The yearly rate (%) that takes ``index`` to ``goal_index`` in ``left`` years."""
    if left <= 0 or index <= 0 or goal_index <= 0:
        raise ValueError("need years left and positive indexes")
    return ((goal_index / index) ** (1 / left) - 1) * 100


def _contiguous(start: int, values: dict[int, float]) -> list[int]:
    """The years from ``start`` on with a figure, up to the first missing one."""
    years, y = [], start
    while y in values:
        years.append(y)
        y += 1
    return years


def _last(start: int, end: int, values: dict[int, float]) -> int | None:
    inside = [y for y in values if start <= y <= end]
    return max(inside) if inside else None


def average(goal: float, start: int, end: int, rates: dict[int, float], period_average: float | None = None,
            lower_is_better: bool = False) -> GoalPath:
    """年均 ``goal``% from ``start`` to ``end`` against yearly ``rates`` (%)."""
    gp = GoalPath("average", start, end, goal)
    index = 1.0
    for y in range(start, end + 1):
        r = rates.get(y)
        index = index * (1 + r / 100) if r is not None and index is not None else None  # type: ignore[assignment]
        on = None if r is None else (r <= goal + EPS if lower_is_better else r >= goal - EPS)
        gp.years.append(PathYear(y, (1 + goal / 100) ** (y - start + 1), r, index, on))
    gp.last_year = _last(start, end, rates)
    if period_average is not None:
        gp.status, gp.final = "final", period_average
        gp.note = f"报告所称期间年均{period_average:g}%，目标年均{goal:g}%"
        return gp
    if gp.last_year is None:
        return gp
    known = _contiguous(start, rates)
    if gp.last_year == end and len(known) == gp.n:
        gp.final = round((compound([rates[y] for y in known]) ** (1 / gp.n) - 1) * 100, 4)
        gp.status, gp.left = "final", 0
        gp.note = f"{start}—{end}年实际年均{gp.final:g}%，目标年均{goal:g}%"
        return gp
    if not known or known[-1] != gp.last_year:
        missing = next(y for y in range(start, gp.last_year + 1) if y not in rates)
        gp.status, gp.note = "insufficient", f"缺{missing}年数据，无法按复合增速推算"
        return gp
    gp.left = end - gp.last_year
    gp.required = required_rate((1 + goal / 100) ** gp.n, compound([rates[y] for y in known]), gp.left)
    ok = gp.required >= goal - EPS if lower_is_better else gp.required <= goal + EPS
    gp.status = ("reached" if not lower_is_better and gp.required <= 0 else "on_track" if ok else "behind")
    gp.note = (f"{_span(start, gp.last_year)}累计增长{(compound([rates[y] for y in known]) - 1) * 100:.1f}%，"
               f"余下{gp.left}年须年均增长{gp.required:.1f}%才能实现年均{goal:g}%")
    return gp


def change(goal: float, start: int, end: int, rates: dict[int, float], period_total: float | None = None) -> GoalPath:
    """A total change of ``goal``% over the period (negative: a cut) against yearly ``rates`` (%)."""
    gp = GoalPath("change", start, end, goal)
    target = 1 + goal / 100
    pace = target ** (1 / gp.n)
    cut = goal < 0
    index: float | None = 1.0
    for y in range(start, end + 1):
        r = rates.get(y)
        index = index * (1 + r / 100) if (r is not None and index is not None) else None
        path = pace ** (y - start + 1)
        on = None if index is None else (index <= path + EPS if cut else index >= path - EPS)
        gp.years.append(PathYear(y, path, r, index, on))
    gp.last_year = _last(start, end, rates)
    if period_total is not None:
        gp.status, gp.final = "final", period_total
        gp.note = f"报告所称期间累计{period_total:g}%，目标{goal:g}%"
        return gp
    if gp.last_year is None:
        return gp
    known = _contiguous(start, rates)
    if not known or known[-1] != gp.last_year:
        missing = next(y for y in range(start, gp.last_year + 1) if y not in rates)
        gp.status, gp.note = "insufficient", f"缺{missing}年数据，无法推算累计变化"
        return gp
    done = compound([rates[y] for y in known])
    if gp.last_year == end:
        gp.final, gp.status, gp.left = round((done - 1) * 100, 4), "final", 0
        gp.note = f"{start}—{end}年累计{gp.final:g}%，目标{goal:g}%"
        return gp
    gp.left = end - gp.last_year
    gp.required = required_rate(target, done, gp.left)
    even = (pace - 1) * 100
    if (done <= target + EPS) if cut else (done >= target - EPS):
        gp.status = "reached"
    else:
        gp.status = "on_track" if (gp.required >= even - EPS if cut else gp.required <= even + EPS) else "behind"
    gp.note = (f"{_span(start, gp.last_year)}累计{(done - 1) * 100:.1f}%，余下{gp.left}年须每年"
               f"{gp.required:.1f}%（均匀进度为每年{even:.1f}%）")
    return gp


def level(goal: float, start: int, end: int, values: dict[int, float], base: float | None = None,
          linear: bool = False, lower_is_better: bool = False, changes: dict[int, float] | None = None,
          unit: str = "") -> GoalPath:
    """Reach ``goal`` by ``end``. ``values``: the yearly levels; ``base``: the level the year before ``start``;
    ``linear`` for percentages and rates; ``changes``: the yearly growth (%) or, when linear, change in points
    that reports give beside the levels (to judge the pace when there is no base)."""
    gp = GoalPath("level", start, end, goal, required_unit="个百分点" if linear else "%")
    n = gp.n
    for y in range(start, end + 1):
        t = y - start + 1
        path = None
        if base is not None:
            path = base + (goal - base) * t / n if linear else (
                base * (goal / base) ** (t / n) if base > 0 and goal > 0 else None)
        v = values.get(y)
        on = None if v is None or path is None else (v <= path + EPS if lower_is_better else v >= path - EPS)
        gp.years.append(PathYear(y, path, v, None, on))
    gp.last_year = _last(start, end, values)
    if gp.last_year is None:
        if base is not None:
            gp.left = end - start + 1
            if linear:
                gp.required = (goal - base) / gp.left
            elif base > 0 and goal > 0:
                gp.required = required_rate(goal, base, gp.left)
            gp.note = f"以{start - 1}年{base:g}{unit}为基数，须每年{_pace(gp)}"
        return gp
    latest = values[gp.last_year]
    reached = latest <= goal + EPS if lower_is_better else latest >= goal - EPS
    if gp.last_year == end:
        gp.final, gp.status, gp.left = latest, "final", 0
        gp.note = f"{end}年为{latest:g}{unit}，目标{goal:g}{unit}"
        return gp
    gp.left = end - gp.last_year
    if reached:
        first = min(y for y, v in values.items() if start <= y <= end and (
            v <= goal + EPS if lower_is_better else v >= goal - EPS))
        gp.status = "reached"
        gp.note = f"{first}年已达{values[first]:g}{unit}，提前达到{end}年目标{goal:g}{unit}"
        return gp
    if linear:
        gp.required = (goal - latest) / gp.left
    elif latest > 0 and goal > 0:
        gp.required = required_rate(goal, latest, gp.left)
    on_path = gp.years[gp.last_year - start].on_path
    pace = (changes or {}).get(gp.last_year)
    if on_path is not None:
        gp.status = "on_track" if on_path else "behind"
    elif pace is not None and gp.required is not None:
        ok = pace <= gp.required + EPS if lower_is_better else pace >= gp.required - EPS
        gp.status = "on_track" if ok else "behind"
    else:
        gp.status = "insufficient"
    said = f"，{gp.last_year}年当年{'变化' if linear else '增长'}{pace:g}{'个百分点' if linear else '%'}" if (
        pace is not None) else ""
    gp.note = f"{gp.last_year}年为{latest:g}{unit}，距{end}年目标{goal:g}{unit}须每年{_pace(gp)}{said}"
    if gp.status == "insufficient":
        gp.note += "；无基期数据和当年增速，无法判断进度"
    return gp


def _pace(gp: GoalPath) -> str:
    if gp.required is None:
        return "（无法计算）"
    if gp.required_unit == "%":
        return f"{'增长' if gp.required >= 0 else '下降'}{abs(gp.required):.1f}%"
    return f"{'提高' if gp.required >= 0 else '降低'}{abs(gp.required):.2f}{gp.required_unit}"


def total(goal: float, start: int, end: int, amounts: dict[int, float], unit: str = "") -> GoalPath:
    """A sum of yearly ``amounts`` to reach ``goal`` over the period."""
    gp = GoalPath("total", start, end, goal, required_unit=unit)
    running: float | None = 0.0
    for y in range(start, end + 1):
        a = amounts.get(y)
        running = running + a if (a is not None and running is not None) else None
        path = goal * (y - start + 1) / gp.n
        gp.years.append(PathYear(y, path, a, running, None if running is None else running >= path - EPS))
    gp.last_year = _last(start, end, amounts)
    if gp.last_year is None:
        return gp
    known = _contiguous(start, amounts)
    if not known or known[-1] != gp.last_year:
        missing = next(y for y in range(start, gp.last_year + 1) if y not in amounts)
        gp.status, gp.note = "insufficient", f"缺{missing}年数据，无法累计"
        return gp
    done = sum(amounts[y] for y in known)
    if gp.last_year == end:
        gp.final, gp.status, gp.left = done, "final", 0
        gp.note = f"{start}—{end}年累计{done:g}{unit}，目标{goal:g}{unit}"
        return gp
    gp.left = end - gp.last_year
    if done >= goal - EPS:
        gp.status = "reached"
        gp.note = f"{_span(start, gp.last_year)}累计{done:g}{unit}，已提前达到目标{goal:g}{unit}"
        return gp
    gp.required = (goal - done) / gp.left
    gp.status = "on_track" if gp.years[gp.last_year - start].on_path else "behind"
    gp.note = f"{_span(start, gp.last_year)}累计{done:g}{unit}，余下{gp.left}年须每年{gp.required:g}{unit}"
    return gp


def _span(start: int, last: int) -> str:
    return f"{start}年" if start == last else f"{start}—{last}年"
