"""PDFs: CJK text layer, page joins, page numbers as chrome, scans and broken files."""

from __future__ import annotations

import pytest

from duban.errors import InputError
from duban.read import read_bytes, read_document
from read_fixtures import covered, make_blank_pdf, make_pdf, touches_chrome

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


def test_cjk_text_layer(tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(make_pdf(PAGES, title="2022年工作计划.doc"))
    doc = read_document(path)
    assert doc.text.split("\n") == [line for page in PAGES for line in page]
    assert doc.source_format == "pdf"
    assert (doc.title, doc.jurisdiction, doc.year, doc.kind) == (
        "宁波市镇海区人民政府2022年工作计划",
        "宁波市镇海区",
        2022,
        "work_plan",
    )
    assert covered(doc, "— 1 —")
    assert covered(doc, "— 2 —")
    assert not touches_chrome(doc, "地区生产总值增长8%以上")
    assert not touches_chrome(doc, "（一）聚焦稳进提质")


def test_pdf_metadata_title_is_a_fallback():
    doc = read_bytes(
        make_pdf([["地区生产总值增长8%以上；一般公共预算收入增长6.5%。"]], title="温州市2023年工作要点"), name="a.pdf"
    )
    assert doc.title == "温州市2023年工作要点"
    assert doc.year == 2023


def test_pdf_without_text_layer():
    with pytest.raises(InputError) as exc:
        read_bytes(make_blank_pdf(), name="scan.pdf")
    assert exc.value.problem == "the PDF has no text layer (scanned image?); OCR it first"


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
