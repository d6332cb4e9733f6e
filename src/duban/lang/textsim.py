"""Small text-similarity measures for short Chinese strings (metric names, clauses)."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache


def char_overlap(a: str, b: str) -> float:
    """Shared characters (as multisets) over the longer length: 0–1."""
    if not a or not b:
        return 0.0
    common = sum((Counter(a) & Counter(b)).values())
    return common / max(len(a), len(b))


def bigrams(text: str) -> frozenset[str]:
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))


def containment(part: str, whole: str) -> float:
    """Share of ``part``'s character bigrams that occur in ``whole``: 0–1."""
    return share_in(bigrams(part), whole)


def share_in(grams: frozenset[str], whole: str) -> float:
    """``containment`` with the part's bigrams computed once by the caller (one part, many wholes)."""
    if not grams:
        return 0.0
    return sum(1 for g in grams if g in whole) / len(grams)


@lru_cache(maxsize=65536)
def bigram_dice(a: str, b: str) -> float:
    """Dice coefficient of the two strings' character bigrams: 0–1 (single shared characters such as
    工 and 业 in 规上工业增加值 / 工业技改投资 count for little)."""
    ga, gb = bigrams(a), bigrams(b)
    if not ga or not gb:
        return 1.0 if a and a == b else 0.0
    return 2 * len(ga & gb) / (len(ga) + len(gb))


def short_form(name: str, text: str, need: int | None = None, skip_place: bool = True) -> tuple[int, int] | None:
    """Where ``text`` names ``name`` by a short form made of its characters in order (弥蒙铁路 for 弥勒至蒙自铁路,
    红岛会展中心 for 红岛国际会议展览中心, 综保区二期 for 义乌综合保税区二期): the first span of ``text`` that
    starts with one of the name's first three characters (the place before a long name is often left out;
    ``skip_place``), takes each next character from further on in the name, ends on one of the name's last
    three characters (the head noun: 华丽高速 for 华坪至丽江高速公路), and is at least ``need`` characters long
    (default: four, and two fifths of the name). A name ending with its phase (…二期) must keep a character of
    the head noun before it too: 无锡一期 (华虹无锡一期…) is no short form of 无锡新体育中心一期. None when there is
    none."""
    if len(name) < 5:
        return None
    section = _SECTION.search(name)
    if section is not None and section.end(1) >= 5:  # (贵南高铁 for 贵阳至南宁高速铁路贵州段: the whole line named)
        return short_form(name[:section.end(1)], text, need, skip_place)
    need = need if need is not None else max(4, -(-len(name) * 2 // 5))
    tail = len(name) - 3
    phase = _PHASE.search(name)
    head = phase.start() - 3 if phase and phase.start() >= 4 else tail
    # (综保区二期 for 义乌综合保税区二期: a place before a long name may be left out)
    leads = range(3) if skip_place and len(name) >= 8 else range(1)
    for lead in leads:
        found = _short_from(name, text, lead, need, tail, head)
        if found is not None:
            return found
    return None


_SECTION = re.compile(r"^.*(铁路|公路|高速|线|通道|大道|轨道交通)[\u4e00-\u9fff]{1,4}段$")
_PHASE = re.compile(r"[一二三四五六七八九十\d]{1,2}期(?:工程|项目)?$")


def _short_from(name: str, text: str, lead: int, need: int, tail: int, head: int) -> tuple[int, int] | None:
    start = text.find(name[lead])
    while start >= 0:
        taken = [lead]  # where in ``name`` each character of text[start:] was taken from, in order
        while start + len(taken) < len(text) and len(taken) < len(name):
            found = name.find(text[start + len(taken)], taken[-1] + 1)
            if found < 0:
                break
            taken.append(found)
        # the longest run of them, at least ``need`` long, that ends on one of the name's last three characters
        for n in range(len(taken), need - 1, -1):
            if taken[n - 1] >= tail and (head == tail or any(head <= i < head + 3 for i in taken[:n])):
                return start, start + n
        start = text.find(name[lead], start + 1)
    return None
