"""PDFs: the layout-aware reader. PDFs are generated from known text in several layouts (page sizes, margins,
justified or ragged, indented or spaced paragraphs, headings, numbered items, running headers, page numbers,
tables), and the re-flowed text must EQUAL the source paragraphs; plus scans, encryption and broken files."""

from __future__ import annotations

import re
import time

import pytest

from duban.errors import InputError
from duban.read import read_bytes, read_document
from duban.read.pdf import read_pdf
from read_fixtures import (
    FIXTURES,
    LayoutPDF,
    make_blank_pdf,
    make_encrypted_pdf,
    make_pdf,
    make_scan_pdf,
    text_width,
    touches_chrome,
    wrap,
)

PAGES = [
    [
        "宁波市镇海区人民政府2022年工作计划",
        "地区生产总值增长8%以上；一般公共预算收入增长6.5%。",
        "— 1 —",
    ],
    [
        "（一）聚焦稳进提质，进一步夯实增长基础",
        "统筹推进重点项目236个，年度总投资358亿元。",
        "— 2 —",
    ],
]

# A report's opening: headings, numbered items, Latin and digits inside CJK lines (spaces kept where written).
REPORT = [
    "一、2023年工作回顾",
    "过去一年，我们坚持稳中求进工作总基调，全市地区生产总值增长6.5%，一般公共预算收入增长8.2%，城镇调查失业率"
    "控制在5.5%以内，居民人均可支配收入增长6%左右。全年新增中小学学位 2 万个，PM2.5平均浓度下降到28微克/立方米，"
    "建成5G基站1200个，用好人工智能赋能千行百业，创建国家生态文明建设示范区。",
    "（一）坚持创新驱动，加快建设现代化产业体系",
    "1.培育壮大先进制造业。以新型工业化为引领，高水平推进制造业“122”产业集群建设，加快制造业高端化、智能化、"
    "绿色化发展，规上工业增加值增长7%，完成工业技改投资190亿元，新增国家级专精特新“小巨人”企业8家。",
    "2.加快现代服务业发展。推动服务业集聚发展，打造4个特色服务业发展集聚区，服务业增加值增长6.5%，"
    "现代服务业占服务业比重35%以上。",
    "（二）坚持改革开放，持续优化营商环境",
    "深化“最多跑一次”改革，政务服务事项网上可办率达到100%，企业开办时间压缩至0.5个工作日以内。"
    "实施新一轮国企改革深化提升行动，区属国企营收超125亿元，新增AA+信用评级企业1家以上。",
    "二、2024年主要目标",
    "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右；城镇调查失业率5.5%以内；居民消费价格涨幅3%左右；"
    "居民收入增长与经济增长同步；粮食产量稳定在10万吨以上；单位GDP能耗下降完成省下达任务。",
]

SCENES = {
    # A4 公文: justified, first lines indented two characters, a running header with a rule, "- n -" page numbers
    "a4-justified-indented": dict(header="XX市2024年政府工作报告"),
    # A5, narrow and ragged: no indent, paragraphs set apart by space, "第n页" page numbers
    "a5-ragged-spaced": dict(
        pagesize=(420.0, 595.0), margins=(40.0, 56.0, 50.0, 50.0), size=11.0, leading=1.4, indent=0.0,
        justify=False, para_gap=0.8, page_number="第{n}页",
    ),
    # Letter, wide margins, 12pt, indented and ragged, a header and bare page numbers
    "letter-ragged-indented": dict(
        pagesize=(612.0, 792.0), margins=(90.0, 90.0, 80.0, 80.0), size=12.0, leading=1.5, justify=False,
        header="政府工作报告", page_number="{n}",
    ),
    # a wide landscape page with a 20pt font: few characters a line
    "landscape-large": dict(pagesize=(842.0, 595.0), margins=(60.0, 60.0, 60.0, 60.0), size=20.0, leading=1.5),
    # text set at "1 Tf" and scaled by the text matrix (as macOS and some converters write it)
    "b5-unit-font": dict(pagesize=(516.0, 729.0), margins=(57.0, 57.0, 72.0, 72.0), size=12.0, unit_font=True),
}


def _layout(scene: str, blocks=REPORT, repeat: int = 3) -> LayoutPDF:
    doc = LayoutPDF(**SCENES[scene])
    for _ in range(repeat):
        for text in blocks:
            doc.paragraph(text)
    return doc


@pytest.mark.parametrize("scene", sorted(SCENES))
def test_reflow_equals_source(scene):
    doc = _layout(scene)
    text, _ = read_pdf(doc.pdf(), None)
    assert text == "\n".join(REPORT * 3)
    assert doc.page >= 2
    assert any(a != b for a, b in doc.spans), "some paragraph must continue over a page break"


def test_headers_and_page_numbers_are_left_out():
    doc = _layout("a4-justified-indented")
    text, _ = read_pdf(doc.pdf(), None)
    assert "XX市2024年政府工作报告" not in text
    assert not re.search(r"- \d -", text)


def test_centred_title_and_larger_headings_stand_alone():
    doc = LayoutPDF(pagesize=(612.0, 792.0), size=12.0, indent=0.0, justify=True)
    doc.centred("XX县人民政府2024年政府工作报告", size=20.0)
    doc.centred("——2024年1月10日在XX县第十八届人民代表大会第四次会议上", size=12.0)
    doc.paragraph("各位代表：", indent=0.0)
    doc.paragraph(REPORT[1], indent=2.0)
    doc.paragraph("一、2023年工作回顾", size=16.0, indent=0.0)
    doc.paragraph(REPORT[3], indent=0.0)
    doc.paragraph(REPORT[7], indent=2.0)
    text, _ = read_pdf(doc.pdf(), None)
    assert text.split("\n") == [
        "XX县人民政府2024年政府工作报告",
        "——2024年1月10日在XX县第十八届人民代表大会第四次会议上",
        "各位代表：",
        REPORT[1],
        "一、2023年工作回顾",
        REPORT[3],
        REPORT[7],
    ]


def test_fake_bold_and_space_indents():
    """Headings drawn twice a hair apart (fake bold) read once; paragraphs indented with typed 　　 read without."""
    doc = LayoutPDF(indent=0.0, header="XX市2024年政府工作报告")
    for text in REPORT * 2:
        heading = bool(re.match(r"[一二（]", text))
        doc.paragraph(text if heading else "\u3000\u3000" + text, bold=heading)
    text, _ = read_pdf(doc.pdf(), None)
    assert text == "\n".join(REPORT * 2)


def test_latin_words_positioned_without_space_characters():
    """Words placed one by one (no space glyphs, as many converters write them): one space between Latin words,
    also where the line wraps between two of them; none at the gap Word leaves between hanzi and Latin."""
    lines = [["全面推进", "Smart", "City", "建设，", "搭建城市信息模型", "CIM", "与", "Digital"],
             ["Twin", "平台，", "5G", "基站", "1200", "个。"]]
    width = sum(text_width(w, 12) + 3.5 for w in lines[0]) - 3.5
    doc = LayoutPDF(pagesize=(width + 100.0, 300.0), margins=(50.0, 50.0, 50.0, 50.0), page_number=None)
    for k, words in enumerate(lines):
        x = 50.0
        for w in words:
            doc.c.setFont("STSong-Light", 12)
            doc.c.drawString(x, 220.0 - 18 * k, w)
            x += text_width(w, 12) + 3.5
    text, _ = read_pdf(doc.pdf(), None)
    assert text == "全面推进Smart City建设，搭建城市信息模型CIM与Digital Twin平台，5G基站1200个。"


def test_hanging_list_items():
    """Word's automatic lists: the number, a tab, the text; wrapped lines hang under the text, not the number."""
    items = [REPORT[3][2:], REPORT[4][2:], REPORT[7]]
    doc = LayoutPDF(indent=0.0)
    doc.paragraph(REPORT[1], indent=2.0)
    for n, item in enumerate(items, 1):
        doc.paragraph(item, marker=f"{n}.", hanging=2.0)
    doc.paragraph(REPORT[8], indent=2.0)
    text, _ = read_pdf(doc.pdf(), None)
    assert text.split("\n") == [REPORT[1], *(f"{n}.{item}" for n, item in enumerate(items, 1)), REPORT[8]]


def test_sub_and_superscripts_stay_in_their_line():
    """PM₂.₅ set as a subscript and a raised footnote mark ① belong to their line, not lines of their own."""
    doc = LayoutPDF(page_number=None)
    c, x = doc.c, 72.0
    for text, size, rise in [("全市PM", 14, 0), ("2.5", 8, -3), ("平均浓度下降到28微克/立方米", 14, 0), ("①", 8, 6),
                             ("，优良天数比例达到90%。", 14, 0)]:
        c.setFont("STSong-Light", size)
        c.drawString(x, 700 + rise, text)
        x += text_width(text, size)
    c.setFont("STSong-Light", 14)
    c.drawString(72, 675, "城镇调查失业率控制在5.5%以内。")
    text, _ = read_pdf(doc.pdf(), None)
    assert text.split("\n") == [
        "全市PM2.5平均浓度下降到28微克/立方米①，优良天数比例达到90%。",
        "城镇调查失业率控制在5.5%以内。",
    ]


def test_hard_wrapped_by_character_count():
    """Text drawn a fixed number of characters a line (ragged right edge) is re-flowed by that count."""
    paras = [REPORT[1], REPORT[3], "（三）坚持绿色低碳，更严标准保护生态环境", REPORT[7], REPORT[8]]
    lines = [p[i:i + 33] for p in paras for i in range(0, len(p), 33)]
    assert all(len(p) % 33 for p in paras)  # a paragraph ending on a full line could not be told apart
    text, _ = read_pdf(make_pdf([lines[:30], lines[30:]]), None)
    assert text == "\n".join(paras)


TABLE = [
    ["序号", "目标任务", "牵头单位", "完成情况"],
    ["1", "新增城镇就业2.5万人，城镇调查失业率控制在5.5%以内", "区人力社保局", "全年新增城镇就业2.7万人，已完成"],
    ["2", "PM2.5平均浓度控制在28微克/立方米以下", "市生态环境局XX分局", "平均浓度26微克/立方米"],
    ["3", "新增中小学学位 2 万个", "区教育局", "新增1.8万个，未完成"],
]
ROWS = [" | ".join(r) + " |" for r in TABLE]


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "aligned"])
def test_table_rows(ruled):
    doc = LayoutPDF()
    doc.paragraph(REPORT[1])
    doc.table(TABLE, [40.0, 180.0, 100.0, 131.0], ruled=ruled)
    doc.paragraph(REPORT[3])
    text, _ = read_pdf(doc.pdf(), None)
    assert text.split("\n") == [REPORT[1], *ROWS, REPORT[3]]


def test_merged_cells_of_a_ruled_table():
    """A cell merged across columns is written once; one merged down rows repeats on each row (as DOCX does)."""
    doc = LayoutPDF(page_number=None)
    c = doc.c
    xs, ys = [60, 100, 300, 420], [720, 700, 680, 660, 640]
    c.line(60, 720, 420, 720)
    for y in ys[1:]:
        c.line(60, y, 420 if y != 660 else 300, y)  # no rule under 区发改局: it spans the last two rows
    for x in xs:
        c.line(x, 700 if x in (100, 300) else 720, x, 640)  # the title row spans all columns
    c.setFont("STSong-Light", 10)
    for x, y, text in [(64, 706, "2024年重点任务"), (64, 686, "序号"), (104, 686, "目标任务"), (304, 686, "牵头单位"),
                       (64, 666, "1"), (104, 666, "新增城镇就业2.5万人"), (304, 656, "区发改局"),
                       (64, 646, "2"), (104, 646, "新增企业研发机构50家")]:
        c.drawString(x, y, text)
    text, _ = read_pdf(doc.pdf(), None)
    assert text.split("\n") == [
        "2024年重点任务 |",
        "序号 | 目标任务 | 牵头单位 |",
        "1 | 新增城镇就业2.5万人 | 区发改局 |",
        "2 | 新增企业研发机构50家 | 区发改局 |",
    ]


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_turned_page(rotation):
    """A landscape page stored as a portrait page turned by /Rotate, its text drawn sideways."""
    wide = rotation != 180
    doc = LayoutPDF(pagesize=(842.0, 595.0) if wide else (595.0, 842.0), page_number=None)
    doc.c.setPageSize((595.0, 842.0))
    doc.c.setPageRotation(rotation)
    doc.c.translate(*{90: (0, 842), 180: (595, 842), 270: (595, 0)}[rotation])
    doc.c.rotate(-rotation)
    for text in REPORT[:4]:
        doc.paragraph(text)
    text, _ = read_pdf(doc.pdf(), None)
    assert text == "\n".join(REPORT[:4])


def test_watermark_is_left_out():
    doc = LayoutPDF(watermark="内部资料 注意保密")
    for text in REPORT * 2:
        doc.paragraph(text)
    text, _ = read_pdf(doc.pdf(), None)
    assert text == "\n".join(REPORT * 2)


def test_cjk_text_layer(tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(make_pdf(PAGES, title="2022年工作计划.doc"))
    doc = read_document(path)
    assert doc.text.split("\n") == [line for page in PAGES for line in page[:-1]]  # page numbers left out
    assert "— 1 —" not in doc.text and "— 2 —" not in doc.text
    assert doc.source_format == "pdf"
    assert (doc.title, doc.jurisdiction, doc.year, doc.kind) == (
        "宁波市镇海区人民政府2022年工作计划",
        "宁波市镇海区",
        2022,
        "work_plan",
    )
    assert not touches_chrome(doc, "地区生产总值增长8%以上")
    assert not touches_chrome(doc, "（一）聚焦稳进提质")


def test_pdf_metadata_title_is_a_fallback():
    doc = read_bytes(
        make_pdf([["地区生产总值增长8%以上；一般公共预算收入增长6.5%。"]], title="温州市2023年工作要点"), name="a.pdf"
    )
    assert doc.title == "温州市2023年工作要点"
    assert doc.year == 2023


@pytest.mark.parametrize("data", [make_blank_pdf(), make_scan_pdf()], ids=["drawing", "image"])
def test_pdf_without_text_layer(data):
    with pytest.raises(InputError) as exc:
        read_bytes(data, name="scan.pdf")
    assert exc.value.problem == "the PDF has no text layer (scanned image?); OCR it first"


def test_encrypted_pdf():
    with pytest.raises(InputError) as exc:
        read_bytes(make_encrypted_pdf("secret"), name="locked.pdf")
    assert exc.value.problem == "the PDF is encrypted with a password; decrypt it first"
    # an owner password alone (printing/copying restrictions) does not stop reading
    assert read_bytes(make_encrypted_pdf(""), name="restricted.pdf").text == "地区生产总值增长8%以上。"


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\nthis is not really a pdf",
        b"just some text saved as .pdf",
        make_pdf(PAGES)[:600],
    ],
    ids=["header-only", "no-header", "truncated"],
)
def test_corrupt_pdf(data):
    with pytest.raises(InputError) as exc:
        read_bytes(data, name="bad.pdf")
    assert exc.value.problem.startswith("not a valid PDF: ")
    assert "\n" not in exc.value.problem


# tests/fixtures/read/plan_excerpt.pdf: an excerpt of a real district plan (names masked) set as a 公文 would be —
# A4, 16pt, 28mm/26mm side margins, justified, first lines indented, "— n —" page numbers — by
# ``plan_excerpt_pdf()`` below (regenerate: ``python -c 'import test_read_pdf as t; t.plan_excerpt_pdf(True)'``
# from tests/). Its text is PLAN_EXCERPT, one paragraph an item; the last one is cut mid-sentence in the source.
PLAN_EXCERPT = [
    (
        "培育壮大先进制造业。以新型工业化为引领,高水平推进制造业“122”产业集群建设,加快制造业高端化"
        "、绿色化、融合化发展,规上工业增加值增长7%,完成工业技改投资190亿元。倾力打造世界级绿色石化"
        "基地,贯通以有机原料为主体、高端精细化学品为特色的上下游产业链,确保1100万吨炼油项目投产、高"
        "端合成新材料项目建成中交。做强先进制造装备产业,推进液压、紧固件、轴承等传统优势产业改造升级、扩"
        "张提能。强化优质企业梯队培育,新增国家级制造业单项冠军企业2家,国家级重点“小巨人”企业8家,“"
        "小升规”企业20家,动态培育“浙江制造”团体标准6项。加强企业发展要素保障,探索“工业上楼”等新"
        "模式。深入实施“腾笼换鸟、凤凰涅槃”行动,新建2个小微园区,改造提升工业区块400亩以上。高质量"
        "推进第五次全国经济普查。"
    ),
    (
        "加快现代服务业发展。推动服务业集聚发展,打造甬江科创区XX片区、新城核心商务片区、老城后海塘片区"
        "、九龙湖生态旅游片区等4个特色服务业发展集聚区。加快制造服务业发展,推动石化区两业深度融合,谋划"
        "打造蛟川检验检测特色产业园。推动厚恒物资城等专业市场特色化、平台化发展,增强市场竞争力和辐射带动"
        "力。鼓励实体企业分离设立研发设计等科技服务业企业。加快建立服务业总部经济体系,吸引更多头部企业落"
        "户XX,阶梯孵化亿元楼宇1座、5000万元以上楼宇2座、3000万元以上楼宇3座。服务业增加值增"
        "长6.5%,现代服务业占服务业比重35%以上。"
    ),
    (
        "推动数字经济创新提质。实施智能制造“125+”工程,推动产业数字化“三个全覆盖”,新增数字化车间"
        "10个、智能工厂2个,数字经济核心产业增加值增长10%以上,新增亿元以上数字经济重点企业2家。加"
        "快布局集成电路、电子信息材料、软件及信息服务业等数字经济核心产业,全面推进集成电路产业园基础设施"
        "建设,半导体涂层、智能传感器等项目落地开工,集成电路相关产业规模达到10亿元。持续打造化工产业大"
        "脑,完成石化行业数改项目20个。"
    ),
    "(三)坚持一体推进,更大力度构建协同创新格局",
    (
        "加快创新能力提升。深度融入甬江科创区开发建设,服务保障甬江实验室、XX东方理工大学、中石化XX新"
        "材料高端创新平台等高能级科创平台建设,支持XX东方理工大学与中国环科院合作共建全国重点实验室,天"
        "津大学浙江研究院申报全省重点实验室。争创省石墨烯未来产业先导区。强化企业科技创新主体地位,新增省"
        "高新技术企业研发中心10家、省市级科技企业孵化器2家、众创空间2家。新增高新技术企业110家、企"
        "业研发机构50家,发放科技贷4亿元以上。推动营收3亿元以上的规上工业企业研发机构全覆盖,规上工业"
        "企业研发经费同比增长5%以上。探索科技成果“先用后转”模式,强化知识产权保护,有效发明专利拥有量"
        "达到5900件,同比增长9%。"
    ),
    (
        "推动产教融合发展。加快打造科教产共同体,支持甬江实验室联合高校院所、龙头企业开展重大科学研究和核"
        "心技术攻关,实体化运行XX东方理工产业技术研究院。加快“甬江芯谷”建设,发挥创维双智双创产业园、"
        "启迪科技园等平台作用,积极承接高端人才项目。以科技创新推动产业创新,围绕省市重大战略和发展需求,"
        "主动对接XX大学、XX工程学院等高校,推动专业设置与产业发展更加匹配,新增合作项目10个以上。深"
        "化中高职一体化发展,创新职技融通人才培养模式,完善公共实训体系,加快区技工学校建设。"
    ),
    (
        "打造人才集聚高地。高质量构建人才引育新格局,新引育顶尖人才5名以上,建成省级博士后工作站5家、市"
        "级及以上院士工作站1家。健全重点项目“投拨联动”机制,集成电路、新材料等领域高端人才项目占比超7"
        "0%。开展人才生态提优行动,提升甬江科创人才服务专区、XX人才之家等服务载体效能,健全子女就学、"
        "人才安居等“关键小事”协调解决机制,新增人才安居专用房300套以上。"
    ),
    "(四)坚持改革赋能,更深层次破解体制机制障碍",
    (
        "全面推进政务服务增值化改革。发挥企业综合服务中心作用,加快涉企政务服务事项集成进驻,推动企业需求"
        "“一个口子”受理,打造特色“一类事”服务场景,加快政务服务向“增值服务”“集成服务”“精准服务”"
        "转变。构建三级贯通政务服务体系,实现标准型镇街便民服务中心100%全覆盖。整合为企服务高频应用,"
        "进一步集成政策、项目、人才等10大领域增值服务。健全政务服务数据共享协调机制,加快一体化审批进程"
        "。推进基层交易平台建设,实现公共资源交易项目线上全覆盖。强化企业上市辅导,加快推动企业上市。"
    ),
    (
        "激发民营经济内生动力。扎实推进省新时代“两个健康”先行示范区建设,坚持“两个毫不动摇”“三个没有"
        "变”,在市场准入、要素获取、公平执法、权益保护等方面落实一批举措。按照“非禁即入”要求,实施公平"
        "竞争审查制度,建立市场准入壁垒投诉和处理回应机制。支持民间资本参与新型基础设施等领域建设。加大面"
        "向中小微民营企业的政府采购力度。推动政策直达快享、无感兑换,安排区级惠企资金8.2亿元。加大民间"
        "投资项目用地保障力度,支持产业用地“带押过户”。落实“综合查一次”联合执法机制,推行“信用+执法"
        "”等监管服务新模式。优化个体工商户转企业变更手续,降低转换成本。完善“亲清直通车”等政企沟通协商"
        "制度,全力维护民营企业合法权益。"
    ),
    (
        "深化重点领域改革。持续推进国企改革深化提升行动,全面提高国企核心竞争力,推动国有资本向重大基础设"
        "施建设、重要城市区块开发、重点民生服务保障等关键领域集中。强化部门、镇街、国企三方联动,加大国有"
        "资产清点和盘活力度,新增AA+信用评级企业1家以上,区属国企营收超125亿元。稳步推进基金运行机"
        "制改革,基金群撬动社会资本100亿元以上。深化“亩均论英雄”改革,整治高耗低效、低散乱污企业20"
        "0家以上,淘汰落后产能项目30个,全员劳动生产率增长7%。纵深推进“大综合一体化”行政执法改革,"
        "完善区镇两级执法指挥体系,推广应用“简案快办”执法模式。"
    ),
    "(五)坚持绿色低碳,更严标准保护生态环境",
    (
        "持续打好污染防治攻坚战。扎实推进大气环境系统治理,深入实施“1246”提级治气行动,强化PM2."
        "5和臭氧协同控制,空气质量优良率保持90%以上。持续推进“镇有碧水”重点项目建设,加快截污纳管改"
        "造,新改建污水管网5公里,建成一体化"
    ),
]


def plan_excerpt_pdf(write: bool = False) -> bytes:
    doc = LayoutPDF(margins=(79.0, 74.0, 105.0, 99.0), size=16.0, leading=1.75, page_number="— {n} —",
                    title="区人民政府2024年工作计划（节选）")
    for para in PLAN_EXCERPT:
        doc.paragraph(para)
    data = doc.pdf()
    if write:
        (FIXTURES / "plan_excerpt.pdf").write_bytes(data)
    return data


def test_plan_excerpt_is_whole_paragraphs():
    doc = read_document(FIXTURES / "plan_excerpt.pdf")
    assert doc.text.split("\n") == PLAN_EXCERPT
    assert doc.title == "区人民政府2024年工作计划（节选）"
    for para in PLAN_EXCERPT:  # the robust form of the same: every sentence intact on one line
        for sentence in re.findall(r"[^。；]+[。；]?", para):
            assert any(sentence in line for line in doc.text.split("\n")), sentence


def test_plan_excerpt_targets_are_not_fragments():
    """No target starts or ends in the middle of a clause: a hard line wrap no longer cuts 完成工业技|改投资."""
    from duban.extract import extract  # imported here: reading must not depend on the extractor

    result = extract(read_document(FIXTURES / "plan_excerpt.pdf"))
    assert len(result.targets) > 50
    text = result.document.text
    boundary = set("，。；：、,;:“”\n") | {""}
    for target in result.targets:
        s, e = target.span
        assert text[s - 1:s] in boundary or s == 0, (text[max(0, s - 5):s], target.text)
        assert text[e:e + 1] in boundary, (target.text, text[e:e + 5])


def test_wrap_keeps_punctuation_off_line_starts():
    lines = wrap("加快制造业高端化、智能化、绿色化发展，规上工业增加值增长7%。", 60.0, 10.0)
    assert "".join(lines) == "加快制造业高端化、智能化、绿色化发展，规上工业增加值增长7%。"
    assert not any(line[0] in "，。、%" for line in lines)


def test_speed_fifty_pages():
    doc = _layout("a4-justified-indented", repeat=70)
    data = doc.pdf()
    assert doc.page >= 50
    start = time.perf_counter()
    read_pdf(data, None)
    assert doc.page / (time.perf_counter() - start) > 5  # pages/s: ~60 measured (docs/reading.md); a guard only
