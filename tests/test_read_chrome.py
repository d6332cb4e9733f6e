"""Chrome line rules: page furniture of gov.cn sites of many provinces, and report lines that are not."""

from __future__ import annotations

import pytest

from duban.read.chrome import find_chrome, in_chrome, is_chrome_line

CHROME = [
    # 信息公开 metadata
    "索  引  号:",
    "索引号：11440100MB2C92614J/2023-00123",
    "索 引 号： | 734247248/2022-098765 | 主题分类： | 综合政务/其他 |",
    "发布机构：广州市统计局",
    "发文机关： | 四川省人民政府办公厅 |",
    "成文日期：2023年02月10日",
    "文　　号：川府办发〔2023〕5号",
    "主题分类：综合政务\\其他",
    "公开方式：主动公开",
    "有效性：有效",
    "发布时间：2023-02-10 09:30  来源：成都市人民政府办公厅  浏览次数：1523",
    "来源：湖南省统计局",
    "责任编辑：张三",
    "浏览量:",
    "阅读次数：1234",
    "【字体：大 中 小】",
    "字号：大 中 小",
    "[ 字号 大 中 小 ] [ 打印 ] [ 关闭 ]",
    # breadcrumbs
    "您当前所在的位置:",
    "当前位置：首页 > 政务公开 > 规划计划",
    "您现在的位置：首页>>政务公开>>政府工作报告",
    "首页 > 信息公开 > 政府工作报告",
    "首页 » 政府信息公开 » 计划总结",
    # toolbars and footers
    "【打印本页】 【关闭窗口】",
    "【打印】【关闭】",
    "分享到：微信 微博 QQ空间",
    "网站地图 | 联系我们 | 网站声明",
    "无障碍浏览 长者模式",
    "粤ICP备05070829号",
    "京ICP备05070218号-1 京公网安备 11010202000001号",
    "网站标识码：4400000061",
    "主办单位：四川省人民政府办公厅  承办单位：四川省大数据中心",
    "版权所有：湖南省人民政府 Copyright © 2023",
    "建议使用1920*1080分辨率 IE9以上浏览器",
    "技术支持：东软集团",
    # social ads and scraper junk
    "扫一扫在手机打开当前页",
    "扫码关注",
    "欢迎关注“镇海发布”微信公众号",
    "如有侵权请联系删除",
    "浏览次数1523",
    "立即扫码添加我吧",
    "加客服微信:3231169",
    "如来写作网客服微信3231169",
    "微信号：gdfb2020",
    "查阅全文加微信3231169",
    "本文内容由互联网用户自发贡献,该文观点仅代表作者本人。本站仅提供信息存储空间服务,不拥有所有权。",
    "本文仅代表作者观点,不代表本站立场。",
    "转载请注明出处",
    "如若转载,请注明出处:https://www.rulaiwenku.com/81570.html",
    "本文地址:/baogao/huadong/503.html",
    "请发送邮件至 3231169@qq.com 举报",
    "上一篇：关于印发2023年重点工作任务分工方案的通知",
    "下一篇 2022年5月6日",
    "相关推荐",
    "相关链接：",
    "相关文章",
    "猜你喜欢",
    "留言与评论(共有 条评论)",
    "验证码:",
    "https://www.gov.cn/zhengce/2024-03/12/content_6939153.htm",
    "www.zj.gov.cn",
    "2023-02-10 09:30:12",
    "— 3 —",
    "- 12 -",
    "第 2 页 共 10 页",
    "Public domain",
]

NOT_CHROME = [
    "完成公共服务场所无障碍环境改造11处。",
    "推广“粤省事”微信小程序，实现200项高频事项掌上办理，群众满意度达到95%以上。",
    "（三）打造“微信办事”服务品牌",
    "新增5G基站1万个，建设二维码门牌2000块。",
    "扫码支付覆盖率达到95%以上，推进数字人民币试点。",
    "微信公众号粉丝数突破10万",
    "12345政务服务热线接通率达到95%",
    "客服热线12345接通率达到95%",
    "加强知识产权保护，版权登记量增长20%。",
    "上一年度结转资金全部用于民生项目。",
    "资金来源：区财政统筹安排。",
    "发布实施《宁波市镇海区国土空间总体规划》。",
    "政务网站浏览量增长30%",
    "完善政府网站地图导航功能",
    "相关信息化项目建设全部完成",
    "主题教育走深走实",
    "2024年1月20日",
    "宁波市镇海区人民政府",
    "一、2009年工作回顾",
    "（一）聚焦稳进提质，进一步夯实增长基础",
    "项目攻坚再发力。",
    "编号 | 目标任务 | 完成情况 |",
    "1 | 地区生产总值增长6%左右。 | 全年地区生产总值增长5.6%。 |",
    "各位代表：",
    "评论员文章引发社会广泛关注",
    "密码应用安全性评估全面开展",
    "首页经济加快发展",
    "市长 盛悠",
    "大中小学思政课一体化建设",
    "浏览量同比增长30%",
    "访问量 | 1234万次 |",
    "严厉打击侵权假冒行为，依法删除违法信息。",
    "持续关注政务公众号建设",
]


@pytest.mark.parametrize("line", CHROME)
def test_chrome_lines(line):
    assert is_chrome_line(line)


@pytest.mark.parametrize("line", NOT_CHROME)
def test_report_lines_are_not_chrome(line):
    assert not is_chrome_line(line)


def test_long_sentence_with_chrome_words_is_not_chrome():
    line = (
        "深化“互联网+政务服务”，推动政务服务事项“扫码办”“微信办”，开通客服热线和公众号留言渠道，"
        "实现上一篇章中提出的“一网通办”目标，网上办件率达到90%以上。"
    )
    assert not is_chrome_line(line)
    assert find_chrome(line) == []


BODY = "全面落实国家新一轮组合式减税降费措施，大力抓项目、促消费、稳企业，推动经济实现质的稳步提升和量的合理增长。"


def test_spans_merge_across_blank_lines_and_point_into_text():
    text = f"当前位置：首页 > 政务公开\n\n发布机构：区政府办公室\n\n标题计划\n{BODY}\n"
    spans = find_chrome(text)
    assert spans == [(0, text.index("标题计划") - 2)]
    assert text[spans[0][0] : spans[0][1]].endswith("发布机构：区政府办公室")


def test_tail_marker_sweeps_to_the_end():
    text = "\n".join([BODY] * 5 + ["……试读结束……", "私发想要资料的标题/关键词", "(0)", "快速代查找相关所有资料"])
    start = text.index("……试读结束")
    assert find_chrome(text) == [(start, len(text))]


def test_tail_marker_early_in_the_text_is_only_a_line():
    text = "\n".join(["试读结束", *[BODY] * 6])
    spans = find_chrome(text)
    assert spans == [(0, 4)]
    assert not in_chrome(spans, len(text) - 10, len(text))


def test_repeated_title_at_top_keeps_the_clean_copy():
    text = "12-杭州市2023年工作要点\n杭州市2023年工作要点\n" + BODY
    spans = find_chrome(text)
    assert spans == [(0, len("12-杭州市2023年工作要点"))]


def test_repeated_salutation_in_the_body_is_not_chrome():
    text = "\n".join(["各位代表！", BODY, "各位代表！", BODY, "各位代表！"])
    assert find_chrome(text) == []


def test_trailing_block_of_mostly_chrome_is_swept_but_not_the_signature():
    text = "\n".join(
        [
            BODY,
            "宁波市镇海区人民政府",
            "2024年1月20日",
            "【打印本页】【关闭窗口】",
            "一个没有规则认识的广告行",
            "主办单位：宁波市镇海区人民政府办公室",
            "浙ICP备05008813号",
        ]
    )
    spans = find_chrome(text)
    start = text.index("【打印本页】")
    assert spans == [(start, len(text))]


def test_trailing_block_keeps_headings_and_sentences():
    text = "\n".join([BODY, "— 1 —", "（一）聚焦稳进提质", "— 2 —", "- 3 -", "本段是一个句子。"])
    spans = find_chrome(text)
    assert not any(s <= text.index("（一）") < e for s, e in spans)
    assert not any(s <= text.index("本段") < e for s, e in spans)
    assert in_chrome(spans, text.index("— 1 —"), text.index("— 1 —") + 5)
