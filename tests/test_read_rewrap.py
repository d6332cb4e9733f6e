"""Text hard-wrapped at a fixed width is put back into paragraphs; other text is left as decoded."""

from __future__ import annotations

import pytest

from corpus import NATIONAL, PLAN_2022, SAMPLES
from duban.read import read_bytes
from duban.read.rewrap import rewrap, wrap_width


def _wrap(text: str, width: int) -> str:
    out = []
    for line in text.splitlines():
        line = line.strip()
        while len(line) > width:
            out.append(line[:width])
            line = line[width:]
        out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("width", [24, 38, 52])
def test_hard_wrapped_plan_reads_as_its_paragraphs(width):
    original = "\n".join(line.strip() for line in PLAN_2022.read_text(encoding="utf-8").splitlines())
    rewrapped = rewrap(_wrap(original, width))
    kept = [p for p in original.splitlines() if len(p) > width]
    # a paragraph whose last line is exactly full joins the next one (no way to tell): all others come back whole
    assert sum(p in rewrapped.splitlines() for p in kept) >= 0.8 * len(kept)
    assert "城镇登记失业率控制在3.5%以内" in rewrapped


def test_files_that_are_not_wrapped_are_unchanged():
    for path in [*SAMPLES.glob("*.txt"), *NATIONAL.glob("*.txt")]:
        text = path.read_text(encoding="utf-8")
        assert wrap_width(text.split("\n")) is None, path.name
        assert rewrap(text) == text


def test_paragraph_openings_are_not_joined():
    body = ("地区生产总值增长百分之六以上一般公共预算收入增长百分之五城镇新增就业一点二万人\n" * 6).strip().split("\n")
    text = "\n".join(line[:20] for line in body)  # all lines full width
    lines = [*text.split("\n"), "一、扩大有效投资", "（一）推进重点项目建设"]
    assert rewrap("\n".join(lines)).endswith("\n一、扩大有效投资\n（一）推进重点项目建设")


def test_reader_rewraps_text_files():
    sentence = "城镇调查失业率控制在5.5%左右，新增城镇就业1.2万人以上，居民人均可支配收入增长与经济增长同步。"
    text = _wrap(sentence * 8, 30)
    doc = read_bytes(text.encode("utf-8"), name="wrapped.txt")
    assert doc.text.count("城镇调查失业率控制在5.5%左右") == 8  # no figure or name is cut by a line break


SHORT_WRAPPED = """2024年某县政府工作报告
一、2023年工作回顾
2023年，全县地区生产总值增长5.2%，居民消费价格
上涨2.0%，城镇调查失业率5.1%，一般公共预算收入
增长6.3%，规模以上工业增加值增长7.8%，社会消费
品零售总额增长6.9%。
"""


def test_a_short_file_wrapped_at_one_width_is_rewrapped() -> None:
    """Three of its four long lines at one width, ending mid-sentence: 居民消费价格⏎上涨2.0% is one clause again."""
    assert "居民消费价格上涨2.0%" in rewrap(SHORT_WRAPPED)
    assert "社会消费品零售总额" in rewrap(SHORT_WRAPPED)


def test_a_short_file_of_whole_sentences_is_left_alone() -> None:
    text = ("某县工作要点\n一、新增城镇就业1.2万人以上。\n二、建成投用县第二人民医院新院区。\n"
            "三、完成老旧小区改造20个。\n")
    assert rewrap(text) == text


def test_table_rows_are_never_rewrapped() -> None:
    """A short progress table whose rows happen to share a length (编号 | 目标任务 | 完成情况 |) stays a table."""
    text = ("2024年1-11月重点任务完成情况\n编号 | 目标任务 | 完成情况 |\n1 | 三季度完成70% | 氢能车45辆 |\n"
            "2 | 二季度完成45% | 光伏装机1万千瓦 |\n")
    assert rewrap(text) == text
