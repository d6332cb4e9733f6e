"""lang/firstchars.py: the characters a match can start or end with, never fewer than the pattern needs."""

from __future__ import annotations

import re

import pytest

from corpus import CIXI_2021, PLAN_2024
from duban.extract import clauses, metric
from duban.lang.firstchars import first_chars, last_chars
from duban.read import read_document


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"各位代表|同志们", "各同"),
    (r"(?:要|必须)?(?:坚持|始终)?把", "要必坚始把"),
    (r"^(?:其中|同比|确保[^0-9]*$)", "其同确"),
    (r"[一二三]{1,2}是|——\s*", "一二三—"),
    (r"(?<![一二])是(?!否)", "是"),
    (r"(?:十五|两百)*年", "十两年"),
    (r"\d+年", None),  # a category
    (r"[^，。]{0,3}是", None),  # a negated class
    (r"(?:要|将)?", None),  # the empty match
    (r"[\u4e00-\u9fff]{2}", None),  # a class too wide to list
])
def test_first_chars(pattern, expected):
    got = first_chars(re.compile(pattern))
    assert got == (None if expected is None else frozenset(expected))


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"(?:后|之后|以前|期间|的时候)$", "后前间候"),
    (r"方面(?:工作|任务)?$|以下$", "面作务下"),
    (r"^(?:今年)?计划(?:要求|安排)$", "求排"),
    (r"..(?:稳量提质|持续减少)$", "质少"),
    (r"(?:各位代表|同志们)[!！]?$", "表们!！"),
    (r"建成(?:通车|投用)?", None),  # not anchored at the end
    (r"建成$|开工", None),  # one branch is not
    (r"(?:建成)?$", None),  # the empty match
])
def test_last_chars(pattern, expected):
    got = last_chars(re.compile(pattern))
    assert got == (None if expected is None else frozenset(expected))


def _clauses() -> list[str]:
    out = []
    for path in (PLAN_2024, CIXI_2021):
        text = read_document(path).text
        for sentence in re.split(r"[。；！？\n]", text):
            out += [c for c in clauses.CLAUSE_SEP.split(sentence) if c]
    return out


@pytest.mark.parametrize("pattern", [clauses._BACK, clauses._INTRO, clauses._TAKES_AS, clauses._ENUMERATOR,
                                     clauses._RALLY, clauses._EXHORTATION, clauses._STATEMENT_OPENS,
                                     metric.QUALIFIED_CHANGE],
                         ids=["back", "intro", "takes_as", "enumerator", "rally", "exhortation", "statement_opens",
                              "qualified_change"])
def test_no_match_starts_outside_the_first_chars(pattern):
    first = first_chars(pattern)
    assert first is not None
    for clause in _clauses():
        if pattern.match(clause):
            assert clause[0] in first


@pytest.mark.parametrize("pattern", [clauses._LEAD_IN, clauses._META, clauses._DELIVERED_END, clauses._AIMED,
                                     clauses._TEMPORAL_END, clauses._VOCATIVE],
                         ids=["lead_in", "meta", "delivered_end", "aimed", "temporal_end", "vocative"])
def test_no_match_ends_outside_the_last_chars(pattern):
    last = last_chars(pattern)
    assert last is not None
    for clause in _clauses():
        for text in (clause, clause + "\n"):
            m = pattern.search(text)
            if m:
                assert text.rstrip("\n")[-1] in last
