"""read/chrome.py: the line rules tried by limit (bisected) and the 20-character body test decide as a plain
scan of every rule and a count of every Chinese character do."""

from __future__ import annotations

import pytest

from corpus import CIXI_2021, COMPLETION_2024, PLAN_2022
from duban.read import chrome


def _naive_chrome_line(line: str) -> bool:
    if len(line) > chrome._LONGEST_RULE and len(line) - line.count(" ") - line.count("\u3000") > chrome._LONGEST_RULE:
        return False
    q = chrome.squeeze(line)
    if not q:
        return False
    if any(len(q) <= rule.max_len and rule.pattern.search(q) for rule in chrome.CHROME_LINE_RULES):
        return True
    if len(q) <= 60 and any(m.search(q) for m in chrome.TAIL_MARKERS[:1]):
        return True
    return len(q) <= 60 and chrome._TOOL_LINE.fullmatch(q) is not None and chrome._TOOL_WORD.search(q) is not None


@pytest.mark.parametrize("path", [PLAN_2022, COMPLETION_2024, CIXI_2021], ids=lambda p: p.name)
def test_rules_by_limit_decide_as_a_scan(path):
    lines = path.read_text(encoding="utf-8").split("\n")
    assert any(chrome.is_chrome_line(line) for line in lines)
    for line in lines:
        assert chrome.is_chrome_line(line) == _naive_chrome_line(line), line
        assert chrome._is_body(line) == (len(chrome._CJK.findall(line)) >= 20), line


@pytest.mark.parametrize(("line", "body"), [
    ("一二三四五六七八九十一二三四五六七八九", False),  # 19
    ("一二三四五六七八九十一二三四五六七八九十", True),  # 20
    ("2024年，全区地区生产总值增长6%，规上工业增加值增长8%，固定资产投资增长5%。", True),
    ("索引号: 734247248/2022-123456", False),
])
def test_body_line(line, body):
    assert chrome._is_body(line) == body
