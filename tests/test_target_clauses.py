"""Which clauses of a plan sentence become targets (extract/clauses.py), one phrasing per row: a list item's
short label stays with the clause it names; a statement of significance takes its subject with it."""

from __future__ import annotations

import pytest

from duban.extract import extract
from duban.read import read_bytes


def _targets(sentence: str) -> list[str]:
    doc = read_bytes(("2021年工作安排\n" + sentence + "\n").encode(), name="plan.txt")
    return [t.text for t in extract(doc).targets]


@pytest.mark.parametrize(("sentence", "expected"), [
    # 一是创新引领，…: the label leads into its clause (one target, not two)
    ("一是创新引领，厚植创新链产业链融合新优势；二是双轮驱动，打造高质量有韧性产业新体系。",
     ["创新引领，厚植创新链产业链融合新优势", "双轮驱动，打造高质量有韧性产业新体系"]),
    # a long first clause is no label
    ("一是加快建设科创走廊，新增高新技术企业70家。", ["加快建设科创走廊", "新增高新技术企业70家"]),
    # the significance of what the clauses before it name: no target at all
    ("做好今年政府工作，具有特殊重要的意义。", []),
    ("实施好这些重大专项，对于整合有限的科技资源，具有重大的现实意义和深远的战略意义。", []),
    # a commitment before it in the sentence is kept
    ("新建学校5所，这对于扩大教育供给有着重要作用。", ["新建学校5所"]),
])
def test_targets_of_a_sentence(sentence: str, expected: list[str]) -> None:
    assert _targets(sentence) == expected
