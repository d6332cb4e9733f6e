"""What a target asks for: a deliverable that can be finished (a school, a plan, a survey, a start), or only to
further something (加快建设…, 推动…). judge.qualitative reads these before it reads the evidence."""

from __future__ import annotations

import re

from ..lang import marks

# A target whose deliverable is to finish or issue something (完成市属国企整合重组, 出台…三年行动计划): discrete
FINISH = re.compile(
    r"(?:全面|基本|如期|按期|确保|力争|年底前|年内)?(?:完成|(?:研究)?制定|出台|印发|编制|发布|修订|起草|建成)")
# A target whose deliverable is a start (开工建设, 启动), and a clause saying it started.
STARTS = re.compile(r"(?:加快|全面|正式|力争|确保)?(?:新开工|开工建设|开工|动工|开建|启动)")
# …or names the start after the thing (推动中化泉州100万吨/年乙烯项目开工建设, 确保…工程开工)
_START_AFTER = re.compile(r"(?:开工建设|开工|动工)$")
STARTED = re.compile(r"开工|动工|开建|启动|开始建设|破土")

# A target that names a deliverable (a school, a plan, a survey, a repair) can be finished; one that
# names a quality (体系, 机制, 能力, 品牌…) or a field of work cannot, and gets activity at best.
DISCRETE_OBJECT = re.compile(
    r"学校|小学|中学|幼儿园|医院|卫生院|中心(?!城市|城区|镇)|公园|工程|项目|[0-9一二三四五六七八九十]号线|线路|道路|大道|公路|桥|隧道|"
    r"铁路|高铁|城际|地铁|轨道交通|高速|快速路|快速通道|环线|大学|校区|院区|[一二三四五六七八九十\d]期|峰会|论坛|博览会|"
    r"[^服]馆|研究院|学院|园区|产业园|[^工]站|基地|大楼|大厦|小区|厂|码头|港区|机场|平台|系统|规划|方案|(?<!高)标准|政策|"
    r"意见|办法|细则|条例|清单|普查|调查|试点|示范区|示范村|示范带|样板|名录|专区|楼宇|街区|综合体|实验室|工作站|联合体|"
    r"图目|丛书|读本|大赛|运动会|博览会|展会|节庆|修复|改造|拆迁|征迁|复垦|验收|创建|创成|申创|争创|三乙|三甲|"
    r"注册|登记|变更|转企|上市|挂牌|(?:交易|洽谈|推介|展销|贸易|投资)会|(?:文化|艺术|旅游|购物|电影|音乐)节|马拉松|锦标赛|"
    # (办好第36届中国·哈尔滨国际冰雪节: an event)
    r"第[\d一二三四五六七八九十]+届[^，。；]{1,20}?(?:会|节|赛|展|周|论坛)"
)
OPEN_OBJECT = re.compile(
    r"(?:体系|机制|能力|水平|环境|质效|效能|风险|秩序|活力|氛围|格局|品牌|作用|优势|融合|协同|合作|交流|"
    r"保障|服务|治理|管理|监管|发展|改革|精神|意识|理念|文化|生态|工作|行动|攻坚|宣传|教育)(?:建设)?$"
)


def is_start(target: str) -> bool:
    """Is the target's deliverable the start of works (开工建设地铁3号线; 推动…项目开工建设)?"""
    text = target.strip().rstrip("。；")
    return STARTS.match(text) is not None or (_START_AFTER.search(text) is not None and "，" not in text)


def is_discrete(target: str) -> bool:
    """Does the target name a deliverable that can be finished (not just worked on)? A start is one too
    (启动…行动: the launch)."""
    clauses = [c for c in marks.CLAUSE_STOP.split(target) if c.strip()]
    return STARTS.match(target.strip()) is not None or FINISH.match(target.strip()) is not None or any(
        DISCRETE_OBJECT.search(c) and not OPEN_OBJECT.search(c.strip()) for c in clauses)


# A target that only furthers something (全力支持…建设, 推动…建设, 加快建设…, 推进…试点) and names no finishing
# (建设 alone builds a thing: 建设市急救指挥中心 ← …建成投用 is done; 加快建设 only furthers it)
_FURTHER = re.compile(r"^(?:(?:全力|大力|积极|持续|深入|加快|着力|进一步|全面)*"
                      r"(?:支持|推进|推动|实施|深化|加强|培育|打造|开展)|加快(?:推进)?建设)")
_FINISHING = re.compile(r"建成|完成|投用|投产|通车|竣工|出台|印发|挂牌|揭牌|开通|运营|运行|落地")


def only_furthered(target: str) -> bool:
    """Does every clause of the target further something, none finishing it (建成, 完成, 出台, 挂牌 …)?"""
    clauses = [c.strip() for c in marks.CLAUSE_STOP.split(target) if c.strip()]
    return bool(clauses) and all(_FURTHER.match(c) for c in clauses) and not _FINISHING.search(target)


__all__ = ["DISCRETE_OBJECT", "FINISH", "OPEN_OBJECT", "STARTED", "STARTS", "is_discrete", "is_start", "only_furthered"]
