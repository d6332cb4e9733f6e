"""Unit names as a 分解方案 writes them → one spelling per unit.

``normalise`` makes the key a unit is filed under: full-width forms folded (NFKC, brackets back to （）),
spaces dropped, a jurisdiction prefix cut to its level (宁波市镇海区住房和城乡建设局 → 区住房和城乡建设局),
人民政府/办事处 dropped (九龙湖镇人民政府 → 九龙湖镇), and a department's full name shortened to the usual
form (区住房和城乡建设局 → 区住建局; lang/lexicon_supervise.py UNIT_ABBREVIATIONS). ``split_units`` reads a cell that
lists several (区发改局、区财政局（牵头）/ 各镇（街道））. Anything else (a reviewer's alias, a merge) is the
store's: store/supervision.py."""

from __future__ import annotations

import re
import unicodedata

from ..lang.lexicon_supervise import UNIT_ABBREVIATIONS, UNIT_DROP_SUFFIXES, UNIT_LEAD_MARKS, UNIT_SEPARATORS

_SEP = re.compile(UNIT_SEPARATORS)
_ORG = r"(?:局|委|办|室|中心|院|所|公司|集团|镇|乡|街道|分局|队|部|会|站|馆|署|处|行|社|团|厅)"
_PREFIX = re.compile(r"^(?:[\u4e00-\u9fff]{1,6}?省)?(?:[\u4e00-\u9fff]{1,6}?市)?([\u4e00-\u9fff]{1,6}?([区县]))"
                     r"(?=[\u4e00-\u9fff]{2,}" + _ORG + ")")
_CITY = re.compile(r"^(?:[\u4e00-\u9fff]{1,6}?省)?[\u4e00-\u9fff]{1,6}?(市)(?=[\u4e00-\u9fff]{2,}" + _ORG + ")")
MAX_NAME = 64


def normalise(name: str) -> str:
    """The key a unit name is filed under (module docstring); '' for a blank name."""
    text = unicodedata.normalize("NFKC", name or "").replace("(", "（").replace(")", "）")
    text = re.sub(r"\s+", "", text).strip("，,。；;、")
    for mark in UNIT_LEAD_MARKS[:2]:
        text = text.replace(mark, "")
    for suffix in UNIT_DROP_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            text = text[: -len(suffix)]
    m = _PREFIX.match(text)
    if m and len(m.group(1)) > 1:
        text = m.group(2) + text[m.end():]
    elif (c := _CITY.match(text)) and not text.startswith("市"):
        text = "市" + text[c.end():]
    for full, short in UNIT_ABBREVIATIONS:
        if text.endswith(full) and len(text) - len(full) <= 1:
            text = text[: len(text) - len(full)] + short
            break
    return text[:MAX_NAME]


def split_units(cell: str | None) -> list[tuple[str, bool]]:
    """(name, marked as lead) for each unit a cell lists, in order, duplicates dropped."""
    out: list[tuple[str, bool]] = []
    seen: set[str] = set()
    for raw in _SEP.split(cell or ""):
        raw = raw.strip()
        lead = any(mark in raw for mark in UNIT_LEAD_MARKS[:2]) or (raw.endswith("牵头") and len(raw) > 4)
        if raw.endswith("牵头") and not raw.endswith("）牵头"):
            raw = raw[:-2]
        name = normalise(raw)
        if len(name) >= 2 and name not in seen and name not in ("无", "暂无"):
            seen.add(name)
            out.append((name, lead))
    return out
