"""Where one target ends and the next begins, on phrasings met in real reports (docs/annotation.md)."""

from __future__ import annotations

import pytest

from duban.extract import extract
from duban.records import Document
from duban.segment import segment

ROWS = [
    # a clause of adverbs only (今年，) leads into the commitment after it
    ("今年，中央财政赤字预算拟安排1800亿元，比去年预算赤字减少650亿元。",
     ["今年，中央财政赤字预算拟安排1800亿元，比去年预算赤字减少650亿元"]),
    ("同时，进一步减少财政赤字和长期建设国债。", ["进一步减少财政赤字和长期建设国债"]),
]


def _targets(text: str) -> list[str]:
    ex = extract(Document(text=text, kind="work_plan", year=2024))
    for t in ex.targets:
        assert text[t.span[0]:t.span[1]] == t.text
    return [t.text for t in ex.targets]


@pytest.mark.parametrize(("text", "targets"), ROWS, ids=[r[0][:20] for r in ROWS])
def test_target_units(text, targets):
    assert _targets(text) == targets


@pytest.mark.parametrize("text", [
    "认真实施《\n行政许可法\n》，取消和调整一批行政审批项目。",
    "以细颗粒物（PM\n2.5\n）和可吸入颗粒物（PM\n10\n）治理为突破口，推进大气污染防治。",
    "今年广义货币M\n2\n预期增长13%左右。",
])
def test_line_breaks_inside_a_sentence_change_nothing(text):
    """Line breaks a web page's markup left inside a sentence (a book title, subscripts) give the same
    targets as the sentence without them, and no fragment such as 《 or 2 on its own."""
    assert [t.replace("\n", "") for t in _targets(text)] == _targets(text.replace("\n", ""))


def test_real_line_breaks_still_end_lines():
    """A heading, a page number or a figure on a line of its own after Chinese text stays apart."""
    text = "一、总体要求\n2024年工作的总体要求是稳中求进。\n发展\n2\n推进改革。"
    seg = segment(Document(text=text, kind="work_plan", year=2024))
    assert seg.sections and seg.sections[0].title.endswith("总体要求")
    assert [seg.text[slice(*s.span)] for s in seg.sentences if not s.is_heading][-3:] == ["发展", "2", "推进改革"]
