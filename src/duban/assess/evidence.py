"""Find the reported figure that answers an indicator, among the measurements of its evidence.

A candidate must be in a compatible unit (same base unit after scaling: 万人 ≈ 人, 亿元 ≈ 元; 家/个/座…
count words may stand for each other); among those, the metric decides (shared characters with the
indicator's metric, or the metric's words found in the measurement's clause). When the answer is
spread over several clauses (35张+13张+20张 床位), same-unit increments of one metric are added up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lang.textsim import bigram_dice
from ..records import Indicator, Measurement
from ..verdicts import Actual

COUNT_WORDS = set("个家座所项处条套间栋幢张台辆架艘批场次篇部支块片类种款例组")
_GENERIC = set("的和与及等个项新增完成全年累计实现建设推进")
_RATE_WORDS = re.compile(r"率|比重|占比|比例|强度|指数|覆盖")


@dataclass(slots=True)
class Candidate:
    measurement: Measurement
    score: float  # for ranking: similarity plus unit/basis agreement
    similarity: float  # for acceptance: how well the metric agrees


def unit_compatible(ind: Indicator, m: Measurement) -> bool:
    a, b = ind.base_unit or "", m.base_unit or ""
    if a == b:
        return True
    if a in COUNT_WORDS and b in COUNT_WORDS:
        return True
    return {a, b} <= {"人", "人次"}


def metric_similarity(ind: Indicator, m: Measurement, text: str | None = None) -> float:
    """How sure we are that ``m`` measures what ``ind`` targets (0–1). With the document ``text``,
    the figure's whole sentence counts as weaker context (…保障性租赁住房项目7个、房源2479套)."""
    target = _core(ind.metric)
    if not target:
        return 0.0
    direct = bigram_dice(target, _core(m.metric))
    grams = _grams(target)
    own = own_item(m.text)
    inside = sum(1 for g in grams if g in own) / len(grams)
    around = 0.0
    if text is not None and m.sentence is not None:
        sentence = text[m.sentence[0]:m.value_span[1] + 8]
        around = 0.8 * sum(1 for g in grams if g in sentence) / len(grams)
    return max(direct, inside, around)


# a figure and the list separator after it: what comes before belongs to earlier items of the list
_EARLIER_ITEM = re.compile(r"\d[^、，,；;。\d]*[、，,；;]")


@lru_cache(maxsize=65536)
def own_item(text: str) -> str:
    """A measurement's text without the items of its list before it (…样板区1个、现代化美丽城镇1个 → 现代化美丽城镇1个):
    the earlier items name other things."""
    end = 0
    for m in _EARLIER_ITEM.finditer(text):
        end = m.end()
    return text[end:]


_DERIVED_HEAD = re.compile(r"能耗|电耗|水耗|物耗|排放|强度|比重|占比|比例|密度|指数|系数|弹性|贡献率|率$")
_DERIVED_HEAD_START = re.compile(r"^(?:单位|人均|每)")


def _extends(target: str, reported: str) -> bool:
    """The reported metric is derived from the target's (单位国内生产总值能耗, 人均地区生产总值):
    it contains it and adds a per-unit prefix or a ratio/intensity head."""
    t, r = _core(target), _core(reported)
    if len(t) < 2 or t == r or t not in r:
        return False
    i = r.index(t)
    head, tail = r[:i], r[i + len(t):]
    return bool(_DERIVED_HEAD_START.search(head) and not _DERIVED_HEAD_START.search(t)) or bool(
        _DERIVED_HEAD.search(tail) and not _DERIVED_HEAD.search(t))


@lru_cache(maxsize=65536)
def _core(metric: str) -> str:
    return "".join(ch for ch in metric if ch not in _GENERIC and not ch.isspace())


def _shared_head(a: str, b: str) -> int:
    """How many characters the two metrics' cores end in together (活动 of 商贸节庆活动 and 促消费活动)."""
    a, b = _core(a), _core(b)
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


@lru_cache(maxsize=65536)
def _grams(core: str) -> frozenset[str]:
    return frozenset(core[i:i + 2] for i in range(len(core) - 1)) or frozenset((core,))


def _basis_ok(ind: Indicator, m: Measurement) -> bool:
    growth_i = ind.basis == "growth_rate"
    growth_m = m.basis == "growth_rate"
    if (ind.unit in ("%", "个百分点") or m.unit in ("%", "个百分点")) and growth_i != growth_m:
        # a rate's level (优良率89%) never answers a growth target, and vice versa
        return bool(_RATE_WORDS.search(ind.metric)) and bool(_RATE_WORDS.search(m.metric)) and not growth_i
    return True


def candidates(ind: Indicator, measurements: list[Measurement], text: str | None = None) -> list[Candidate]:
    out = []
    for m in measurements:
        if not unit_compatible(ind, m) or not _basis_ok(ind, m):
            continue
        if ind.metric_id and m.metric_id:  # both named in the vocabulary: the same indicator or not at all
            if ind.metric_id != m.metric_id:
                continue
            similarity = 1.0
        else:
            similarity = metric_similarity(ind, m, text)
            if _extends(ind.metric, m.metric):
                similarity -= 0.4  # 单位国内生产总值能耗 is not 国内生产总值: a derived metric
        score = similarity + (0.15 if (ind.base_unit or "") == (m.base_unit or "") else -0.15)
        if m.flags:
            score -= 0.15  # a 累计/预计/申报 figure only when nothing plain answers
        if m.basis == ind.basis:
            score += 0.1
        elif ind.basis == "level" and m.basis == "increment":
            score -= 0.1
        out.append(Candidate(m, score, similarity))
    out.sort(key=lambda c: -c.score)
    return out


def assign(indicators: list[Indicator], measurements: list[Measurement], alone: bool,
           text: str | None = None) -> dict[int, tuple[Actual | None, float]]:
    """Answer each indicator with at most one figure, and each figure answers at most one indicator
    (best pairs first). ``alone``: the evidence answers only these targets (a table row), so a
    single same-unit figure is enough even with a weak metric match."""
    threshold = 0.3 if alone else 0.45
    pairs = []
    for ind in indicators:
        cands = candidates(ind, measurements, text)
        for c in cands:
            # a figure with no metric of its own (…，增长5.6%) in a row that answers only this target
            unnamed = alone and len(cands) == 1 and len(_core(c.measurement.metric)) <= 1
            # or one figure of the same unit whose thing has the same head noun (商贸节庆活动100场 ← 促消费活动110场),
            # for a thing the vocabulary does not name, counted (money has too many heads: 投资)
            headed = (alone and len(cands) == 1 and ind.metric_id is None and ind.base_unit != "元"
                      and _shared_head(ind.metric, c.measurement.metric) >= 2)
            if c.similarity >= threshold or unnamed or headed:
                pairs.append((c.score, id(ind), c))
    pairs.sort(key=lambda p: -p[0])
    # each figure's best indicator: a figure another indicator of the same evidence answers better is never
    # added into this one's total (样板区1个、美丽城镇1个、未来社区6个 are three answers, not 8个)
    owner: dict[int, int] = {}
    for _score, key, cand in pairs:
        owner.setdefault(id(cand.measurement), key)
    used: set[int] = set()
    out: dict[int, tuple[Actual | None, float]] = {}
    by_id = {id(i): i for i in indicators}
    for score, key, cand in pairs:
        if key in out or id(cand.measurement) in used:
            continue
        ind = by_id[key]
        taken = used | {m for m, k in owner.items() if k != key}
        summed = _sum(ind, cand.measurement, measurements, taken, text)
        if summed is not None:
            used.update(id(m) for m in summed[1])
            out[key] = (summed[0], score)
        else:
            used.add(id(cand.measurement))
            out[key] = (to_actual(cand.measurement), score)
    for ind in indicators:
        out.setdefault(id(ind), (None, 0.0))
    return out


def pick(ind: Indicator, measurements: list[Measurement], alone: bool,
         text: str | None = None) -> tuple[Actual | None, float]:
    """The best answer for one indicator (see :func:`assign`)."""
    return assign([ind], measurements, alone, text)[id(ind)]


def to_actual(m: Measurement) -> Actual:
    return Actual(
        value=m.value,
        unit=m.unit,
        text=m.text,
        span=m.value_span,
        value_high=m.value_high,
        flags=list(m.flags),
        norm_value=m.norm_value,
        base_unit=m.base_unit,
    )


_NOT_ADDED = re.compile(r"其中|其余|剩余|尚有|尚余|还有|另有")
_SPECIFIC = COUNT_WORDS - {"个", "家", "项", "批", "次", "类", "种"}


def _sum(ind: Indicator, first: Measurement, measurements: list[Measurement], used: set[int],
         text: str | None) -> tuple[Actual, list[Measurement]] | None:
    """A result spread over the clauses of one sentence is added up: 新增…床位35张，…床位13张，…20张
    → 68张. Only plain results (no 累计/预计/申报) in the same unit and basis as the first figure, in
    the same sentence, after it; a generic unit (个, 家) also needs the metric to agree."""
    if ind.basis not in ("increment", "count") or first.flags or first.sentence is None:
        return None
    parts = [first]
    for m in measurements:
        if m is first or id(m) in used or m.flags or m.sentence != first.sentence:
            continue
        if m.verb and m.verb != first.verb:
            continue  # 筹集7.1万套、竣工8.3万套: two measures of one thing, not parts of a total
        if text is not None and _NOT_ADDED.search(text, first.value_span[1], m.value_span[0]):
            # 新增床位500张，其中护理型床位300张: what follows 其中 is part of the figure, not added to it;
            # 修缮4处，其余2处暂缓实施: the rest is what was not done
            break
        if m.value_span[0] < first.value_span[0] or m.base_unit != first.base_unit or m.basis != first.basis:
            continue
        if (first.base_unit or "") not in _SPECIFIC and metric_similarity(ind, m) < 0.5:
            continue
        parts.append(m)
    if len(parts) < 2:
        return None
    total = sum(m.norm_value if m.norm_value is not None else m.value for m in parts)
    scale = (first.norm_value / first.value) if first.value and first.norm_value else 1.0
    joined = "＋".join(m.text for m in parts) if text is None else text[parts[0].span[0]:parts[-1].span[1]]
    actual = Actual(
        value=total / scale,
        unit=first.unit,
        text=joined,
        span=(first.value_span[0], parts[-1].value_span[1]),
        flags=[],
        norm_value=total,
        base_unit=first.base_unit,
        summed_from=[m.value_span for m in parts],
    )
    return actual, parts
