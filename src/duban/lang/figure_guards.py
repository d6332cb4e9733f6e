"""What a number beside a unit is not (lang/quantities.scan asks before it keeps a figure): a slogan or a
name (两个维护, 八所港), a qualifier of the noun after it (亿元以上项目, 3岁以下婴幼儿, 30万吨级码头, 15分钟生活圈),
the rule of a policy (按15%的税率). Moved out of quantities.py unchanged."""

from __future__ import annotations

import re

from . import lexicon as lx
from .lexicon import alt

_CJK = re.compile(r"[\u4e00-\u9fff]")
_SLOGAN_AFTER = re.compile(alt(lx.SLOGAN_TAILS))
_QUALIFIER_AFTER = re.compile(r"(?:规模|级|量级|档次|体量)(?:以上|以下)?|(?:以上|以下|及以上)的")
# 15分钟便民生活圈, 1小时通勤圈, 5公里健身圈: a time or distance that names a service circle.
_CIRCLE_AFTER = re.compile(r"[^，。；：、\s()（）“”]{0,6}?圈")
_CIRCLE_UNITS = {"分钟", "小时", "天", "公里", "千米", "米"}
_NAME_AFTER = re.compile(r"[^，。；：、\s()（）“”]{0,8}?(?:项目|工程|装置|基地|机组|生产线|产线|电站|码头|泊位)")
_PHYSICAL = set(lx.PHYSICAL_UNITS) | set(lx.LATIN_UNITS)
# Measure words that count things: 2个以上最佳应用 is a count, while 3岁以下婴幼儿 and
# 2000人以上村社区 qualify a noun.
# 1200名以上科技特派员 counts people too (名/位 count persons; 人 sizes a place: 2000人以上村社区).
_COUNT_WORDS = set("个 家 座 套 间 栋 幢 张 台 辆 架 艘 条 项 件 所 处 批 场 次 篇 部 支 块 片 类 种 款 例 组".split())
_COUNT_WORDS |= {"名", "位", "户", "人次", "户次", "家次", "车次", "航次", "台套"}
_PEOPLE_AFTER = re.compile(
    rf"(?!{alt(lx.QUALIFIED_BODIES)})[^，。；：、\s()“”]{{0,8}}?(?:{alt(lx.PERSON_NOUNS)})"
)
_NAME = re.compile(alt(lx.NUMERAL_NAMES))
_POLICY_BEFORE = re.compile(
    rf"(?:{alt(lx.POLICY_RATE_BEFORE)}|(?:{alt(lx.POLICY_RATE_NAMES)})(?:为|按|是|统一为|执行))(?:最高|最低)? {{0,2}}$"
)
_POLICY_AFTER = re.compile(rf" {{0,2}}的?(?:优惠)?(?:{alt(lx.POLICY_RATE_AFTER)})")

def not_a_figure(s: str, n_start: int, n_end: int, q_end: int, end: int, measure: str, is_cn: bool) -> bool:
    """Slogans, demonstratives and names: 两个维护, 这两个指标, 八所港, 三门峡."""
    if not is_cn:
        return False
    if _SLOGAN_AFTER.match(s, n_end, end) or (n_start and s[n_start - 1] in "这那此该每本"):
        return True
    if _NAME.match(s, n_start, end):
        return True
    if measure in lx.NAME_PRONE_MEASURES and q_end < end and s[q_end] in lx.PLACE_SUFFIXES:
        return not (q_end + 1 < end and s[q_end + 1] in lx.PLACE_WORD_NEXT)
    return False


def qualifier(s: str, q_end: int, end: int, measure: str, suffix: str) -> bool:
    """Is the figure a qualifier of the noun after it (亿元以上项目, 3岁以下婴幼儿, 30万吨级码头)?"""
    # 1200名以上科技特派员 counts people, but 1000户以上的行政村 sizes the villages
    counted = measure in _COUNT_WORDS and not (measure in "名位户" and s[q_end: q_end + 1] == "的")
    counted = counted or (measure == "人" and _PEOPLE_AFTER.match(s, q_end, end) is not None)
    if suffix in ("以上", "以下", "及以上") and not counted and qualifies_noun(s, q_end, end):
        return True
    if measure == "岁" and qualifies_noun(s, q_end, end):
        return True  # 0-3岁婴幼儿: an age that qualifies a noun
    if measure in _CIRCLE_UNITS and _CIRCLE_AFTER.match(s, q_end, end):
        return True
    q = _QUALIFIER_AFTER.match(s, q_end, end)
    if q and not (counted and q.group().startswith("规模")):  # 1200户规模以上工业企业: 规上 is a noun
        return True
    return measure in _PHYSICAL and _NAME_AFTER.match(s, q_end, end) is not None


def policy_rate(s: str, q_start: int, q_end: int, end: int) -> bool:
    """按15%的税率, 减按25%计入, 延续15%企业所得税优惠, 增值税税率为13%: the rule of a policy."""
    if _POLICY_BEFORE.search(s, max(0, q_start - 8), q_start):
        return True
    return _POLICY_AFTER.match(s, q_end, end) is not None


def qualifies_noun(s: str, pos: int, end: int) -> bool:
    """亿元以上项目 / 3岁以下婴幼儿: a bound followed straight by a noun is a qualifier."""
    if pos >= end:
        return False
    nxt = s[pos]
    if nxt == "的":
        return True
    return bool(_CJK.match(nxt)) and nxt not in "和及与或并且、等"


__all__ = ["not_a_figure", "policy_rate", "qualifier", "qualifies_noun"]
