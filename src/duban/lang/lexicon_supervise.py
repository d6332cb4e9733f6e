"""The words of supervising the year (supervise/: docs/supervision.md): the columns of a 分解方案, deadlines, and
the names of responsible units. The one home of these lists; the engine's words are in lexicon.py."""

from __future__ import annotations

# The columns of a 分解方案 by their header words (a header cell is matched by the longest word it holds).
BREAKDOWN_COLUMNS: dict[str, tuple[str, ...]] = {
    "number": ("序号", "编号", "项次", "序"),
    "task": ("目标任务", "工作任务", "任务内容", "重点任务", "重点工作", "工作内容", "主要任务", "具体任务", "目标内容",
             "工作目标", "任务目标", "责任事项", "工作事项", "任务名称", "任务事项", "主要内容", "任务"),
    "leader": ("牵头领导", "责任领导", "分管领导", "联系领导", "分管区领导", "牵头区领导", "牵头县领导", "分管县领导",
               "责任区领导", "区领导", "县领导"),
    "lead": ("牵头单位", "牵头部门", "主办单位", "主责单位", "牵头责任单位", "责任牵头单位", "主要责任单位"),
    "responsible": ("责任单位", "责任部门", "承办单位", "实施单位", "主体单位", "责任主体"),
    "cooperate": ("配合单位", "协办单位", "协同单位", "参与单位", "配合部门", "协助单位", "协作单位"),
    "deadline": ("完成时限", "完成时间", "办结时限", "完成期限", "时限要求", "截止时间", "时间要求", "时间节点",
                 "时限"),
    "milestones": ("季度节点", "进度安排", "节点安排", "季度目标", "分季度目标", "分季度安排", "序时进度安排",
                   "推进计划", "阶段目标", "节点目标", "进度要求", "季度进度", "工作节点"),
    "note": ("备注", "说明"),
}
# Columns holding one quarter's milestone each (一季度 | 二季度 | 三季度 | 四季度).
QUARTER_COLUMNS: dict[int, tuple[str, ...]] = {
    1: ("第一季度", "一季度", "1季度", "Q1"), 2: ("第二季度", "二季度", "2季度", "Q2"),
    3: ("第三季度", "三季度", "3季度", "Q3"), 4: ("第四季度", "四季度", "4季度", "Q4"),
}
# A deadline that is the end of the year, and one that has none (a standing task, judged by the year's end).
YEAR_END_WORDS = ("年底前", "年底", "年末", "年内", "全年", "岁末", "年度内", "年度")
ONGOING_WORDS = ("长期坚持", "长期推进", "长期", "持续推进", "持续开展", "持续", "常态化", "长效", "贯穿全年")
# Units: what a jurisdiction prefix and a government seat look like, how a cell lists several, and the usual
# short forms of county-level departments (full → short; the short form is the unit's name).
UNIT_SEPARATORS = r"[、，,；;/／\n]+|\s{2,}"
UNIT_LEAD_MARKS = ("（牵头）", "(牵头)", "牵头")
UNIT_DROP_SUFFIXES = ("人民政府", "办事处", "等单位", "等部门", "等")
UNIT_ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("发展和改革局", "发改局"), ("发展改革局", "发改局"), ("经济和信息化局", "经信局"), ("经济信息化局", "经信局"),
    ("住房和城乡建设局", "住建局"), ("住房城乡建设局", "住建局"), ("文化广电旅游体育局", "文广旅体局"),
    ("文化和广电旅游体育局", "文广旅体局"), ("卫生健康局", "卫健局"), ("卫生和计划生育局", "卫计局"),
    ("人力资源和社会保障局", "人社局"), ("人力社保局", "人社局"), ("市场监督管理局", "市场监管局"),
    ("应急管理局", "应急管理局"), ("交通运输局", "交通运输局"), ("科学技术局", "科技局"),
    ("退役军人事务局", "退役军人事务局"), ("综合行政执法局", "综合执法局"), ("自然资源和规划局", "资规局"),
    ("自然资源和规划分局", "资规分局"), ("医疗保障局", "医保局"), ("医疗保障分局", "医保分局"),
    ("大数据发展管理局", "大数据局"), ("国有资产监督管理办公室", "国资办"), ("政府办公室", "政府办"),
    ("投资促进中心", "投促中心"), ("机关事务管理中心", "机关事务中心"), ("农业农村局", "农业农村局"),
    ("商务局", "商务局"), ("教育局", "教育局"), ("民政局", "民政局"), ("财政局", "财政局"), ("统计局", "统计局"),
)
