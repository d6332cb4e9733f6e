"""The qualitative verdict of one target part from its evidence sentences (assess/judge.py), table-driven."""

from __future__ import annotations

import pytest

from duban.assess import judge

CASES = [
    # target, evidence, expected
    ("建成投用西大河公园二期", ["2024年6月西大河公园二期建成投用"], "done"),
    ("加快公共卫生服务中心建设", ["项目已完成中间结构验收及市优质结构验收", "已完成95%精装修工程"], "in_progress"),
    ("新建区体育馆", ["已完成85.5%的主体工程"], "in_progress"),
    ("强化一体化智能化公共数据平台建设",
     ["完成对6个镇(街道)、5家区属国有企业信息化项目的专项排摸调研"], "activity_only"),
    ("出台人才新政实施细则", ["人才新政实施细则已于6月印发"], "done"),
    ("完成老旧小区改造", ["老旧小区改造正在加快推进"], "in_progress"),
    ("建设智慧养老平台", [], "no_evidence"),
    ("提升基层治理能力", ["开展网格员培训200场次"], "activity_only"),
]


@pytest.mark.parametrize(("target", "evidence", "expected"), CASES)
def test_qualitative(target: str, evidence: list[str], expected: str) -> None:
    assert judge.qualitative(target, evidence) == expected


@pytest.mark.parametrize(("text", "share"), [("已完成95%精装修工程", True), ("完成全年任务的60%", True),
                                            ("完成100%", False), ("完成投资12亿元", False)])
def test_partial_share(text: str, share: bool) -> None:
    assert (judge._PARTIAL.search(text) is not None) is share
