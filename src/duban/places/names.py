"""What counts as the same jurisdiction: a written place name reduced to one record.

* ``clean``: NFKC, no spaces or quotes, no 人民政府/政府 at the end, no year in front; 全国, 中国, 中华人民共和国,
  国务院 and 中央政府 are the national level (全国); masked or bare names (XX区, 某某县, 区人民政府, 全区) are no
  place at all (None) — such a document takes its place from the report it is paired with, or from a reviewer.
* ``units``: a name split into its administrative units (宁波市镇海区 → 宁波市 + 镇海区), preferring units the
  gazetteer knows.
* ``resolve``: the chain of records a name stands for, province first. The gazetteer (gazetteer.py) gives the
  level, the parent and a code to a name it knows, and the same code to every spelling of one place (镇海区,
  宁波市镇海区, 浙江省宁波市镇海区); a name known at several places (朝阳区 in 北京市 and 长春市) is settled by
  the written parent, else by which parent the document's text names (``hint``), else left as the bare name.
  A name it does not know keeps the chain as written, each unit's level read from its ending.
* ``suggest``: for a document with no place, the county-level places whose names (and whose parents' names)
  its text uses most, at the level it speaks of itself (全区/区政府 → a 区) — shown to reviewers, never applied.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from .gazetteer import SUFFIXES, Division, gazetteer, stem

NATIONAL_NAMES = frozenset({"全国", "中国", "我国", "中华人民共和国", "国务院", "中央政府", "中华人民共和国国务院",
                            "中央人民政府", "中央", "国家"})
_MASK = re.compile(r"[XxＸｘ×*＊○□]|某")
_DROP = re.compile(r"[\s\"'“”‘’「」『』《》()（）·・]")
_YEAR = re.compile(r"^(?:19|20)\d{2}年度?")
_GOVERNMENT = re.compile(r"(?:人民政府|政府)(?:办公室|办公厅)?$")
_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
_BARE = frozenset("省市区县旗州盟镇乡") | {"街道", "地区", "自治区", "自治州", "自治县"}
PROVINCE_ENDS = ("特别行政区", "自治区", "省")
CITY_ENDS = ("自治州", "地区", "州", "盟")
COUNTY_ENDS = ("自治县", "自治旗", "林区", "区", "县", "旗")
TOWNSHIP_ENDS = ("街道", "镇", "乡")
LEVEL_LABELS = {"national": "全国", "province": "省级", "city": "地级", "county": "县级", "township": "乡级",
                "unknown": "未定"}


@dataclass(frozen=True, slots=True)
class Node:
    """One jurisdiction record as the name gives it."""

    name: str  # the unit: 镇海区
    full_name: str  # the chain: 浙江省宁波市镇海区 (what makes it unique)
    level: str  # national | province | city | county | township | unknown
    code: str | None = None  # the gazetteer's 行政区划代码


NATIONAL = Node("全国", "全国", "national", None)


def clean(raw: str | None) -> str | None:
    """The name a place is filed under, 全国 for the national level, or None when it names no place."""
    if not raw:
        return None
    name = _DROP.sub("", unicodedata.normalize("NFKC", raw))
    name = _YEAR.sub("", name)
    if name in NATIONAL_NAMES or _GOVERNMENT.sub("", name) in NATIONAL_NAMES:
        return "全国"
    name = _GOVERNMENT.sub("", name)
    if name in NATIONAL_NAMES:
        return "全国"
    if _MASK.search(name) or not _CJK.match(name or "-") or len(name) < 2 or len(name) > 24:
        return None
    if name in _BARE or (len(name) == 2 and name[0] in "全我本各该其此" and name[1] in "省市区县旗州镇乡"):
        return None
    return name


def _unit_ok(u: str) -> bool:
    return any(u.endswith(s) and len(u) > len(s) for s in SUFFIXES)


def units(name: str) -> list[str] | None:
    """The best split of ``name`` into units that each end with a level word (None when there is none):
    gazetteer names count most, then units of two characters or more before their ending."""
    known = gazetteer().by_name
    n = len(name)
    best: list[tuple[int, list[str]] | None] = [None] * (n + 1)
    best[0] = (0, [])
    for i in range(n):
        if best[i] is None:
            continue
        score, parts = best[i]  # type: ignore[misc]
        for j in range(i + 2, min(n, i + 14) + 1):
            u = name[i:j]
            if not _unit_ok(u):
                continue
            gain = 3 if u in known else (1 if len(stem(u)) >= 2 else 0)
            cand = (score + gain, [*parts, u])
            if best[j] is None or cand[0] > best[j][0]:  # type: ignore[index]
                best[j] = cand
    return best[n][1] if best[n] is not None else None  # type: ignore[index]


def level_of(unit: str, parent_level: str | None) -> str:
    """A unit's level from its ending (and its parent's, for a 市 under a 市: a county-level city)."""
    if unit.endswith(PROVINCE_ENDS):
        return "province"
    if unit.endswith(TOWNSHIP_ENDS):
        return "township"
    if unit.endswith("市"):
        return "county" if parent_level == "city" else "city"
    if unit.endswith(CITY_ENDS):
        return "city"
    if unit.endswith(COUNTY_ENDS):
        return "county"
    return "unknown"


def _gazetteer_chain(div: Division) -> list[Node]:
    nodes, full = [], ""
    for d in gazetteer().chain(div.code):
        full += d.name
        nodes.append(Node(d.name, full, d.level, d.code))
    return nodes


def _pick(candidates: list[Division], hint: str | None) -> Division | None:
    if len(candidates) == 1:
        return candidates[0]
    if not candidates or not hint:
        return None
    gaz = gazetteer()
    scores = []
    for div in candidates:
        above = gaz.chain(div.code)[:-1]
        scores.append(sum(hint.count(a.stem) for a in above if len(a.stem) >= 2))
    top = max(scores)
    return candidates[scores.index(top)] if top > 0 and scores.count(top) == 1 else None


def resolve(name: str | None, hint: str | None = None) -> list[Node] | None:
    """The records ``name`` (already ``clean``) stands for, province first, the place itself last; None when
    it is not a place name. ``hint``: the document's text, to choose between places of the same name."""
    if not name:
        return None
    if name == "全国":
        return [NATIONAL]
    gaz = gazetteer()
    parts = units(name)
    if parts is None:  # 镇海, 浙江: a stem the gazetteer knows once
        found = [d for d in gaz.by_stem.get(name, ()) if d.level != "county" or len(name) >= 2]
        picked = _pick(found, hint)
        return _gazetteer_chain(picked) if picked else None
    *above, leaf = parts
    candidates = [d for d in gaz.by_name.get(leaf, ())
                  if all(any(a.name == p for a in gaz.chain(d.code)[:-1]) for p in above)]
    picked = _pick(candidates, hint)
    if picked is not None:
        return _gazetteer_chain(picked)
    if above:  # a place under a known parent (宁波市新城区), or a chain nobody knows
        parent = resolve("".join(above), hint)
        if parent is not None and parent[-1].code is not None:
            level = level_of(leaf, parent[-1].level)
            return [*parent, Node(leaf, parent[-1].full_name + leaf, level, None)]
    nodes: list[Node] = []
    for i, unit in enumerate(parts):
        level = level_of(unit, nodes[-1].level if nodes else None)
        nodes.append(Node(unit, "".join(parts[: i + 1]), level, None))
    return nodes


def label(full_name: str, level: str) -> str:
    """How a page names a place: the province left out below it, a district with its city (宁波市镇海区), a
    county or county-level city alone (慈溪市), 全国, 浙江省."""
    if level in ("national", "province"):
        return full_name
    parts = units(full_name) or [full_name]
    if parts[0].endswith(PROVINCE_ENDS) and len(parts) > 1:
        parts = parts[1:]
    if level == "county" and len(parts) > 1 and not parts[-1].endswith("区"):
        return parts[-1]
    return "".join(parts)


# --- suggestions for a document without a place ------------------------------------------------------

_SELF = re.compile(r"(?:全|我|本)(区|县|市|旗)|(区|县|市|旗)(?:委|政府|人大|政协|第[一二三四五六七八九十]+次党代会)")


@dataclass(frozen=True, slots=True)
class Suggestion:
    nodes: list[Node]
    score: int
    reason: str


@cache
def _stem_pattern() -> re.Pattern[str]:
    stems = sorted({d.stem for d in gazetteer().by_code.values() if d.level == "county" and len(d.stem) >= 2},
                   key=len, reverse=True)
    return re.compile("|".join(map(re.escape, stems)))


def suggest(text: str, limit: int = 3) -> list[Suggestion]:
    """County-level places a document without a place most likely belongs to, best first."""
    level_words = [m.group(1) or m.group(2) for m in _SELF.finditer(text)]
    if not level_words:
        return []
    own = max(set(level_words), key=level_words.count)
    counts: dict[str, int] = {}
    for m in _stem_pattern().finditer(text):
        counts[m.group(0)] = counts.get(m.group(0), 0) + 1
    gaz = gazetteer()
    out: list[Suggestion] = []
    for s, n in counts.items():
        if n < 3:
            continue
        for div in gaz.by_stem.get(s, ()):
            if div.level != "county" or not div.name.endswith(own):
                continue
            above = [a for a in gaz.chain(div.code)[:-1] if len(a.stem) >= 2]
            parents = {a.name: text.count(a.stem) for a in above}
            if not any(parents.values()):
                continue
            score = n + 2 * sum(parents.values())
            named = "、".join(f"“{a.stem}”{c}次" for a, c in zip(above, parents.values(), strict=True) if c)
            out.append(Suggestion(_gazetteer_chain(div), score, f"正文提到“{s}”{n}次，{named}，并以“{own}”自称"))
    out.sort(key=lambda sg: -sg.score)
    return out[:limit]
