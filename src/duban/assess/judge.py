"""Verdicts: an indicator against its reported figure, a target from its indicators or (qualitative)
from what the evidence says was finished, started or merely done as activity.

The rules are those of docs/assessment.md (DESIGN.md's taxonomy, made exact), by the indicator's
direction (extract/canon.py):
  output     ratio = actual/target: ≥1.10 exceeded, ≥1.00 met, ≥0.90 basically met, else not met; a range
             a–b is met from a and exceeded from 1.10·b;
  reduction  a cut (下降4%, 减少1000万人): ratio = actual cut / target cut, judged like an output;
  ceiling    at or below the target is met and never exceeded (CPI, unemployment, deficits); above it, a
             ratio target/actual ≥0.90 is basically met, else not met;
  floor      at or above is met, never exceeded; ≥0.90 basically met;
  band       within the range (or ±10 % of a 左右/bare figure) is met; outside it, off target: not met.
A figure in percent (a growth rate, a cut, CPI or unemployment, a share or a level: %, ‰, 个百分点) is
basically met only within 0.3 points as well as 90 % (a rate of change: or 5 % of a larger target, 19.1 %
against a five-year cut of 20 %): 7.4 % against 7.5 %左右 is basically met, 5.0 % against 5.5 %左右 is a miss
(90 % of a 5.5 % growth target would excuse half a point, which no reader of a work report calls 基本完成), and
so are 80.3 % against 优良天数比率83 % and 47.4 % against a 48 % share. Keeping pace (收入增长与经济增长同步, a
floor on a growth rate) keeps the 90 % rule alone.
A shortfall is in progress instead of not met only for amounts of work (increment, count) when the
evidence says the rest is under way; a year's rate or level is what it is.
"""

from __future__ import annotations

import re

from ..extract.canon import direction
from ..lang import lexicon as lx
from ..lang import lexicon_states as states
from ..lang import marks
from ..lang.lexicon import alt
from ..lang.metrics import vocabulary
from ..lang.textnorm import shadow
from ..records import Indicator
from ..verdicts import Actual
from .deliverables import DISCRETE_OBJECT, is_discrete, is_start, only_furthered
from .deliverables import STARTED as _STARTED
from .passages import key_terms
from .reached import NOT_YET, all_reached, milestone_reached, stated_reached

EXCEEDED, MET, BASIC = 1.10, 1.00, 0.90
RATE_POINTS, RATE_SHARE = 0.3, 0.05  # a percentage basically met: short by ≤ 0.3 points (a rate: or ≤ 5 % of it)
# (…6号线加快建设: under way; 出台…加快建设…中心城市三年行动计划: a title, not progress)
# (先行启动区: a place, not a start)
_PROGRESS = re.compile(rf"(?:{alt(lx.PROGRESS_WORDS)})(?!区)"
                       r"|正在|尚未|未完成|进行中|推进中|有序推进|加快建设(?=[，。；,;]|$)")
_DONE = re.compile(alt(lx.DONE_WORDS))
_CLAIM = re.compile("|".join(lx.CLAIM_PATTERNS))
_STATE_END = re.compile(rf"(?:进一步|继续|明显|基本|保持|趋于|更加|持续|有所)?(?:{alt(states.STATE_WORDS)})$")
_ADVERSE = re.compile(alt(states.ADVERSE_STATE_WORDS))
_STATE = re.compile(alt(states.STATE_WORDS))
_CLAUSES = marks.CLAUSE_COLON
_CLAUSES_ALL = marks.CLAUSE_COLON_STOP
_EXCESS = re.compile(alt(states.EXCESS_WORDS))
_SUBJECT_HEAD = re.compile(r"^(?:要|努力|继续|进一步|保持|实现|确保|力争|促进|推动|使|让)+")
_SUBJECT_TAIL = re.compile(r"(?:适度|稳定|平稳|合理|基本|较快|快速|持续|的)+$")
_MEASURED = re.compile(r"适度|合理|稳定|平稳|基本平衡|控制|基本稳定")
_SEVERAL_YEARS = re.compile(r"近年来|近几年|几年来|多年来|[两三四五]年来|长期以来|过去五年")
_WORK = ("increment", "count")


def direction_of(ind: Indicator) -> str:
    return ind.direction or direction(ind, None)


def _values(ind: Indicator, actual: Actual) -> tuple[float, float | None, float]:
    """(target, target high, actual) on one scale: normalised when both figures carry a scale."""
    if ind.norm_value is not None and actual.norm_value is not None and ind.value and actual.value:
        scale_t = ind.norm_value / ind.value
        high = ind.value_high * scale_t if ind.value_high is not None else None
        return ind.norm_value, high, actual.norm_value
    return ind.value, ind.value_high, actual.value


def ratio(ind: Indicator, actual: Actual) -> float | None:
    """How far the figure went towards the target, ≥ 1 when reached (target/actual for ceilings)."""
    target, _high, value = _values(ind, actual)
    if target == 0:
        return None
    if direction_of(ind) == "ceiling":
        if value <= 0:
            return None
        return target / value
    return value / target


def _close(ind: Indicator, actual: Actual, r: float) -> bool:
    """Short of the target but near enough to be basically met: 90 % of it, and for a figure in percent (a
    rate, a share, a level such as 优良天数比率) also no more than RATE_POINTS points away — or RATE_SHARE of a
    larger target for a rate of change (a five-year cut of 20 %). Compared as written: both figures in the same
    unit. Keeping pace (a relative target: a floor on a growth rate) keeps the 90 % rule alone."""
    if r < BASIC:
        return False
    way = direction_of(ind)
    if ind.unit not in lx.RATE_UNITS or actual.unit != ind.unit or (way == "floor" and ind.basis == "growth_rate"):
        return True
    allowed = RATE_POINTS
    if ind.basis == "growth_rate" or way == "reduction":
        allowed = max(RATE_POINTS, RATE_SHARE * abs(ind.value))
    return abs(abs(ind.value) - abs(actual.value)) <= allowed + 1e-9


def indicator_status(ind: Indicator, actual: Actual | None, evidence: str) -> tuple[str, float | None]:
    if actual is None:
        return "no_evidence", None
    target, high, value = _values(ind, actual)
    way = direction_of(ind)
    if target == 0 and way != "ceiling":
        return "no_evidence", None
    if way == "ceiling":
        if value <= target:
            return "met", (target / value if value > 0 else None)
        r = target / value
        return ("basically_met" if _close(ind, actual, r) else "not_met"), r
    if way == "floor" and target < 0:  # keeping pace with an economy that shrank (GDP −1.9 %): not falling behind it
        return ("met" if value >= target else "not_met"), None
    r = value / target
    if way == "band":
        low, top = (target, high) if high is not None else (target * BASIC, target * EXCEEDED)
        return ("met" if low <= value <= top else "not_met"), r
    if way == "floor":
        if r >= MET:
            return "met", r
        return ("basically_met" if _close(ind, actual, r) else "not_met"), r
    if ind.op == "range" and high is not None and way == "output":
        if value >= high * EXCEEDED:
            return "exceeded", r
        if value >= target:
            return "met", r
    elif r >= EXCEEDED:
        # a cut of an indicator held to a ceiling (PM2.5浓度下降4%): reaching it is met, the air is not "exceeded"
        return ("met" if way == "reduction" and _ceiling_metric(ind) else "exceeded"), r
    elif r >= MET:
        return "met", r
    if _close(ind, actual, r):
        return "basically_met", r
    if ind.stage == "start":  # (新开工…736个 for 新开工1000个: starting is the target's own stage, no progress)
        evidence = _STARTED.sub("", evidence)
    if r > 0 and ind.basis in _WORK and _PROGRESS.search(evidence):
        return "in_progress", r
    return "not_met", r


def _ceiling_metric(ind: Indicator) -> bool:
    """Is the indicator one the vocabulary holds to a ceiling (PM2.5 concentration), whatever the target's wording?"""
    return ind.metric_id is not None and vocabulary().get(ind.metric_id).direction == "ceiling"


STRETCH_HEDGES = ("力争", "争取", "力求", "努力")


def is_stretch(ind: Indicator, indicators: list[Indicator]) -> bool:
    """增长5.5%以上、力争6%: the hoped-for figure after a binding one for the same indicator. It is judged on the
    same result, and shown, but the target's status is the binding figure's."""
    if ind.hedge not in STRETCH_HEDGES:
        return False
    return any(o is not ind and o.hedge not in STRETCH_HEDGES and o.span[0] < ind.span[0]
               and ((o.metric_id is not None and o.metric_id == ind.metric_id) or o.metric == ind.metric)
               for o in indicators)


def combine(statuses: list[str]) -> str:
    """A quantified target's status from its indicators' (docs/assessment.md)."""
    reached = [s for s in statuses if s in ("exceeded", "met")]
    answered = [s for s in statuses if s != "no_evidence"]
    if not answered:
        return "no_evidence"
    if len(reached) == len(statuses):
        return "exceeded" if all(s == "exceeded" for s in statuses) else "met"
    if all(s in ("exceeded", "met", "basically_met") for s in statuses):
        return "basically_met"
    if reached or "basically_met" in statuses:
        return "partially_met"
    if "in_progress" in statuses:
        return "in_progress"
    return "not_met"


# a share of the target said instead of a figure (完成年度目标的96%); each pattern's one group is the percentage
SHARE_SAID = re.compile("|".join(f"(?:{p})" for p in lx.COMPLETION_RATIO_PATTERNS))


_DENIED = re.compile(r"(?:未|没有|没|尚未|未能|没能|不能|难以)$")


def claim(evidence: str) -> tuple[str, tuple[int, int]] | None:
    """The report's own claim of completion (已完成全年目标, 均完成目标任务) with its span in ``evidence``; a share of
    the target (完成年度目标的96%) is a figure, not a claim."""
    sh = shadow(evidence)
    shares = [m.span() for m in SHARE_SAID.finditer(sh)] if "%" in sh else []
    for m in _CLAIM.finditer(sh):
        if _DENIED.search(sh, max(0, m.start() - 3), m.start()):
            continue  # 能耗降低未完成国家下达的年度目标: an admission, not a claim
        if not any(a <= m.start() < b for a, b in shares):
            return evidence[m.start():m.end()], m.span()
    return None


def qualitative(target: str, evidence_sentences: list[str], focus: bool = False) -> str:
    """done / in_progress / activity_only / no_evidence for one target part, from the evidence
    sentences that speak about it (already chosen by relevance). ``focus``: the sentences speak of other
    things too (a narrative review), so progress is read from the clauses that share the target's words only
    (a table row's cell is all about its target)."""
    if not evidence_sentences:
        return "no_evidence"
    joined = "。".join(evidence_sentences)
    # (…新院区建成投用，地铁3号线开工建设: the 开工 is the other target's)
    about = clauses_about(target, joined) if focus else joined
    if is_start(target) and _STARTED.search(about):
        # 开工建设地铁3号线 ← 地铁3号线开工建设, 启动…行动 ← …行动全面启动: the target is the start, and it
        # started (尚未开工: it did not); an open-ended action can be launched too
        return "activity_only" if NOT_YET.search(about) else "done"
    if all_reached(target, about):
        return "done"  # 农村贫困人口全部脱贫、贫困县全部摘帽 ← …全部脱贫，75个贫困县全部摘帽
    if milestone_reached(target, about):
        return "done"  # 推动深圳湾文化广场主体工程完工 ← …主体完工: the target is the stage itself
    if stated_reached(target, about):
        return "done"  # 坚决守住不发生规模性返贫底线 ← 守住了不发生规模性返贫的底线
    if not is_discrete(target):
        return "activity_only"
    # (预计2020年6月全线通车: still to come; only here — a figure 预计 is an estimate, not progress)
    progress = bool(_PROGRESS.search(about) or _FUTURE.search(about)) or _PARTIAL.search(about) is not None
    # (开工建设良渚古城遗址公园二期 ← 举办良渚论坛: a start is done by starting, or by the works being finished)
    done = _done_about(target, joined, _BUILT if is_start(target) else _DONE)
    if done and only_furthered(target):
        return "in_progress"  # 加快建设山东产业技术研究院 ← …研究院揭牌: what it asked was to further, not to finish
    if done and _first_phase_only(target, about):
        return "in_progress"  # 建成金鸡湖东岸湖滨公园 ← …湖滨公园一期建成开放: the first phase is not the whole
    if done and not progress:
        # 市属国企整合重组基本完成: finished but for a remainder the report admits
        return "basically_met" if _BASICALLY.search(about) else "done"
    if progress:
        return "in_progress"
    return "activity_only"


_FUTURE = re.compile(r"预计[^，。；]{0,12}(?:建成|完成|通车|投用|投产|开通|竣工)|将于|有望|即将")
_BASICALLY = re.compile(r"基本(?:完成|建成|实现|结束|到位|落实|形成)")
_BUILT = re.compile(r"建成|竣工|完工|投用|投产|通车|落成|交付|开业|开园|启用|投入使用|投入运营")


def clauses_about(target: str, joined: str, otherwise: str | None = None) -> str:
    """The clauses of the evidence that share a two-character piece of the target's content words (when none
    does: ``otherwise``, by default all of it)."""
    grams = {w[i:i + 2] for w in key_terms(target) for i in range(len(w) - 1)}
    if not grams:
        return joined if otherwise is None else otherwise
    about = [c for c in _CLAUSES_ALL.split(joined) if any(g in c for g in grams)]
    return "，".join(about) if about else (joined if otherwise is None else otherwise)


# 已完成95%精装修工程: a share of the work below the whole is progress, not completion
_PARTIAL = re.compile(r"完成(?:了)?(?:[^，,；;。]{0,8}?的)?(?:[1-9]\d?(?:\.\d+)?|0\.\d+)[%％]")


_PHASED = re.compile(r"[一二三四五六七八九十\d]期")
_FIRST_PHASE = re.compile(r"(?:一期|首期|第一期|一阶段)")


def _first_phase_only(target: str, about: str) -> bool:
    """Does the evidence finish only the first phase (…一期建成开放) of a thing the target names whole?"""
    terms = key_terms(target)
    if _PHASED.search(target) or not terms:
        return False
    head = {terms[-1][i:i + 2] for i in range(len(terms[-1]) - 1)}
    return any(any(g in about[max(0, m.start() - 8):m.start()] for g in head) for m in _FIRST_PHASE.finditer(about))


def _done_about(target: str, joined: str, done_words: re.Pattern[str] | None = None) -> bool:
    """Does a clause say something was finished, and is it this target's deliverable? When the target
    has content words, the finishing clause must share one of their two-character pieces (a table cell's
    完成对…项目的专项排摸调研 does not finish a 公共数据平台); a clause finishing a share (完成95%) never does."""
    grams = {w[i:i + 2] for w in key_terms(target) for i in range(len(w) - 1)}
    done_words = done_words or _DONE
    # the thing to deliver must be named too, by its kind or its last content word (推进海峡两岸青年创业基地建设 ←
    # 成功举办海峡两岸商品交易会: finished, but not the 基地; 出台…政策措施 ← 出台…若干措施: the measures)
    things = {m.group() for m in DISCRETE_OBJECT.finditer(target) if len(m.group()) >= 2}
    terms = key_terms(target)
    if things and terms:
        things |= {terms[-1][i:i + 2] for i in range(len(terms[-1]) - 1)}
    for clause in _CLAUSES_ALL.split(joined):
        if not done_words.search(clause) or _PARTIAL.search(clause):
            continue
        if things and not any(th in clause for th in things):
            continue
        if not grams or any(g in clause for g in grams):
            return True
    return False


def combine_parts(parts: list[tuple[bool, str]]) -> str:
    """A qualitative row from its parts, each (discrete?, status). Discrete parts decide: all done →
    done; some done or under way and others dropped or not done → partially met; under way → in progress;
    none delivered and one admitted not done → not met.
    Open-ended parts only ever add activity — unless judged done in their own words (a state of all of something,
    a stage, a state held or a title obtained: qualitative), which decides as a deliverable does."""
    discrete = [status for is_d, status in parts if is_d or status == "done"]
    answered = [status for _, status in parts if status != "no_evidence"]
    if not answered:
        return "no_evidence"
    if discrete:
        if all(s in ("done", "basically_met") for s in discrete):
            return "done" if all(s == "done" for s in discrete) else "basically_met"
        discrete = ["done" if s == "basically_met" else s for s in discrete]
        if "done" in discrete and any(s in ("no_evidence", "activity_only", "not_met") for s in discrete):
            return "partially_met"
        if "in_progress" in discrete and any(s in ("no_evidence", "not_met") for s in discrete):
            return "partially_met"
        if "in_progress" in discrete or "done" in discrete:
            return "in_progress"
        if "not_met" in discrete:
            return "not_met"  # (one admitted not delivered, the rest not reported: nothing delivered)
    return "activity_only"


def measured_state(target: str) -> bool:
    """A state held to a measure (适度增长, 基本稳定, 合理增长): running over it is a miss too."""
    return _MEASURED.search(target) is not None


# A quantity held to a measure by a verb of control: 合理调控货币信贷总量, 保持货币发行和信贷的适度规模.
_LEAD = r"^(?:今年|全年|明年)?(?:要|努力|继续|进一步|切实)*"
_CONTROLLED = (
    re.compile(_LEAD + r"(?:合理|适度|严格|有效)(?:调控|控制|把握)(?P<x>[^，,；;]{2,16}?)(?:总量|规模)?$"),
    re.compile(_LEAD + r"保持(?P<x>[^，,；;]{2,16}?)的?(?:适度|合理)(?:规模|水平)$"),
)


def state_subject(target: str) -> str | None:
    """For a target that names a state to reach (国际收支状况改善, 发展的协调性进一步增强) or a quantity held to a
    measure (合理调控货币信贷总量), its subject."""
    for clause in _CLAUSES.split(target.strip()):
        for pattern in _CONTROLLED:
            m = pattern.match(clause)
            if m:
                return m.group("x")
    text = _CLAUSES.split(target.strip())[0]  # 要保持固定资产投资适度增长，正确引导投资方向: the first clause
    m = _STATE_END.search(text)
    if m is None or m.start() < 2:
        return None
    subject = _SUBJECT_TAIL.sub("", _SUBJECT_HEAD.sub("", text[:m.start()]))  # 要保持固定资产投资适度 → 固定资产投资
    return subject if len(subject) >= 2 else None


_AIM_END = re.compile(
    rf"(?:保持|实现|继续|持续|力争)?(?P<aim>{alt(states.GROW_AIMS)}|{alt(states.HOLD_AIMS)}|{alt(states.FALL_AIMS)})$")
_GROW = frozenset(states.GROW_AIMS)
_FALL = frozenset(states.FALL_AIMS)


def aims(target: str) -> list[tuple[str, str]]:
    """The indicators a target wants to move without a figure, each with its aim: ``grow`` (居民收入稳步增长,
    进出口稳中有增), ``hold`` (外贸进出口保稳提质, 粮食生产保持稳定) or ``fall`` (主要污染物排放总量持续减少), one per
    clause that ends in such a word.
    A quantity held to a measure (投资适度增长, 信贷合理增长) has no aim here: how much is too much is not written."""
    out: list[tuple[str, str]] = []
    for clause in _CLAUSES.split(target.strip()):
        m = _AIM_END.search(clause)
        if m is None or _MEASURED.search(clause[:m.start()][-4:]):
            continue
        subject = _SUBJECT_TAIL.sub("", _SUBJECT_HEAD.sub("", clause[:m.start()]))
        if len(subject) >= 2:
            aim = m.group("aim")
            out.append((subject, "grow" if aim in _GROW else "fall" if aim in _FALL else "hold"))
    return out


def state_status(subject: str, sentence: str, measured: bool = False) -> str | None:
    """What a review sentence says of a state: done (the same state reached: 国际收支状况有所改善), not_met
    (it went the wrong way: 国际收支不平衡矛盾加剧), or None when no clause speaks of the subject."""
    grams = {subject[i:i + 2] for i in range(len(subject) - 1)}
    if not grams:
        return None
    best, best_share = None, 0.0
    for clause in _CLAUSES.split(sentence):
        share = sum(1 for g in grams if g in clause) / len(grams)
        if share > best_share:
            best, best_share = clause, share
    if best is None or best_share < 0.6 or _SEVERAL_YEARS.search(sentence):
        return None  # (近年来国际收支不平衡: a statement about several years says nothing of this one)
    tail = best[best.find(subject[-2:]) + 2:] if subject[-2:] in best else best
    for word in _ADVERSE.findall(subject):  # 国际收支不平衡状况得到改善: the subject's own words are no verdict
        tail = tail.replace(word, "")
    if _ADVERSE.search(tail) or (measured and _EXCESS.search(tail)):
        return "not_met"  # (保持投资适度增长 ← 投资规模过大: a measured state overshot)
    if _STATE.search(tail):
        return "done"
    return None
