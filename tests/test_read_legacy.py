"""Word 97–2003 .doc and WPS .wps through antiword (tests/fixtures/read/plan_2024.doc, made by LibreOffice; see
the README there), and the ".doc" files that are really something else.

antiword comes from Debian (scripts/test.sh installs it). Without it the conversion tests skip — or fail when
DUBAN_REQUIRE_CONVERTERS=1 or DUBAN_REQUIRE_BROWSER=1 (CI) says the environment must have it."""

from __future__ import annotations

import io
import os
import shutil
import subprocess

import docx
import pytest

from duban.errors import InputError
from duban.read import read_bytes, read_document
from duban.read.legacy import MISSING
from read_fixtures import FIXTURES

DOC = FIXTURES / "plan_2024.doc"
PLAN = [
    "2024年重点工作任务分解方案",
    "为确保《政府工作报告》确定的目标任务落到实处，现将重点工作任务分解如下。",
    "一、主要预期目标",
    "地区生产总值增长6%左右，城镇新增就业1.2万人以上，居民人均可支配收入增长与经济增长同步。",
    "1.新建城市公园5个",
    "2.改造老旧小区30个",
    "序号 | 目标任务 | 牵头单位 | 完成时限 |",
    "1 | 新建城市公园5个提升绿化覆盖率 | 市住建局 | 2024年12月 |",
    "2 | 新增城镇就业1.2万人 | 市人社局 | 2024年底 |",
    "二、工作要求",
    "各责任单位每月报送进展情况（Progress reports are due monthly）。",
]


@pytest.fixture
def antiword() -> str:
    exe = shutil.which("antiword")
    if exe is None:
        reason = f"antiword is not installed ({MISSING.split('(')[1].rstrip(')')})"
        required = [v for v in ("DUBAN_REQUIRE_CONVERTERS", "DUBAN_REQUIRE_BROWSER") if os.environ.get(v) == "1"]
        if required:
            pytest.fail(f"{reason} — but {required[0]}=1 requires it", pytrace=False)
        pytest.skip(reason)
    return exe


def test_doc_fixture_reads_paragraphs_lists_and_tables(antiword):
    doc = read_document(DOC)
    assert doc.text.split("\n") == PLAN
    assert doc.source_format == "doc"
    assert doc.title == "2024年重点工作任务分解方案"
    assert doc.kind == "task_breakdown" and doc.year == 2024
    assert doc.encoding is None


def test_wps_is_the_same_format(antiword, tmp_path):
    path = tmp_path / "方案.wps"
    path.write_bytes(DOC.read_bytes())
    assert read_document(path).text.split("\n") == PLAN


def test_fixture_is_a_genuine_word97_file(antiword):
    data = DOC.read_bytes()
    assert data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    assert "分解方案".encode("utf-16-le") in data  # Chinese stored as Word 97 stores it, not converted text
    out = subprocess.run([antiword, "-m", "UTF-8.txt", str(DOC)], capture_output=True, check=True).stdout
    assert "城镇新增就业1.2万人以上" in out.decode("utf-8")


def test_broken_ole_file_gets_antiwords_reason(antiword):
    with pytest.raises(InputError) as exc:
        read_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000), name="broken.doc")
    assert exc.value.problem.startswith("antiword cannot read this .doc (")
    assert "input.doc" not in exc.value.problem and "\n" not in exc.value.problem


def test_missing_antiword_is_one_clear_line(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: no antiword on the path
    with pytest.raises(InputError) as exc:
        read_document(DOC)
    assert exc.value.problem == "reading .doc needs antiword (Debian: apt-get install antiword)"
    assert str(exc.value) == f"{DOC}: reading .doc needs antiword (Debian: apt-get install antiword)"


def test_doc_that_is_a_docx():
    d = docx.Document()
    d.add_paragraph("新建城市公园5个。")
    buf = io.BytesIO()
    d.save(buf)
    assert read_bytes(buf.getvalue(), name="renamed.doc").text == "新建城市公园5个。"


def test_doc_that_is_word_html():
    html = "<html><head><title>2024年工作要点</title></head><body><h1>2024年工作要点</h1>"
    html += "<p>新建城市公园5个，城镇新增就业1.2万人以上，全面完成年度各项目标任务。</p></body></html>"
    doc = read_bytes(html.encode("gbk"), name="web.doc")
    assert "新建城市公园5个" in doc.text


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"{\\rtf1\\ansi hello}", "this .doc is an RTF file, which duban does not read; save it as .docx"),
        (b"MIME-Version: 1.0\nContent-Type: multipart/related", "this .doc is a web archive (MHT), which duban "
         "does not read; save it as .docx"),
        (b"just words, not a Word file", "not a valid .doc (not a Word 97–2003 document)"),
    ],
    ids=["rtf", "mht", "text"],
)
def test_not_a_word_file(data, problem):
    with pytest.raises(InputError) as exc:
        read_bytes(data, name="odd.doc")
    assert exc.value.problem == problem


def test_plain_text_fallback_when_the_xml_is_unusable(antiword, monkeypatch):
    from duban.read import legacy

    monkeypatch.setattr(legacy, "_from_docbook", lambda xml: ("", None))
    lines = read_document(DOC).text.split("\n")
    # the same, except that list numbers are not rendered in antiword's text mode
    assert lines == [line.removeprefix("1.").removeprefix("2.") for line in PLAN]
