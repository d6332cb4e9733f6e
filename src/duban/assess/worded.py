"""Results a narrative review gives in words, and states the plan measures by a sibling figure.

* **A fall said without a figure.** 社会商品零售价格和消费价格的总水平都比上年下降 answers a ceiling on the
  growth of retail prices (at most 3%): the growth was below zero, so the ceiling was met. 进出口总额比上年下降
  answers an output target of growth (进出口增长8%): whatever the exact figure, it fell short. Only a
  growth-rate target is answered this way, only by a clause that names the target's own indicator as a whole
  (全省进出口, not 对美进出口; 物价, not 物价涨幅 — a rate that 下降 only grew less) and gives no figure,
  and only in a sentence about the plan's year.
* **A state measured by its sibling.** 物价总水平基本稳定，居民消费价格涨幅3%以内: the plan says in the same
  sentence what 基本稳定 means for that indicator, so the state is judged as its figure is (CPI 4.8%: not
  met). Without such a sibling a state is judged by what the review says of it (narrative.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..lang import marks
from ..lang.metrics import vocabulary
from ..records import Span, Target
from ..verdicts import Item
from . import judge

_FELL = re.compile(r"(?:下降|下跌|负增长)(?!趋势|势头|幅度|态势|压力)")
# 涨幅下降, 增速回落: the rate moved, not the quantity — says nothing of the sign of its growth
_RATE = re.compile(r"涨幅|增幅|增速|增长率|速度|降幅|幅度|比重|占比|指数")
# what may stand before the indicator in its clause: nothing, the whole place or the year (社会商品零售价格)
_WHOLE = re.compile(r"(?:全省|全市|全区|全县|全州|全盟|全旗|全国|全年|去年|上年|当年|社会|外贸|但|而|同时|总的看)*")
_NOT_THIS_YEAR = re.compile(r"今年|明年|预计|预期|近年来|近几年|几年来|多年来|[两三四五]年来|长期以来|过去五年|五年来")
_YEARS = re.compile(r"((?:19|20)\d\d)年")
_CLAUSES = marks.CLAUSE_COLON_STOP
_REACHED = {"exceeded": "done", "met": "done", "basically_met": "basically_met", "not_met": "not_met"}
SIBLING_REACH = 60  # characters between a state and the figure that measures it, in one sentence


def fall_said(sentences: list[tuple[Span, str]], t: Target, year: int | None) -> tuple[dict[int, str], Span] | None:
    """Indicator statuses ({id(indicator): status}) of ``t`` answered by a fall said without a figure, and the
    sentence that says it; ``sentences`` are the review's (span, text) pairs that may be evidence."""
    vocab = vocabulary()
    found: dict[int, str] = {}
    where: Span | None = None
    for ind in t.indicators:
        if ind.basis != "growth_rate" or ind.unit != "%" or not ind.metric_id or not ind.value or ind.value <= 0:
            continue
        way = judge.direction_of(ind)
        if way == "reduction":
            continue  # 能耗下降 without a figure: how far it fell is the whole question
        for span, sentence in sentences:
            if _NOT_THIS_YEAR.search(sentence) or any(int(y) != year for y in _YEARS.findall(sentence)):
                continue
            if _falls(sentence, ind.metric_id, vocab):
                found[id(ind)] = "met" if way == "ceiling" else "not_met"
                where = where or span
                break
    return (found, where) if found and where is not None else None


def _falls(sentence: str, metric_id: str, vocab) -> bool:
    for clause in _CLAUSES.split(sentence):
        if re.search(r"\d", clause):
            continue  # a clause with a figure is read as a figure (narrative.best_figure)
        for s, e, entry in vocab.mentions(clause):
            if entry.id != metric_id or _RATE.search(clause[s:e]) or not _WHOLE.fullmatch(clause[:s]):
                continue
            tail = clause[e:e + 20]
            m = _FELL.search(tail)
            if m and not _RATE.search(tail[:m.start()]):
                return True
    return False


def sibling_state(plan_text: str, targets: list[Target], t: Target, subject: str,
                  answer: Callable[[Target], Item | None]) -> tuple[str, Item, Target] | None:
    """A measured state (物价总水平基本稳定) whose indicator the same plan sentence sets a figure for: the
    status the figure's item gets (done, basically_met or not_met), that item and the sibling target."""
    if not judge.measured_state(t.text):
        return None
    metric = vocabulary().canonical(subject)
    if metric is None:
        return None
    for s in targets:
        if s is t or not any(ind.metric_id == metric.id for ind in s.indicators):
            continue
        a, b = (t.span[1], s.span[0]) if t.span[0] < s.span[0] else (s.span[1], t.span[0])
        if b - a > SIBLING_REACH or "。" in plan_text[a:b] or "\n" in plan_text[a:b]:
            continue
        item = answer(s)
        if item is not None and item.status in _REACHED:
            return _REACHED[item.status], item, s
    return None


__all__ = ["fall_said", "sibling_state"]
