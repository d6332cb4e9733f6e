"""A deliverable target that names several things (建成投用潍坊、烟台两个国家骨干冷链物流基地; 开工建设地铁6号线、7号线
一期和2号线东延线): each thing is judged on its own, and the target is partially met when some are delivered and others
are not reported — the review's sentence about one of them says nothing of the rest.

The things are the parts of the list between the target's verbs and the end, split at 、/和/及/与; a count of them
(两个, 两条) is dropped; each part is looked for by its distinguishing words (the part, or its first four characters
when it is longer than six); a key of two characters (潍坊) only in a review sentence that also speaks of the list's
head noun (the last two characters of its last part: 基地)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from ..lang import lexicon_states as states
from ..lang import marks
from ..lang.lexicon import alt
from ..lang.textsim import containment, short_form
from . import judge
from .review import Review

_VERBS = re.compile(
    r"^(?:加快|全面|确保|力争|推动|推进|争取|年内|年底前)*(?:新开工|开工建设|建成投用|建成投产|建成通车|建成开放|建成运营|"
    r"建成|完成|开工|启动|投用|投产|实施)")
_LIST = re.compile(r"[、和及与]")
CLAUSES = marks.CLAUSE_STOP  # the clauses of a review sentence
_COUNT = re.compile(r"[两二三四五六七八九十\d]+[个条座所家项处批]")
_TAIL = re.compile(r"(?:等)?(?:项目|工程)?(?:建设|综合整治|整治|改造)?$")


def listed_things(target: str) -> tuple[str, list[str]] | None:
    """(the verb, the things) of a deliverable that names two or more; None otherwise. The verb leads
    (建成投用潍坊、烟台两个…基地) or, after 推动/确保…, closes the list (推动芯恩集成电路二期、京东方移动显示模组等
    项目建成投产: the things are those before 等)."""
    m = _VERBS.match(target)
    if m is None:
        return _things_before_stage(target)
    rest = target[m.end():]
    if "，" in rest or "；" in rest:
        return None
    parts = [p for p in _LIST.split(_COUNT.sub("", rest)) if p]
    if len(parts) < 2 or any(len(p) < 2 for p in parts):
        return None
    return m.group(), parts


_LISTED_BEFORE_STAGE = re.compile(
    r"^(?:推动|推进|确保|加快|力争|争取|促进)+(?P<things>[^，；]+?)(?:等(?:[^，；、和]{0,12}?))?(?:项目|工程)?"
    r"(?:在[^，；、]{2,10})?(?P<stage>建成投产|建成投用|建成通车|建成运营|建成|投产|投用|开工建设|开工|竣工|落地)$")


def _things_before_stage(target: str) -> tuple[str, list[str]] | None:
    """(the stage, the things) of 推动中国星网、中国中化、中国华能等央企总部在雄安新区开工建设 (the last clause)."""
    clause = marks.CLAUSE.split(target)[-1]
    m = _LISTED_BEFORE_STAGE.match(clause)
    if m is None:
        return None
    parts = [p for p in _LIST.split(_COUNT.sub("", m.group("things"))) if p]
    if len(parts) < 2 or any(len(p) < 2 for p in parts):
        return None
    return m.group("stage"), parts


def listed_status(target: str, review: Review, due_later: bool = False) -> tuple[str, list] | None:
    """(status, evidence spans) of a deliverable naming several things, judged thing by thing; None when the target
    names one thing or none of its things is found (the ordinary retrieval decides then)."""
    found = listed_things(target)
    if found is None:
        return None
    verb, parts = found
    head = _TAIL.sub("", parts[-1])[-2:]
    excluded = review.excluded()
    hits: list[tuple[object, str]] = []
    for part in parts:
        key = _TAIL.sub("", part)
        key = key if len(key) <= 6 else key[:4]
        hit = next((s for s in review.sentences if s not in excluded and key in review.text(s)
                    and (head in review.text(s) or len(key) >= 3)), None)
        if hit is None:  # named by a short form (华丽高速 for 华坪至丽江 of …高速公路)
            full = part if len(part) > 5 or part.endswith(head) else part + parts[-1][-4:]
            hit, short = _by_short_form(full, review, excluded, skip_place=False)
            key = short or key
        hits.append((hit, key))
    statuses: list[tuple[bool, str]] = []
    spans = []
    for part, (hit, key) in zip(parts, hits, strict=True):
        if hit is None and len(part) >= 6:  # a long name cut to its first two characters in the clause naming a
            # sibling (京雄、荣乌新线高速公路建成通车 for 京雄高速公路河北段 and 荣乌高速公路新线)
            key = _TAIL.sub("", part)[:2]
            hit = next((s for s, k in hits if s is not None and any(
                key in c and k in c for c in CLAUSES.split(review.text(s)))), None)
        if hit is None:  # named in the 问题 passage as late or behind (雄忻高铁前期工作进展滞后，未能如期开工)
            admitted = _admitted(key, review, due_later)
            if admitted is not None:
                spans.append(admitted[0])
                statuses.append((True, admitted[1]))
                continue
        if hit is None:
            statuses.append((True, "no_evidence"))
            continue
        spans.append(hit)
        clauses = [c for c in CLAUSES.split(review.text(hit)) if key in c]
        statuses.append((True, judge.qualitative(verb + part, clauses or [review.text(hit)])))
    if not spans:
        return None
    return judge.combine_parts(statuses), sorted(set(spans))


LATE = re.compile(alt(states.LATE_WORDS))  # (qualitative.py reads these too)
BEHIND = re.compile(alt(states.BEHIND_WORDS))


def _admitted(key: str, review: Review, due_later: bool = False) -> tuple[object, str] | None:
    """(the 问题 sentence, not_met or in_progress) where a clause naming ``key`` — with the clause after it when that
    has no subject of its own (…进展滞后，未能如期开工) — says the thing is late or behind: not delivered in the year
    (not met), unless only behind on a goal due later (in progress)."""
    if len(key) < 3 or review.problems_from is None:
        return None
    for span, clause, said in review.problem_clauses():
        if key not in clause:
            continue
        if LATE.search(said):
            return span, "not_met"
        if BEHIND.search(said):
            return span, "in_progress" if due_later else "not_met"
    return None


def _by_short_form(name: str, review: Review, excluded, skip_place: bool = True) -> tuple[object, str]:
    """(the first review sentence naming ``name`` by a short form, that short form), or (None, ""); a name ending in
    a phase (…二期) only by a short form that keeps it."""
    phase = _PHASE.search(name)
    for span in review.sentences:
        if span in excluded:
            continue
        text = review.text(span)
        found = short_form(name, text, skip_place=skip_place) or line_code(name, text)
        if found is not None and (phase is None or phase.group()[:2] in text[found[0]:found[1]]):
            return span, text[found[0]:found[1]]
    return None, ""


_LINE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{0,2}\d{1,2}号?线(?:[一二三四五六七八九十]期)?$")


_LINE_OF = re.compile(r"(?:轨道交通|地铁|城际铁路|市域铁路|有轨电车)([\u4e00-\u9fff]{2,3}线(?:[一二三]期)?)$")


def line_code(name: str, text: str) -> tuple[int, int] | None:
    """Where ``text`` names a line by its code alone (S1线 for 苏州轨道交通S1线, 4号线一期 for 轨道交通4号线一期) or by
    its own name after the kind of line (义东线 for 金义东市域轨道交通义东线)."""
    m = _LINE.search(name)
    if m is not None and len(m.group()) >= 3:
        found = re.search(rf"(?<![A-Za-z0-9]){re.escape(m.group())}", text)
        return (found.start(), found.end()) if found else None
    own = _LINE_OF.search(name)
    if own is None:
        return None
    at = text.find(own.group(1))
    return (at, at + len(own.group(1))) if at >= 0 else None


# the stage a thing is to reach, written after it (宁句城际轨道交通建成通车)
_STAGE_END = re.compile(
    r"(?:全线|主线)?(?:轨通|贯通|洞通|电通)$|主体(?:工程|结构)?(?:完工|封顶)$|主塔封顶$"  # (a milestone: reached.py)
    r"|(?:建成|全面建成|基本建成)?(?:通车|投用|投产|投运|运营|开放|开通|使用|建设)?$"
    r"|(?:开工建设|开工|竣工|投入使用|投入运营|挂牌运行|正式运行|全线通车|通车运营)$"
    r"|(?:年底|年内)?具备(?:开通|通车|运营|投用|投产)条件$")  # (确保徐连高铁年底具备开通条件)
_HEADS = re.compile(r"^(?:确保|力争|争取|推动|推进|加快|全力|年内|年底前|实现)+")
# a clause that says more of the thing just named: a part of it (生产设备正在安装调试) or how it stands (正在…, 预计…)
_MORE_OF_IT = re.compile(
    r"[^，。；]{0,4}(?:设备|厂房|主体|配套|附属|装修|设施|内部)|(?:正在|目前|预计|尚|仍|其余|剩余|将|计划|年底)")
_ISSUE = re.compile(r"(?:研究)?(?:制定出台|制定|出台|印发|发布|编制|修订)")
ISSUED_MIN = 0.7  # share of an issued document's title bigrams a review clause that issues something must hold
NAMED_MIN = 0.6  # share of a deliverable's name a review sentence must hold in one piece
_PHASE = re.compile(r"[一二三四五六七八九十\d]期(?:工程|项目)?$")  # (…二期: the phase the target names)


def deliverable_name(target: str) -> str:
    """The thing a deliverable target names: without its verbs before (建成投用…) or its stage after (…建成通车)."""
    m = _VERBS.match(target)
    name = target[m.end():] if m else _HEADS.sub("", target)
    return _STAGE_END.sub("", name) if m is None else name


def _piece_needed(name: str) -> int:
    """The length a piece of ``name`` must have to name it: four characters and NAMED_MIN of it."""
    return max(4, -(-len(name) * 6 // 10))


def _longest_piece(name: str, text: str):
    """The longest piece of ``name`` that ``text`` holds (a difflib Match: a, b, size)."""
    return SequenceMatcher(None, name, text, autojunk=False).find_longest_match(0, len(name), 0, len(text))


def names_in(target: str, text: str) -> bool:
    """Does ``text`` hold most of the deliverable's name in one piece (as named_sentence asks), or a short form of it
    (红岛会展中心 for 红岛国际会议展览中心: textsim.short_form)?"""
    name = deliverable_name(target)
    return len(name) >= 4 and (_longest_piece(name, text).size >= _piece_needed(name)
                               or short_form(name, text) is not None)


def named_sentence(target: str, review: Review) -> tuple[object, str] | None:
    """(the review sentence, the clause) that holds most of the deliverable's name in one piece (中国一汽红旗繁荣工厂 ←
    红旗繁荣工厂建成投产; 引洮供水二期工程 ← 引洮供水二期骨干工程…): at least four characters and NAMED_MIN of it."""
    name = deliverable_name(target)
    if len(name) < 4 or "，" in name:
        return None
    need = _piece_needed(name)
    excluded = review.excluded()
    best: tuple[int, object, str] | None = None
    issued = _ISSUE.match(name)
    phase = _PHASE.search(name)
    for span in review.sentences:
        if span in excluded:
            continue
        text = review.text(span)
        if issued and best is None:
            # a document issued under a title worded a little otherwise (出台支持民营经济发展壮大的若干措施 ←
            # 出台支持民营经济高质量发展的若干措施): most of its title's pieces in a clause that issues something
            title = name[issued.end():]
            clause = next((c for c in CLAUSES.split(text) if _ISSUE.search(c)
                           and containment(title, c) >= ISSUED_MIN), None)
            if clause is not None:
                best = (0, span, clause)
                continue
        if name[:2] not in text and name[-2:] not in text and name[len(name) // 2 - 1:len(name) // 2 + 1] not in text:
            continue  # (a quick test before the longest common piece)
        match = _longest_piece(name, text)
        if match.size >= need and (best is None or match.size > best[0]):
            piece = text[match.b:match.b + match.size]
            clauses = CLAUSES.split(text)
            at = next((i for i, c in enumerate(clauses) if piece in c), None)
            clause = clauses[at] if at is not None else text
            if phase and phase.group() not in clause:
                continue  # 义乌综合保税区 of a sentence on its trade is not 义乌综合保税区二期
            if at is not None and at + 1 < len(clauses) and _MORE_OF_IT.match(clauses[at + 1]):
                clause += "，" + clauses[at + 1]  # …厂房建成，生产设备正在安装调试: the next clause says more of it
            best = (match.size, span, clause)
    if best is None:  # named by a short form only (弥蒙铁路 for 弥勒至蒙自铁路, 综保区 for 综合保税区)
        span, short = _by_short_form(name, review, excluded)
        if span is not None:
            clauses = CLAUSES.split(review.text(span))
            at = next(i for i, c in enumerate(clauses) if short in c)
            # (read with the full name in place of the short one: 贵南高铁建成通车 finishes 贵阳至南宁高速铁路…)
            clause = clauses[at].replace(short, name)
            if at + 1 < len(clauses) and _MORE_OF_IT.match(clauses[at + 1]):
                clause += "，" + clauses[at + 1]
            best = (len(short), span, clause)
    return (best[1], best[2]) if best else None


__all__ = ["BEHIND", "CLAUSES", "LATE", "deliverable_name", "line_code", "listed_status", "listed_things",
           "named_sentence", "names_in"]
