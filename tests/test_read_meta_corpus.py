"""Metadata of every bundled report: the national reports 1992–2015 (the 1990s ones write full-width and
letter-spaced digits and have no title line) and the five local samples.

The file name is hidden (``report.txt``), so years come from the text; titles come from the top of the
document or are built from what is known, never from a document the report quotes.
"""

from __future__ import annotations

import re

import pytest

from duban.read import read_bytes, read_document
from read_fixtures import LOCAL_SAMPLES, NATIONAL, S003

NATIONAL_FILES = sorted(NATIONAL.glob("gwr-national-*.txt"))


def test_the_national_reports_are_all_here():
    years = [int(re.search(r"(\d{4})", p.name).group(1)) for p in NATIONAL_FILES]
    assert years == [1992, 1993, 1994, 1995, *range(1997, 2002), *range(2005, 2016)]


@pytest.mark.parametrize("path", NATIONAL_FILES, ids=lambda p: p.stem[-4:])
def test_national_report_metadata_from_the_text(path):
    year = int(path.stem[-4:])
    doc = read_bytes(path.read_bytes(), name="report.txt")
    assert (doc.title, doc.jurisdiction, doc.year, doc.kind) == (
        f"{year}年国务院政府工作报告",
        "全国",
        year,
        "work_report",
    )


def test_a_quoted_document_is_not_the_title():
    doc = read_document(NATIONAL / "gwr-national-2001.txt")
    assert "中共中央关于制定" in doc.text[:400]  # quoted at the top, inside a 《…》 broken over lines
    assert doc.title == "2001年国务院政府工作报告"


@pytest.mark.parametrize("path", LOCAL_SAMPLES, ids=lambda p: p.name[:3])
def test_local_samples_have_a_title_that_is_not_the_file_name(path):
    doc = read_document(path)
    assert doc.title
    assert path.stem not in doc.title and not doc.title.endswith(".txt")


def test_five_year_goals_title():
    doc = read_document(S003)
    # the text names no year and no place (镇海 appears only bare): nothing to guess them from
    assert (doc.title, doc.jurisdiction, doc.year, doc.kind) == ("今后五年发展目标", None, None, "five_year")
