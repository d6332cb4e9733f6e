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
