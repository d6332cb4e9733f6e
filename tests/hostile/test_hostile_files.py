"""Hostile files through `duban extract` (a child process, measured) and the read API: zip bombs, billion
laughs in every XML container, NUL and other control characters, a 100,000-deep HTML page. Each is refused
with one line (exit code 2) or read with its text intact — in bounded time and memory."""

from __future__ import annotations

import json

import pytest

from duban.errors import InputError
from duban.read import read_bytes
from hostile_inputs import (
    REPORT,
    bomb_docx,
    deep_html,
    docx_bytes,
    duban,
    laughs_doctype,
    laughs_docx,
    laughs_xlsx,
    many_members_docx,
    nul_text,
    ods_bytes,
    ods_content,
    ofd_bytes,
    xlsx_bytes,
)

MAX_MB = 400  # peak RSS of `duban extract` on any of these (≈100 MB of it is the interpreter and libraries)
MAX_SECONDS = 30


def refused(path, *needles: str):
    """`duban extract PATH` fails with one line naming the file and the problem, within the budgets."""
    run = duban("extract", str(path))
    lines = run.err.strip().splitlines()
    assert run.code == 2, (run.code, run.err[-2000:])
    assert len(lines) == 1 and lines[0].startswith("duban: ") and f" {path}: " in lines[0], run.err
    assert "Traceback" not in run.err
    for needle in needles:
        assert needle in lines[0]
    assert run.max_rss_mb < MAX_MB, run.max_rss_mb
    assert run.seconds < MAX_SECONDS, run.seconds
    return lines[0]


def test_zip_bomb_docx_is_refused_before_unpacking(tmp_path):
    path = bomb_docx(tmp_path / "bomb.docx", 260 * 1024 * 1024)  # 260 MB of XML in ~0.6 MB (1.1 GB: the same)
    assert path.stat().st_size < 1024 * 1024
    refused(path, "would unpack to", "zip bomb")


def test_zip_bomb_within_the_size_limit_but_packed_1000_to_1(tmp_path):
    path = bomb_docx(tmp_path / "dense.docx", 150 * 1024 * 1024)
    refused(path, "packs", "zip bomb")


def test_a_zip_of_too_many_members(tmp_path):
    path = tmp_path / "many.docx"
    path.write_bytes(many_members_docx(20_001))
    refused(path, "files; at most 20000")


@pytest.mark.parametrize("kind", ["docx", "docx-utf16", "xlsx", "ods", "ofd"])
def test_billion_laughs_in_every_xml_container(tmp_path, kind):
    data = {
        "docx": lambda: laughs_docx(),
        "docx-utf16": lambda: laughs_docx("utf-16-le"),
        "xlsx": laughs_xlsx,
        "ods": lambda: ods_bytes(ods_content(laughs_doctype("office:document-content"), "&lol9;")),
        "ofd": lambda: ofd_bytes(laughs_doctype("ofd:Page"), "&lol9;"),
    }[kind]()
    suffix = kind.split("-")[0]
    path = tmp_path / f"laughs.{suffix}"
    path.write_bytes(data)
    line = refused(path, "DTD", "entity declarations are refused")
    assert f"the .{suffix} has an XML part with a DTD" in line


@pytest.mark.parametrize("make, suffix", [(docx_bytes, "docx"), (xlsx_bytes, "xlsx"), (ods_bytes, "ods"),
                                          (ofd_bytes, "ofd")])
def test_the_same_containers_without_a_dtd_read(make, suffix):
    doc = read_bytes(make(), name=f"ok.{suffix}")
    assert "地区生产总值增长6%左右" in doc.text


def test_deep_html_is_refused_with_the_reason(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text(deep_html(100_000), encoding="utf-8")
    refused(path, "nests elements more than 255 levels deep", "refused rather than read in part")


def test_html_under_the_depth_limit_reads_all_its_text():
    doc = read_bytes(deep_html(200).encode(), name="nested.html")
    assert "新增就业岗位3000个以上" in doc.text and "地区生产总值增长6%左右" in doc.text


def test_nul_after_the_binary_sniff_is_refused(tmp_path):
    path = tmp_path / "nul.txt"
    data = nul_text(9000)
    path.write_bytes(data)
    line = refused(path, "looks like a binary file", "NUL byte at offset")
    offset = data.index(b"\x00")
    assert offset > 8192 and f"offset {offset}" in line


def test_control_characters_become_replacement_characters_one_for_one():
    raw = "某县2024年政府工作报告\n" + REPORT.replace("地区", "地\x01区") + "\x0b第二行\x0c第三行\x7f\x85尾\n"
    doc = read_bytes(raw.encode(), name="controls.txt")
    assert doc.text == raw.replace("\x01", "\ufffd").replace("\x7f", "\ufffd").translate(
        {0x0B: "\n", 0x0C: "\n", 0x85: "\n"})
    assert len(doc.text) == len(raw)  # one for one: offsets hold


@pytest.mark.parametrize("name, data", [
    ("cell.xlsx", "nul"),
    ("page.html", "<html><body><p>2024年工作目标：地区生产总值\x01增长6%左右。&#0;</p></body></html>".encode()),
])
def test_nul_and_controls_from_any_format_never_reach_the_text(name, data):
    if data == "nul":  # an xlsx string cell holding NUL, as the format escapes it: _x0000_
        import io

        import openpyxl

        book = openpyxl.Workbook()
        book.active.append(["目标任务", "地区生产总值_x0000_增长6%左右_x0001_"])
        buf = io.BytesIO()
        book.save(buf)
        data = buf.getvalue()
    doc = read_bytes(data, name=name)
    assert "增长6%左右" in doc.text
    assert not any(ch < " " and ch not in "\n\t" for ch in doc.text)


def test_extract_json_of_a_text_with_controls_round_trips(tmp_path):
    path = tmp_path / "controls.txt"
    path.write_bytes(("某县2024年政府工作报告\n" + REPORT + "\x1a\n").encode())
    run = duban("extract", str(path), "--json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["targets"] and all("\x1a" not in t["text"] for t in data["targets"])


def test_read_api_raises_input_error_not_library_errors():
    with pytest.raises(InputError, match="DTD"):
        read_bytes(laughs_docx(), name="x.docx")
