"""Page chrome and scraper junk, found line by line in the decoded text.

Nothing is removed: :func:`find_chrome` returns spans of ``text`` that later stages skip. A line is
chrome when one of the rules in :data:`CHROME_LINE_RULES` matches it (whitespace is squeezed out
first, so ``索  引  号:`` reads ``索引号:``). Each rule carries a length limit, so a long policy
sentence that merely mentions 微信 or 二维码 is never chrome. Three rules work on more than a line:

* a *tail marker* (``试读结束``, a licence box …) in the later part of the text makes everything from
  it to the end chrome;
* after the last sentence of body text, a block of lines that is mostly chrome is chrome throughout
  (catches the odd ad line no pattern knows);
* a title repeated at the top (``标题`` / ``006-标题`` / ``标题``) keeps one copy, the rest are chrome.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from duban.records import Span


class Rule(NamedTuple):
    pattern: re.Pattern[str]
    max_len: int  # the rule applies only to lines at most this long (whitespace squeezed out)


def _r(pattern: str, max_len: int) -> Rule:
    return Rule(re.compile(pattern, re.IGNORECASE), max_len)


# Metadata labels of gov.cn article pages (信息公开 tables). The distinctive ones are chrome even
# without a colon; the generic ones need the colon.
_DISTINCT_LABELS = (
    "索引号|发布机构|发文机关|发文单位|发布单位|成文日期|发文日期|印发日期|文件编号|发文字号|主题分类|"
    "体裁分类|组配分类|服务对象分类|信息分类|信息类别|公开方式|公开范围|公开时限|公开形式|主题词|"
    "浏览量|浏览次数|阅读量|阅读次数|访问量|访问次数|点击量|点击数|点击次数|统一编号|"
    "生效日期|废止日期|所属机构|所属主题|效力状态|信息来源|文章来源|稿件来源"
)
_GENERIC_LABELS = "发布日期|发布时间|更新时间|来源|作者|编辑|责任编辑|审核|校对|摄影|供稿|文号|字号|字体|有效性|时效性"

# Words that make up toolbars, share bars, footers and site navigation. A line made of nothing
# but these (and separators) is chrome.
_TOOL_WORDS = (
    "打印本页|打印此页|打印文章|打印页面|打印|关闭本页|关闭窗口|关闭页面|关闭|收藏本页|加入收藏|收藏|"
    "分享到|分享|我要纠错|纠错|返回顶部|回到顶部|返回首页|返回列表|返回|保存本页|保存|设为首页|"
    "字号|字体|默认|大|中|小|微信|微博|朋友圈|QQ空间|QQ|新浪微博|腾讯微博|人人网|豆瓣|更多|TOP|"
    "扫一扫|手机版|移动版|繁体|简体|繁體|无障碍浏览|无障碍|长者模式|关怀模式|适老化|登录|注册|搜索|"
    "English|首页|联系我们|网站地图|网站声明|隐私声明|隐私政策|使用帮助|关于我们|网站导航|友情链接|"
    "意见反馈|网站纠错|政务微博|政务微信|导航|菜单|上一页|下一页|尾页|末页"
)
_TOOL_LINE = re.compile(rf"(?:{_TOOL_WORDS}|[【】\[\]（）()|｜/·•:：、,，>＞»›\-—_]+)+", re.IGNORECASE)
_TOOL_WORD = re.compile(rf"(?:{_TOOL_WORDS})", re.IGNORECASE)

CHROME_LINE_RULES: tuple[Rule, ...] = (
    # 索引号: 734247248/2022-123456 · 发布机构: | 区政府办公室 | 公开方式: | 主动公开 |
    _r(rf"^[【\[]?(?:{_DISTINCT_LABELS})(?:[】\]]|[:：]|$)", 90),
    _r(rf"^[【\[]?(?:{_DISTINCT_LABELS})[A-Za-z0-9]", 60),
    # 发布日期:2022-01-25 来源:区政府办 (generic labels need the colon)
    _r(rf"^[【\[]?(?:{_GENERIC_LABELS})[】\]]?[:：]", 70),
    # breadcrumb: 您当前所在的位置: · 当前位置：首页 > 政务公开 · 首页 > 信息公开 > 计划总结
    _r(r"^(?:您|你)?(?:当前|现在)?(?:所在)?的?(?:位置|所在位置)[:：>＞]", 120),
    _r(r"^(?:首页|网站首页|主页)\s*[>＞»›/]", 120),
    _r(r"^[^。；！？]{0,30}[>＞»›][^。；！？]{0,30}[>＞»›][^。；！？]{0,40}$", 100),
    # footer: ICP备案, 公安备案, 网站标识码, 版权, 主办/承办/技术支持, browser advice
    _r(r"ICP[备证]|[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]ICP", 160),
    _r(r"公网安备|网站标识码|网站识别码", 160),
    _r(r"版权所有|copyright|©|\(c\)\d{4}|all rights reserved", 120),
    # (a branch anchored at ^ is a rule of its own: the others then open with literals ``re`` skips to)
    _r(r"(?:主办|承办|协办|运维|维护)单位[:：]|技术支持[:：]|网站维护[:：]", 120),
    _r(r"^主办[:：]", 120),
    _r(r"建议使用.{0,30}浏览器|最佳(?:浏览|显示)效果|分辨率.{0,6}\d{3,4}", 100),
    # scraper and reprint disclaimers
    _r(r"本文内容由.{0,20}(?:用户|网友|作者)|本站仅提供信息存储空间|不拥有所有权.{0,4}不承担", 400),
    _r(r"仅代表作者(?:本人)?(?:观点|立场)?|不代表本(?:站|网|平台)(?:的)?(?:观点|立场)", 300),
    _r(
        r"(?:请|如)(?:发送邮件|联系本站|与本站联系)|一经查实.{0,10}删除|(?:如有|若有|如涉及|涉嫌)侵权.{0,15}(?:删除|联系)",
        300,
    ),
    _r(r"如若转载|转载请注明|未经(?:许可|授权|同意).{0,6}不得转载|欢迎转载", 200),
    _r(r"^(?:本文|原文|文章)(?:地址|链接|网址|出处)[:：]", 200),
    # (from the @ with a look-behind: ``re`` skips to the @ instead of reading every run of word characters)
    _r(r"(?<=[\w.-])@(?:qq|163|126|sina|sohu|foxmail|gmail|outlook|hotmail)\.com", 80),
    # paywalls and download bait
    _r(r"查阅全文|查看全文|阅读全文|下载全文|全文下载|展开全文|免费下载|付费下载|会员专享|VIP专享|下载文档", 40),
    # social and customer-service ads: 扫码关注 · 加客服微信:3231169 · 微信咨询 · QQ群:123456
    _r(
        r"(?:扫码|扫一扫|扫描二维码|长按(?:识别)?二维码|微信扫描|二维码).{0,8}?"
        r"(?:关注|添加|下载|阅读|打开|分享|查看|咨询|进群|领取|联系|获取|访问|浏览)",
        40,
    ),
    _r(r"^(?:扫码|扫一扫|二维码|微信二维码|手机版二维码|手机扫一扫)$", 10),
    _r(r"^(?:请|欢迎|敬请|长按)?关注.{0,10}(?:公众号|微信号|官方微信|官方微博|抖音号|视频号)", 30),
    _r(r"(?:客服|微信|公众号|QQ群?|抖音号?|微信号)[:：]?[A-Za-z0-9_-]{5,}$", 40),
    _r(r"^(?:加|添加|联系)(?:客服|微信|公众号|QQ)", 30),
    _r(r"^(?:在线)?(?:客服|微信|QQ)(?:咨询|代找|在线|服务热线)", 20),
    # navigation between articles, related lists, comment boxes
    _r(r"^(?:上一篇|下一篇|上一条|下一条|上篇|下篇|前一篇|后一篇)", 80),
    _r(
        r"^(?:相关|热门|推荐|延伸|最新|精彩|更多)(?:推荐|链接|阅读|文章|新闻|文档|资讯|专题|下载|信息|解读)"
        r"(?:[:：].*)?$",
        60,
    ),
    _r(r"^(?:猜你喜欢|你可能(?:还)?(?:感兴趣|喜欢)|热门标签$|标签[:：])", 40),
    _r(r"^(?:留言|评论|发表评论|网友评论|我要评论|我要留言|留言板|留言与评论|评论区)(?:[(（].*[)）])?[:：]?$", 30),
    _r(r"共有\d*条评论|^已有\d*人(?:评论|参与)", 30),
    _r(r"^(?:验证码|用户名|密码)(?:[:：].*)?$", 30),
    # a URL or a site path alone on a line
    _r(r"^(?:https?://|www\.)\S+$", 300),
    _r(r"^/?[\w.-]+(?:/[\w.-]+)*\.(?:s?html?|php|aspx?|jsp)$", 200),
    # a date stamp alone (2022-01-25 10:30:00): page metadata, not the document's own 年月日 date
    _r(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\d{1,2}:\d{2}(?::\d{2})?)?$", 30),
    # page numbers of PDFs and Word exports: — 3 — · -3- · 第3页 共10页 · 3/10
    _r(r"^[-—–－]+\d{1,4}[-—–－]+$", 12),
    _r(r"^(?=.*页)(?:第\d{1,4}页)?[,，]?(?:共\d{1,4}页)?[,，]?(?:第\d{1,4}页)?$", 20),
    _r(r"^(?:page)?\d{1,4}(?:/|of)\d{1,4}$", 16),
    # wiki licence boxes and export junk
    _r(r"维基文库", 200),
    _r(r"^(?:public domain|publicdomain|false|true|null|none|undefined)$", 200),
)

# A line like this in the later part of the text starts junk that runs to the end.
TAIL_MARKERS: tuple[re.Pattern[str], ...] = (
    re.compile(r"试读(?:已)?结束|预览(?:已)?结束|(?:剩余|还剩).{0,8}未读|未完[,，]?(?:继续|待续)阅读"),
    re.compile(r"^本作品(?:是|在全世界|来自|属于|的作者|原文)"),  # wikisource licence box
)
_TAIL_FROM = 0.3  # tail markers count only after this share of the text
_LONGEST_RULE = max(60, *(rule.max_len for rule in CHROME_LINE_RULES))

_WS = re.compile(r"\s+")
_CJK = re.compile(r"[\u3400-\u9fff]")
_TWENTY_CJK = re.compile(r"(?:[^\u3400-\u9fff]*[\u3400-\u9fff]){20}")
# The line rules by limit, longest first, and their negated limits (ascending, for bisecting).
_BY_LIMIT = sorted(CHROME_LINE_RULES, key=lambda rule: -rule.max_len)
_NEG_LIMITS = [-rule.max_len for rule in _BY_LIMIT]
_SENTENCE_PUNCT = re.compile(r"[。！？；，!?;,：:]")
_HEAD_PREFIX = re.compile(r"^\d{1,4}\s*[-_、.．:：]\s*")
_OUTLINE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}\s*[、.．])"
)


def squeeze(line: str) -> str:
    """The line without any whitespace (ideographic spaces included)."""
    return _WS.sub("", line)


def is_chrome_line(line: str) -> bool:
    """True if this single line is page chrome by one of the line rules."""
    if len(line) > _LONGEST_RULE and len(line) - line.count(" ") - line.count("\u3000") > _LONGEST_RULE:
        return False  # a paragraph of prose is longer than any chrome line a rule allows
    q = squeeze(line)
    if not q:
        return False
    # (only the rules whose limit the line is within: the longest limits first, a bisect finds where they end)
    for rule in _BY_LIMIT[:bisect_right(_NEG_LIMITS, -len(q))]:
        if rule.pattern.search(q):
            return True
    if len(q) <= 60 and any(m.search(q) for m in TAIL_MARKERS[:1]):
        return True
    return len(q) <= 60 and _TOOL_LINE.fullmatch(q) is not None and _TOOL_WORD.search(q) is not None


def line_spans(text: str) -> list[Span]:
    """(start, end) of every line of ``text``, newline excluded."""
    spans: list[Span] = []
    start = 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _is_body(line: str) -> bool:
    """A line of real prose: enough Chinese to be a sentence (20 Chinese characters, counted no further)."""
    return _TWENTY_CJK.match(line) is not None


def find_chrome(text: str) -> list[Span]:
    """Spans of ``text`` that are page chrome or scraper junk, merged and sorted."""
    lines = line_spans(text)
    flags = [is_chrome_line(text[s:e]) for s, e in lines]
    _mark_repeated_title(text, lines, flags)
    tail = _tail_start(text, lines)
    if tail is not None:
        for i in range(tail, len(lines)):
            flags[i] = True
    _absorb_trailing_block(text, lines, flags)
    return _merge(text, lines, flags)


def _tail_start(text: str, lines: list[Span]) -> int | None:
    floor = len(text) * _TAIL_FROM
    for i, (s, e) in enumerate(lines):
        if s < floor:
            continue
        q = squeeze(text[s:e])
        if q and len(q) <= 200 and any(m.search(q) for m in TAIL_MARKERS):
            return i
    return None


def _absorb_trailing_block(text: str, lines: list[Span], flags: list[bool]) -> None:
    """After the last body line, a block that is mostly chrome becomes chrome as a whole."""
    last_body = -1
    for i in range(len(lines) - 1, -1, -1):  # (from the end: the last one is wanted)
        s, e = lines[i]
        if not flags[i] and _is_body(text[s:e]):
            last_body = i
            break
    first = next((i for i in range(last_body + 1, len(lines)) if flags[i]), None)
    if first is None:
        return
    block = [i for i in range(first, len(lines)) if text[lines[i][0] : lines[i][1]].strip()]
    chrome = sum(flags[i] for i in block)
    if chrome >= 3 and chrome >= 0.6 * len(block):
        for i in block:
            line = text[lines[i][0] : lines[i][1]].strip()
            # a heading or a sentence of the document's own is never swept up
            if not _OUTLINE.match(line) and not line.endswith(("。", "！", "？", "!", "?")):
                flags[i] = True


def _mark_repeated_title(text: str, lines: list[Span], flags: list[bool]) -> None:
    """At the top of the page, a title printed several times keeps one copy (the cleanest)."""
    groups: dict[str, list[int]] = {}
    seen = 0
    for i, (s, e) in enumerate(lines):
        q = squeeze(text[s:e])
        if not q:
            continue
        if len(q) > 60 or seen >= 15:
            break
        seen += 1
        if flags[i]:
            continue
        core = squeeze(_HEAD_PREFIX.sub("", text[s:e].strip()))
        if len(core) >= 4 and _CJK.search(core) and not _SENTENCE_PUNCT.search(core):
            groups.setdefault(core, []).append(i)
    for core, members in groups.items():
        if len(members) < 2:
            continue
        keep = next((i for i in members if squeeze(text[lines[i][0] : lines[i][1]]) == core), members[0])
        for i in members:
            if i != keep:
                flags[i] = True


def _merge(text: str, lines: list[Span], flags: list[bool]) -> list[Span]:
    """Join chrome lines separated only by blank lines into one span."""
    spans: list[Span] = []
    current: list[int] | None = None
    for i, (s, e) in enumerate(lines):
        if flags[i]:
            if current is None:
                current = [s, e]
            else:
                current[1] = e
        elif text[s:e].strip() and current is not None:
            spans.append((current[0], current[1]))
            current = None
    if current is not None:
        spans.append((current[0], current[1]))
    return spans


def in_chrome(spans: list[Span], start: int, end: int) -> bool:
    """True if ``[start, end)`` lies inside one chrome span."""
    return any(s <= start and end <= e for s, e in spans)
