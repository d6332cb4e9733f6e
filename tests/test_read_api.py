"""read_document / read_bytes: dispatch, identity, decoding rules and every kind of bad input."""

from __future__ import annotations

import builtins
import hashlib
import random
import re
import time
import zipfile
from pathlib import Path

import pytest

from duban.errors import DubanError, InputError
from duban.read import DEFAULT_MAX_BYTES, READS, max_bytes_limit, read_bytes, read_document
from read_fixtures import FIXTURES, S002

TEXT = "宁波市镇海区人民政府2022年工作计划\n地区生产总值增长8%以上；一般公共预算收入增长6.5%。\n"
UNDECODABLE = re.compile(
    r"^cannot decode the text: not UTF-8, GBK/GB18030 or UTF-16 \(first bad byte at offset (\d+)\)$"
)


def problem(exc_info) -> str:
    return exc_info.value.problem


# --- dispatch and identity -------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".txt", ".TXT", ".text", ".md"])
def test_text_suffixes(tmp_path, suffix):
    path = tmp_path / f"plan{suffix}"
    path.write_bytes(TEXT.encode())
    doc = read_document(path)
    assert doc.source_format == "txt"
    assert doc.text == TEXT


@pytest.mark.parametrize("suffix", [".html", ".htm", ".shtml"])
def test_html_suffixes(tmp_path, suffix):
    path = tmp_path / f"page{suffix}"
    path.write_bytes((FIXTURES / "gov_plan_page.html").read_bytes())
    assert read_document(path).source_format == "html"


def test_read_document_and_read_bytes_agree(tmp_path):
    data = S002.read_bytes()
    from_disk = read_document(S002)
    from_memory = read_bytes(data, name=S002.name)
    assert from_memory.text == from_disk.text
    assert from_memory.chrome == from_disk.chrome
    assert from_memory.sha256 == from_disk.sha256 == hashlib.sha256(data).hexdigest()
    assert from_memory.path == S002.name


def test_fmt_overrides_the_name():
    data = (FIXTURES / "gov_plan_page.html").read_bytes()
    doc = read_bytes(data, name="upload", fmt="html")
    assert doc.source_format == "html"
    assert read_bytes(data, name="upload.bin", fmt=".HTM").source_format == "html"
    assert read_bytes(TEXT.encode(), name="x.html", fmt="txt").text == TEXT


def test_str_and_pathlike_paths(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode())
    assert read_document(str(path)).text == read_document(Path(path)).text


# --- decoding ----------------------------------------------------------------------------------


def test_line_endings_and_bom_only_are_changed():
    raw = "\ufeff  标题\r\n第一行\t尾部空格  \r第二行\u3000全角：ＧＤＰ增长６．５％\r\n\r\n"
    doc = read_bytes(raw.encode("utf-8"), name="x.txt")
    assert doc.text == "  标题\n第一行\t尾部空格  \n第二行\u3000全角：ＧＤＰ增长６．５％\n\n"
    assert doc.encoding == "utf-8-sig"


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "gb18030", "utf-16"])
def test_full_width_text_survives(encoding):
    text = "（一）ＧＤＰ增长６．５％左右，“十四五”规划；城镇登记失业率控制在３．５％以内。\n"
    assert read_bytes(text.encode(encoding), name="x.txt").text == text


def test_utf16_without_bom():
    doc = read_bytes(TEXT.encode("utf-16-le"), name="x.txt")
    assert (doc.text, doc.encoding) == (TEXT, "utf-16-le")


def test_big5_is_recognised():
    text = "臺北市政府工作報告：推動經濟發展，提升市民生活品質，落實各項施政計畫。\n" * 3
    doc = read_bytes(text.encode("big5"), name="x.txt")
    assert doc.text == text
    assert doc.encoding.startswith("big5")


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n\t\r\n ", "\u3000\u3000\n".encode(), b"\xef\xbb\xbf", b"\xff\xfe" + " \n".encode("utf-16-le")],
    ids=["zero-bytes", "ascii-space", "ideographic-space", "bom-only", "utf16-space"],
)
def test_empty(data):
    with pytest.raises(InputError) as exc:
        read_bytes(data, name="empty.txt")
    assert problem(exc) == "the file is empty"
    assert str(exc.value) == "empty.txt: the file is empty"


def test_empty_file_on_disk(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(InputError) as exc:
        read_document(path)
    assert problem(exc) == "the file is empty"
    assert exc.value.path == str(path)


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 4


def _zip_bytes() -> bytes:
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


@pytest.mark.parametrize(
    "data",
    [PNG, _zip_bytes(), b"\x7fELF\x02\x01\x01" + bytes(200), b"abc\x00def\x00" * 100, bytes(range(32)) * 20],
    ids=["png", "zip", "elf", "nul-bytes", "control-chars"],
)
def test_binary(data):
    with pytest.raises(InputError) as exc:
        read_bytes(data, name="renamed.txt")
    assert problem(exc) == "looks like a binary file, not text"


@pytest.mark.parametrize("suffix", [".xyz", ".rtf", ".pptx", ".et"])
def test_unsupported_suffix(tmp_path, suffix):
    path = tmp_path / f"file{suffix}"
    path.write_bytes(TEXT.encode())
    with pytest.raises(InputError) as exc:
        read_document(path)
    assert problem(exc) == f"unsupported file type '{suffix}' (duban reads {READS})"


def test_no_suffix_and_bad_fmt():
    with pytest.raises(InputError) as exc:
        read_bytes(TEXT.encode(), name="README")
    assert "unsupported file type" in problem(exc)
    with pytest.raises(InputError) as exc:
        read_bytes(TEXT.encode(), name="a.txt", fmt="pptx")
    assert problem(exc) == f"unsupported file type '.pptx' (duban reads {READS})"


def test_random_bytes_are_undecodable():
    rng = random.Random(7)
    data = bytes(rng.choice(range(0x80, 0x100)) for _ in range(4000))
    with pytest.raises(InputError) as exc:
        read_bytes(data, name="noise.txt")
    assert UNDECODABLE.match(problem(exc))


def test_mixed_encodings_are_undecodable_at_the_seam():
    head = "地区生产总值增长8%以上，一般公共预算收入增长6.5%。\n" * 20
    tail = "城乡居民人均可支配收入增速与市均同步，城镇登记失业率控制在3.5%以内。\n" * 20
    data = head.encode("utf-8") + tail.encode("gbk") + head.encode("utf-8")
    with pytest.raises(InputError) as exc:
        read_bytes(data, name="mixed.txt")
    m = UNDECODABLE.match(problem(exc))
    assert m and int(m.group(1)) == len(head.encode("utf-8"))


def test_gbk_with_a_bad_byte_reports_its_offset():
    good = ("城乡居民人均可支配收入增速与市均同步。\n" * 30).encode("gbk")
    data = good + b"\xff" + good
    with pytest.raises(InputError) as exc:
        read_bytes(data, name="broken.txt")
    m = UNDECODABLE.match(problem(exc))
    assert m and int(m.group(1)) == len(good)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError) as exc:
        read_document(tmp_path / "nope.txt")
    assert problem(exc) == "no such file"
    folder = tmp_path / "dir.txt"
    folder.mkdir()
    with pytest.raises(InputError) as exc:
        read_document(folder)
    assert problem(exc) == "is a directory, not a file"


# --- size ---------------------------------------------------------------------------------------


def test_50mb_file_fails_fast_without_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.write(TEXT.encode())
        f.truncate(50 * 1024 * 1024)  # sparse: no 50 MB actually written

    def no_open(*args, **kwargs):
        raise AssertionError("the file must not be opened")

    monkeypatch.delenv("DUBAN_MAX_BYTES", raising=False)
    monkeypatch.setattr(builtins, "open", no_open)
    started = time.perf_counter()
    try:
        with pytest.raises(InputError) as exc:
            read_document(path)
    finally:
        monkeypatch.undo()
    assert time.perf_counter() - started < 1.0
    assert problem(exc) == "file is 50.0 MB, larger than the 20 MB limit (set DUBAN_MAX_BYTES to raise it)"


def test_max_bytes_argument(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode())
    with pytest.raises(InputError) as exc:
        read_document(path, max_bytes=10)
    assert problem(exc).startswith("file is ")
    assert "larger than the 10 bytes limit" in problem(exc)
    assert read_document(path, max_bytes=10_000).text == TEXT
    with pytest.raises(InputError):
        read_bytes(TEXT.encode(), name="a.txt", max_bytes=10)


def test_env_var_sets_the_default(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode())
    monkeypatch.setenv("DUBAN_MAX_BYTES", "50")
    with pytest.raises(InputError):
        read_document(path)
    assert read_document(path, max_bytes=10_000).text == TEXT  # the argument wins
    monkeypatch.setenv("DUBAN_MAX_BYTES", "50MB")
    assert max_bytes_limit() == 50 * 1024 * 1024
    assert read_document(path).text == TEXT
    monkeypatch.setenv("DUBAN_MAX_BYTES", "lots")
    with pytest.raises(DubanError, match="DUBAN_MAX_BYTES"):
        max_bytes_limit()
    monkeypatch.delenv("DUBAN_MAX_BYTES")
    assert max_bytes_limit() == DEFAULT_MAX_BYTES == 20 * 1024 * 1024


def test_errors_are_one_line():
    bad_inputs = [
        (b"", "a.txt"),
        (PNG, "a.txt"),
        (b"\xff\xfe\xfd" * 50, "a.txt"),
        (b"not a zip", "a.docx"),
        (b"%PDF-1.7\n%%EOF", "a.pdf"),
        (TEXT.encode(), "a.odt"),
    ]
    for data, name in bad_inputs:
        with pytest.raises(InputError) as exc:
            read_bytes(data, name=name)
        assert "\n" not in str(exc.value)
        assert str(exc.value).startswith(f"{name}: ")
