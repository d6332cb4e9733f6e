"""What a figure's own words narrow it to: a building stage (新开工 vs 基本建成) and a named place (镇海区地区生产总值
增长8% in a city's review is the district's figure, not the city's).

* ``stage_of``: the last stage word of a clause before its figure — ``start`` (新开工, 开工建设, 开工, 动工) or
  ``finish`` (基本建成, 建成, 竣工, 完工, 交付); 建成区 (a built-up area) is no stage.
* ``place_of``: a place named at the start of a figure's clause, right before its metric: a whole word (as the
  segmenter cuts it) ending in 区/县/市/镇/乡/省 after two Han characters or more (镇海区, 慈溪市, 浦东新区,
  环杭州湾创新经济区), not the jurisdiction itself or a kind of area (全市, 我区, 城区, 城镇, 贫困县, 开发区:
  lexicon.GENERIC_PLACE_WORDS), and not 宁波市外 (from outside the city) or 省级 (a rank).
"""

from __future__ import annotations

import re
from functools import lru_cache

import rjieba

from . import lexicon as lx
from .lexicon import alt

_STAGES = re.compile(rf"(?:{alt(lx.STAGE_START_WORDS + lx.STAGE_FINISH_WORDS)})(?!区)")
_START = frozenset(lx.STAGE_START_WORDS)
_CLAUSE = re.compile(r"[，,；;：:。]")
# what may stand before the place at the start of a clause: 其中, a year or 全年/今年, 在
_LEAD = re.compile(r"^(?:其中|另外|此外|同时)?(?:(?:19|20)\d\d年(?:全年)?|全年|今年|去年|上年)?[，,、]?(?:在)?")
_PLACE_END = tuple("区县市镇乡省")
_GENERIC = frozenset(lx.GENERIC_PLACE_WORDS)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_MAX_TOKENS = 4


def stage_of(text: str) -> str | None:
    """``start`` or ``finish``: the stage the last stage word of ``text`` names (text before a figure), or None."""
    last = None
    for last in _STAGES.finditer(text):  # noqa: B007 - the last match is wanted
        pass
    if last is None:
        return None
    return "start" if last.group() in _START else "finish"


def clause_lead(text: str) -> str:
    """The last clause of ``text`` (the words of a figure's clause before the figure)."""
    cut = [m.end() for m in _CLAUSE.finditer(text)]
    return text[cut[-1]:] if cut else text


@lru_cache(maxsize=65536)
def place_of(lead: str) -> str | None:
    """The place named at the start of a figure's clause ``lead`` (its words before the figure), right before
    its metric: 其中XX区地区生产总值增长 → None (XX is no Han name), 镇海区地区生产总值增长 → 镇海区,
    全市地区生产总值增长 → None."""
    head = _LEAD.match(lead)
    body = lead[head.end():] if head else lead
    if len(body) < 4:
        return None
    tagged = rjieba.tag(body[:24])
    place = ""
    for i, (tok, pos) in enumerate(tagged[:_MAX_TOKENS]):
        place += tok
        if not tok.endswith(_PLACE_END):
            if pos.startswith("v") and pos != "vn":
                return None  # 新增…, 完成…: a verb leads, the clause does not open on a place
            continue
        rest = "".join(t for t, _p in tagged[i + 1:])
        if tok in _GENERIC or place in _GENERIC or "级" in place or len(_HAN.findall(place)) < 3:
            return None
        if len(rest) < 2 or rest[0] in lx.PLACE_WORD_NEXT:
            return None  # 宁波市外内资: from outside the city; a place with nothing after it names no metric
        return place
    return None


__all__ = ["clause_lead", "place_of", "stage_of"]
