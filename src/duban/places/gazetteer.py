"""China's administrative divisions (divisions.txt, package data): each with its six-digit code, level and parent.

The code says the level: ``330000`` a province (or a municipality directly under the central government,
北京市, or an autonomous region), ``330200`` a prefecture-level division (地级市, 自治州, 地区, 盟), anything else
a county-level one (区, 县, 县级市, 旗). A county's parent is its prefecture when the list has one, else its
province (the districts of 北京市, and the 省直辖县级市 such as 湖北省潜江市).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import NamedTuple

LEVELS = ("national", "province", "city", "county", "township")
# What a unit's name ends with, longest first (内蒙古自治区, 恩施土家族苗族自治州, 城关镇, 南京东路街道)
SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "街道", "地区", "林区", "省", "市", "区", "县",
            "旗", "州", "盟", "镇", "乡")


class Division(NamedTuple):
    code: str
    name: str
    level: str  # province | city | county
    parent: str | None  # the parent's code

    @property
    def stem(self) -> str:
        return stem(self.name)


def stem(name: str) -> str:
    """The name without its level word: 镇海区 → 镇海, 内蒙古自治区 → 内蒙古, 北京市 → 北京."""
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


class Gazetteer:
    """The divisions by code and by name; by stem (the name without its level word) on first use."""

    def __init__(self, by_code: dict[str, Division], by_name: dict[str, tuple[Division, ...]]) -> None:
        self.by_code = by_code
        self.by_name = by_name
        self._by_stem: dict[str, tuple[Division, ...]] | None = None

    @property
    def by_stem(self) -> dict[str, tuple[Division, ...]]:
        if self._by_stem is None:
            out: dict[str, list[Division]] = {}
            for div in self.by_code.values():
                s = stem(div.name)
                if len(s) >= 2:
                    out.setdefault(s, []).append(div)
            self._by_stem = {k: tuple(v) for k, v in out.items()}
        return self._by_stem

    def chain(self, code: str) -> list[Division]:
        """The division and its ancestors, province first."""
        out: list[Division] = []
        div = self.by_code.get(code)
        while div is not None:
            out.append(div)
            div = self.by_code.get(div.parent) if div.parent else None
        return out[::-1]

    def full_name(self, code: str) -> str:
        return "".join(d.name for d in self.chain(code))


@cache
def gazetteer() -> Gazetteer:
    data = resources.files("duban.places").joinpath("divisions.txt").read_text(encoding="utf-8")
    names = dict(line.split(" ", 1) for line in data.splitlines() if " " in line and not line.startswith("#"))
    by_code: dict[str, Division] = {}
    by_name: dict[str, list[Division]] = {}
    for code, name in names.items():
        if code.endswith("0000"):
            level, parent = "province", None
        elif code.endswith("00"):
            level, parent = "city", code[:2] + "0000"
        else:
            level = "county"
            parent = code[:4] + "00" if code[:4] + "00" in names else code[:2] + "0000"
        div = Division(code, name, level, parent if parent in names else None)
        by_code[code] = div
        by_name.setdefault(name, []).append(div)
    return Gazetteer(by_code, {k: tuple(v) for k, v in by_name.items()})
