"""Which government a document belongs to: ``宁波市镇海区``, ``慈溪市``, ``全国`` …

Explicit statements win: ``<地名>人民政府…`` or ``<年份><地名>政府工作报告`` in the title or the
first lines, ``我代表<地名>人民政府`` in the speech, ``我代表国务院`` for the State Council. A place
is a chain of 2–12 Chinese characters made of units ending in 省/自治区/市/区/县/旗/州/盟/镇/乡/街道
(``宁波市镇海区`` = 宁波市 + 镇海区). Masked names (``XX区人民政府``, ``区人民政府``, ``某某县``) give
``None``. Without an explicit statement, the name the text uses most often for itself is taken —
but only at the level it speaks of itself (``全区``/``我区`` → a ``…区``) and only a name that also
appears as an issuing body (``《镇海区关于…》``, ``镇海区人民政府``, ``镇海区财政局``).
"""

from __future__ import annotations

import re
from collections import Counter

_CJK = r"[\u4e00-\u9fff]"
_SUFFIX = r"(?:特别行政区|自治区|自治州|自治县|自治旗|街道|省|市|区|县|旗|州|盟|镇|乡)"
_CHAIN = re.compile(rf"^(?:{_CJK}{{1,9}}?{_SUFFIX})+$")
_MASK_CHARS = "XxＸｘ×*＊○□"
# What may follow a place at the start of a title: 宁波市镇海区人民政府… · 慈溪市2022年… · 慈溪市政府工作报告
_AFTER_PLACE = (
    r"人民政府|政府工作报告|政府|国民经济和社会发展|(?:19|20)\d{2}\s*(?:[-—–~至到]\s*(?:19|20)\d{2}\s*)?年|"
    r"[〇零一二三四五六七八九]{4}年|关于|"
    r"第[一二三四五六七八九十]+届|人大|政协|(?:发展和改革|发改|统计|财政)(?:局|委)|"
    r"[省市区县州旗盟镇乡]长"
)
_TITLE_START = re.compile(rf"^({_CJK}{{2,14}}?)(?={_AFTER_PLACE})")
_AFTER_YEAR = re.compile(
    rf"(?:(?:19|20)\d{{2}}|[〇零一二三四五六七八九]{{4}})\s*年度?({_CJK}{{2,12}}?)"
    r"(?=人民政府|政府工作报告|政府|国民经济和社会发展|工作计划|工作要点|工作报告|重点工作)"
)
_BEFORE_GOV = re.compile(rf"(?:^|[^\u4e00-\u9fff]|关于)({_CJK}{{2,12}}?)人民政府")
_I_REPRESENT = re.compile(rf"我代表({_CJK}{{2,12}}?)人民政府")
# the subtitle of a work report: ——2024年1月23日在浙江省第十四届人民代表大会第二次会议上
_CONGRESS = re.compile(rf"在({_CJK}{{2,12}}?)第[一二三四五六七八九十]+届人民代表大会")
_NATIONAL = re.compile(r"我代表国务院|^国务院|国务院政府工作报告")
_SELF = re.compile(r"(?:全|我|本)(区|市|县|旗|州|镇|乡|省)")
# Characters that, just before 区/市/县…, make a common noun rather than a place: 园区, 社区, 城市 …
_NOT_PLACE_BEFORE = {
    "区": set("园社片景城街专小校辖市山库矿灾老牧林湾港务活合创展作载领行业导假")
    | set("聚心能护验范发带团游站域地省县乡镇税贸试住控管险封观光示岸郊先"),
    "市": set("城超上夜股楼菜集门都省县区全我本该各"),
    "县": set("郡区市全我本该各"),
    "镇": set("城乡村小集重强名古"),
    "乡": set("城家故下返回异农"),
    "州": set("神九亚欧非美澳"),
    "省": set("全我本外各分跨兄弟"),
    "旗": set("红国党团锦"),
}


def _masked(text: str, start: int) -> bool:
    return start > 0 and text[start - 1] in _MASK_CHARS


def valid_place(name: str) -> bool:
    if not 2 <= len(name) <= 12 or "某" in name or _CHAIN.match(name) is None:
        return False
    return not (len(name) == 2 and name[0] in "全我本各该其此市县区省")


_LEAD = re.compile(r"^(?:现在|我代表|代表|关于|根据|按照|由|经|受|对|在|为|是|的|了)+")


def _explicit(line: str, is_title: bool) -> list[str]:
    found: list[str] = []
    patterns = (_TITLE_START, _AFTER_YEAR, _BEFORE_GOV) if is_title else (_TITLE_START, _AFTER_YEAR, _CONGRESS)
    for pattern in patterns:
        for m in pattern.finditer(line):
            if _masked(line, m.start(1)):
                continue
            name = _LEAD.sub("", m.group(1))
            # the lazy match may stop inside a chain (慈溪市|政府…); try the longest valid tail
            for i in range(len(name) - 1):
                if valid_place(name[i:]):
                    found.append(name[i:])
                    break
    return found


def _longest(candidates: list[str]) -> str:
    best = candidates[0]
    for c in candidates[1:]:
        if len(c) > len(best) and c.endswith(best):
            best = c
    return best


def find_jurisdiction(title: str | None, lines: list[str]) -> str | None:
    head = lines[:40]
    if any(_NATIONAL.search(ln) for ln in ([title] if title else []) + head):
        return "全国"
    candidates: list[str] = []
    if title:
        candidates += _explicit(title, True)
    for line in lines[:10]:
        candidates += _explicit(line, False)
    for line in lines[:200]:
        for m in _I_REPRESENT.finditer(line):
            if valid_place(m.group(1)) and not _masked(line, m.start(1)):
                candidates.append(m.group(1))
    if candidates:
        return _longest(candidates)
    return _by_frequency("\n".join(lines))


def _by_frequency(body: str) -> str | None:
    levels = Counter(m.group(1) for m in _SELF.finditer(body))
    if not levels:
        return None
    level, count = levels.most_common(1)[0]
    if count < 2:
        return None
    names: Counter[str] = Counter()
    for m in re.finditer(level, body):
        p = m.start()
        for n in (2, 3):
            name = body[p - n : p + 1]
            if len(name) == n + 1 and re.fullmatch(rf"{_CJK}+", name):
                names[name] += 1
    blocked = _NOT_PLACE_BEFORE.get(level, set())
    for name, n in names.most_common(8):
        if n < 3 or name[-2] in blocked or len(name) == 4 or not valid_place(name):
            continue
        longer = [(k, v) for k, v in names.items() if len(k) == 4 and k.endswith(name) and v >= 0.8 * n]
        if longer:
            name = longer[0][0]
        context = rf"《{name}|{name}(?:人民政府|政府|委|人大|政协|关于|{_CJK}{{0,6}}(?:局|办公室|委员会|领导小组))"
        if re.search(context, body):
            return name
    return None
