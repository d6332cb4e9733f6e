"""OFD (GB/T 33190): minimal valid packages built here (OFD.xml → Document.xml → Pages/Page_N/Content.xml with
positioned TextObjects), read back to known text; broken and hostile packages get one clear line."""

from __future__ import annotations

import io
import zipfile

import pytest

from duban.errors import InputError
from duban.read import read_bytes, read_document

NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
SIZE = 4.0  # mm: 40 characters between the margins below
LEFT, RIGHT = 25.0, 185.0


def make_ofd(pages: list[list[tuple]], title: str | None = None) -> bytes:
    """Runs are ``(x, baseline y, size, text)`` or ``(…, DeltaX)``, in millimetres on an A4 page."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        info = f"<ofd:Title>{title}</ofd:Title>" if title else ""
        z.writestr(
            "OFD.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {NS} Version="1.0" DocType="OFD"><ofd:DocBody>'
            f"<ofd:DocInfo><ofd:DocID>0</ofd:DocID>{info}</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>"
            "</ofd:DocBody></ofd:OFD>",
        )
        refs = "".join(f'<ofd:Page ID="{i + 1}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages)))
        z.writestr(
            "Doc_0/Document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {NS}><ofd:CommonData><ofd:MaxUnitID>999'
            "</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>"
            f"</ofd:CommonData><ofd:Pages>{refs}</ofd:Pages></ofd:Document>",
        )
        for i, runs in enumerate(pages):
            objects = []
            for n, (x, y, size, text, *delta) in enumerate(runs):
                dx = f' DeltaX="{delta[0]}"' if delta else ""
                objects.append(
                    f'<ofd:TextObject ID="{1000 * i + n + 10}" Boundary="{x} {y - size} 180 {size * 1.5}" Font="1" '
                    f'Size="{size}"><ofd:TextCode X="0" Y="{size}"{dx}>{text}</ofd:TextCode></ofd:TextObject>'
                )
            z.writestr(
                f"Doc_0/Pages/Page_{i}/Content.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {NS}><ofd:Content><ofd:Layer ID="{i + 2}">'
                f"{''.join(objects)}</ofd:Layer></ofd:Content></ofd:Page>",
            )
    return buf.getvalue()


PARA1 = "全面贯彻党的二十大精神，坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，地区生产总值增长6%左右。"
PARA2 = "城镇新增就业1.2万人以上，居民消费价格涨幅3%左右。"


def _wrapped(text: str, y: float, step: float) -> list[tuple]:
    """A paragraph as a word processor sets it: a two-character indent, then 40 characters a line."""
    first = 38
    lines = [text[:first]] + [text[i : i + 40] for i in range(first, len(text), 40)]
    return [(LEFT + (2 * SIZE if k == 0 else 0), y + k * step, SIZE, line) for k, line in enumerate(lines)]


def report_pages() -> list[list[tuple]]:
    step = SIZE * 1.75
    title = "某县2024年政府工作报告"
    page1 = [(105 - len(title) * 3 / 2, 30, 6.0, title), (105 - len(title) * 3 / 2, 30, 6.0, title)]  # fake bold
    page1 += _wrapped(PARA1, 50, step)  # 38 + 12 characters: wraps once
    y = 50 + 2 * step
    page1.append((LEFT, y, SIZE, "一、总体要求"))  # an outline marker never continues a line
    y += step
    chars = "城镇新增就业"  # drawn one character at a time, placed by DeltaX, as converters do
    page1.append((LEFT + 2 * SIZE, y, SIZE, chars, " ".join([str(SIZE)] * (len(chars) - 1))))
    page1.append((LEFT + 2 * SIZE + len(chars) * SIZE, y, SIZE, PARA2[len(chars) :]))
    y += step * 2
    page1 += [(LEFT, y, SIZE, "序号"), (LEFT + 20, y, SIZE, "目标任务"), (LEFT + 80, y, SIZE, "牵头单位")]
    y += step
    page1 += [(LEFT, y, SIZE, "1"), (LEFT + 20, y, SIZE, "新建公园5个"), (LEFT + 80, y, SIZE, "县住建局")]
    page2 = [(LEFT + 2 * SIZE, 30, SIZE, "Project"), (LEFT + 2 * SIZE + 16, 30, SIZE, "owners report monthly.")]
    page2.append((100, 280, 3.0, "— 2 —"))
    return [page1, page2]


def test_text_in_reading_order_with_paragraphs_joined():
    doc = read_bytes(make_ofd(report_pages(), title="某县2024年政府工作报告"), name="报告.ofd")
    assert doc.text.split("\n") == [
        "某县2024年政府工作报告",
        PARA1,
        "一、总体要求",
        PARA2,
        "序号 | 目标任务 | 牵头单位 |",
        "1 | 新建公园5个 | 县住建局 |",
        "Project owners report monthly.",
        "— 2 —",
    ]
    assert doc.source_format == "ofd" and doc.encoding is None
    assert doc.title == "某县2024年政府工作报告" and doc.year == 2024 and doc.kind == "work_report"


def test_read_from_disk_and_title_hint_from_docinfo(tmp_path):
    path = tmp_path / "a.ofd"
    path.write_bytes(make_ofd([[(LEFT, 30, SIZE, "附件1")]], title="2024年重点工作任务分解方案"))
    doc = read_document(path)
    assert doc.text == "附件1"
    assert doc.title == "2024年重点工作任务分解方案"


def test_file_name_as_docinfo_title_is_ignored():
    doc = read_bytes(make_ofd([[(LEFT, 30, SIZE, "附件1")]], title="方案.docx"), name="a.ofd")
    assert doc.title is None


def _zip(files: dict[str, bytes | str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"%PDF-1.7 not an ofd", "not a valid .ofd (not a zip archive)"),
        (b"PK\x03\x04 broken", "not a valid .ofd (not an OFD file (not a ZIP container): File is not a zip file)"),
        (_zip({"word/document.xml": "<w/>"}), "not a valid .ofd (not an OFD file: OFD.xml is missing)"),
        (_zip({"OFD.xml": "<OFD><DocBody>"}), "not a valid .ofd (OFD.xml: invalid XML: no element found: line 1, "
         "column 14)"),
        (_zip({"OFD.xml": '<!DOCTYPE x [<!ENTITY a "aaaa">]><OFD/>'}), "the .ofd has an XML part with a DTD "
         "(OFD.xml); entity declarations are refused (a billion-laughs or external-entity attack?)"),
    ],
    ids=["pdf", "bad-zip", "no-ofd-xml", "bad-xml", "entities"],
)
def test_broken_packages(data, problem):
    with pytest.raises(InputError) as exc:
        read_bytes(data, name="bad.ofd")
    assert exc.value.problem == problem


def test_page_without_text_is_no_text():
    with pytest.raises(InputError) as exc:
        read_bytes(make_ofd([[]]), name="scan.ofd")
    assert exc.value.problem == "no text found"


def test_zip_bomb_is_refused():
    data = _zip({"OFD.xml": "<OFD/>", "Doc_0/Res/big.xml": b" " * (300 * 1024 * 1024)})
    with pytest.raises(InputError) as exc:
        read_bytes(data, name="bomb.ofd")
    assert exc.value.problem == "the .ofd would unpack to 300 MB, more than the 200 MB allowed (a zip bomb?)"
