"""A target reached in its own words: every part a state of all of something (农村贫困人口全部脱贫、贫困县全部摘帽 ←
…全部脱贫，75个贫困县全部摘帽), or a target that is itself a stage of the works (推动…主体工程完工 ← …主体完工) —
read before the words of progress, which would otherwise make either 推进中 (assess/judge.qualitative)."""

from __future__ import annotations

import re

from ..lang import marks

NOT_YET = re.compile(r"尚未|未能|没有|未")  # (the one home of this list: judge.py reads it too)
_ALL_OF = re.compile(r"(?:全部|全面|全都|均)([\u4e00-\u9fff]{2})$")


def all_reached(target: str, about: str) -> bool:
    """A target whose every part is a state of all of something (…全部脱贫、…全部摘帽), each said of the year in
    the same words (…全部脱贫, …全部摘帽) and not denied."""
    parts = [c for c in marks.CLAUSE_OR_ITEM.split(target) if c.strip()]
    ends = [_ALL_OF.search(c) for c in parts]
    if not ends or any(m is None for m in ends):
        return False
    return all(re.search(rf"(?<!未)(?<!没有)(?:全部|全面|全都|均){m.group(1)}", about) for m in ends if m)


# A target whose deliverable is itself a stage of works (主体工程完工, 主塔封顶, 全线贯通, 全线轨通): the same stage
# reported is the target reached, though the stage is only progress for a target to finish the works
_MILESTONE = re.compile(r"(?:主体(?:工程|结构)?(?:完工|封顶)|主塔封顶|全线贯通|全线轨通|全线洞通|主线贯通)$")
_MILESTONE_NOISE = re.compile(r"工程|结构")


def milestone_reached(target: str, about: str) -> bool:
    m = _MILESTONE.search(target.strip("。；， "))
    if m is None:
        return False
    stage = _MILESTONE_NOISE.sub("", m.group())  # four characters: what, and its stage (主塔 封顶)
    said = _MILESTONE_NOISE.sub("", about)
    found = re.search(rf"{stage[:2]}(?:全部|全线|均已|已经|已|均|顺利|如期){{0,2}}{stage[2:]}", said)
    return found is not None and not NOT_YET.search(said, max(0, found.start() - 4), found.end())


# A state to hold (确保太湖安全度夏, 坚决守住不发生规模性返贫底线) said held in the same words (实现太湖“安全度夏”,
# 守住了不发生规模性返贫的底线); a title or place on a list to obtain (争取纳入…先行启动区) said obtained
# (共同纳入…先行启动区)
_HOLD = re.compile(r"^(?:坚决|全力|努力|切实)?(?:确保|守住|守牢)([^，。；]{4,})$")
_HELD_BY = re.compile(r"(?:实现|守住|守牢|确保|保持|做到)了?")
_OBTAIN = re.compile(r"^(?:争取|力争|确保|推动)(纳入|列入|入选|获批|获评)([^，。；]{4,})$")
_NOISE = re.compile(r"[“”\"‘’「」的]|(?:底线|红线)$")


_PREDICATE = re.compile(r"(?:稳定|持续|全面)?(?:保持|达到|达标|优于|不低于|不发生|不出现)")
_BOUND_WORD = re.compile(r"(?:及以上|以上|以下|以内)$")


def held(state: str, said: str) -> str | None:
    """How ``said`` tells of a state to hold: "held", "denied" (…断面水质未能稳定达标) or None (not said). A state with
    a predicate of its own (水质稳定保持Ⅱ类以上) is found by that predicate after most of its subject's pieces (赤水河
    干流仁怀段水质稳定保持Ⅱ类); one without (太湖安全度夏) in the same words after a verb that holds it (实现)."""
    state = _NOISE.sub("", state)
    m = _PREDICATE.search(state)
    if m is None:
        at = said.find(state)
        before = said[max(0, at - 8):at] if at >= 0 else ""
        if at < 0 or not _HELD_BY.search(before):
            return None
        return "denied" if NOT_YET.search(before) else "held"
    subject, predicate = state[:m.start()], _BOUND_WORD.sub("", state[m.start():])
    # (坚决守住不发生暴恐案事件的底线 ← 连续5年多未发生暴恐案事件)
    if predicate.startswith(("不发生", "不出现")) and re.search(rf"(?:未|没有|无|零)(?:发生|出现){predicate[3:]}",
                                                                 said):
        return "held"
    pieces = {subject[i:i + 2] for i in range(len(subject) - 1)}
    at = said.find(predicate)
    while at >= 0:
        before = said[max(0, at - 20):at]
        if not pieces or sum(p in before for p in pieces) * 2 >= len(pieces):
            return "denied" if NOT_YET.search(said, max(0, at - 4), at) else "held"
        at = said.find(predicate, at + 1)
    # (确保邕江国控断面水质稳定达到Ⅲ类 ← 邕江个别断面水质稳定达标仍有差距: its subject said short of the standard)
    if pieces and sum(p in said for p in pieces) * 2 >= len(pieces) and _SHORT_OF.search(said):
        return "denied"
    return None


_SHORT_OF = re.compile(r"(?:达标|达到)[^，。；]{0,4}(?:仍有差距|存在差距|差距较大)"
                       r"|(?:未能|尚未|没有)[^，。；]{0,4}(?:达标|达到)")


def _parts(target: str):
    for clause in (c.strip() for c in marks.CLAUSE.split(target.rstrip("。；"))):
        yield clause, _HOLD.match(clause), _OBTAIN.match(clause)


def stated_reached(target: str, about: str) -> bool:
    """Every part of the target that holds a state or obtains a title, none of them denied, and at least one."""
    said = _NOISE.sub("", about)
    found = False
    for _clause, hold, obtain in _parts(target):
        if hold:
            if held(hold.group(1), said) != "held":
                return False
        elif obtain:
            verb, what = obtain.group(1), _NOISE.sub("", obtain.group(2))
            gap = len(what) + 2  # (纳入第二批…培育名单 for 纳入…培育名单: a few words more)
            if not re.search(rf"(?<!未)(?<!没有){verb}[^，。；]{{0,{gap}}}?{re.escape(what[-4:])}", said):
                return False
        else:
            continue
        found = True
    return found


def state_denied(target: str, clause: str) -> bool:
    """Does ``clause`` (of the 问题 passage) say that a state the target was to hold was not held?"""
    said = _NOISE.sub("", clause)
    return any(hold and held(hold.group(1), said) == "denied" for _c, hold, _o in _parts(target))


__all__ = ["NOT_YET", "all_reached", "held", "milestone_reached", "state_denied", "stated_reached"]
