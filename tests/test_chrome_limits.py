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


# Rules as they were before a branch anchored at ^ became a rule of its own and the e-mail rule opened at its @.
_OLD_RULES = (
    (r"(?:主办|承办|协办|运维|维护)单位[:：]|^主办[:：]|技术支持[:：]|网站维护[:：]", 120),
    (r"[\w.-]+@(?:qq|163|126|sina|sohu|foxmail|gmail|outlook|hotmail)\.com", 80),
    (r"维基文库|^public domain$|^publicdomain$|^(?:false|true|null|none|undefined)$", 200),
)


@pytest.mark.parametrize("line", [
    "主办:区政府办公室", "主办单位：某区人民政府", "本站主办:某区", "技术支持：某公司", "网站维护:信息中心",
    "联系邮箱abc_1@qq.com", "邮箱：@qq.com", "请发邮件至x.y-z@163.com。", "1@126.com", "来自维基文库", "public domain",
    "PublicDomain", "null", "None", "nonexistent", "true false", "区政府主办：年度工作会议召开", "",
])
def test_split_rules_decide_as_before(line: str) -> None:
    import re

    q = chrome.squeeze(line)
    old = any(len(q) <= limit and re.search(p, q, re.IGNORECASE) for p, limit in _OLD_RULES)
    new_patterns = [r.pattern for r in chrome.CHROME_LINE_RULES if r.pattern.pattern.startswith(
        ("(?:主办|承办", "^主办", "(?<=[\\w.-])@", "维基文库", "^(?:public"))]
    assert len(new_patterns) == 5
    limits = {r.pattern: r.max_len for r in chrome.CHROME_LINE_RULES}
    assert old == any(len(q) <= limits[p] and p.search(q) for p in new_patterns)
    assert chrome.is_chrome_line(line) == (old or _naive_chrome_line(line))
