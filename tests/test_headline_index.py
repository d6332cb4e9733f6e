"""Segmented.headline_holds / headline_overlaps: bisected, they answer as a scan of every headline passage."""

from __future__ import annotations

import pytest

from corpus import CIXI_2021, NATIONAL, PLAN_2024
from duban.extract.tiers import headline_spans
from duban.read import read_document
from duban.segment import segment


@pytest.mark.parametrize("spans", [
    [],
    [(10, 20)],
    [(10, 20), (15, 18), (30, 30), (40, 50)],  # nested, empty, apart
    [(40, 50), (10, 20), (12, 60)],  # unsorted, overlapping
])
@pytest.mark.parametrize("path", [PLAN_2024], ids=lambda p: p.name)
def test_index_answers_as_a_scan(path, spans):
    seg = segment(read_document(path))
    seg.headline = spans
    for pos in range(0, 70):
        assert seg.headline_holds(pos) == any(a <= pos < b for a, b in spans)
        for end in range(pos, 70, 7):
            assert seg.headline_overlaps(pos, end) == any(pos < b and a < end for a, b in spans)


@pytest.mark.parametrize("path", [CIXI_2021, NATIONAL / "gwr-national-2013.txt", NATIONAL / "gwr-national-1995.txt"],
                         ids=lambda p: p.name)
def test_index_of_a_report(path):
    seg = segment(read_document(path))
    seg.headline = headline_spans(seg)
    assert seg.headline
    for sent in seg.sentences:
        s, e = sent.span
        assert seg.headline_holds(s) == any(a <= s < b for a, b in seg.headline)
        assert seg.headline_overlaps(s, e) == any(s < b and a < e for a, b in seg.headline)
    seg.headline = [*seg.headline, (0, 1)]  # a new list: the index is made again
    assert seg.headline_holds(0)
