"""The multi-year, multi-place ledger the places tests read: the national work reports 2005–2015 (each
year's plan and, in the next year's report, its review) and the district's documents (plans 2022 and 2024,
the 2024 completion table, the five-year goals) with 慈溪市's 2021 report. Built once per test process (an
ingest of 16 reports takes a while) and copied for tests that write."""

from __future__ import annotations

import shutil
import tempfile
from functools import cache
from pathlib import Path

from corpus import CIXI_2021, COMPLETION_2024, FIVE_YEAR, NATIONAL, PLAN_2022, PLAN_2024

NATIONAL_YEARS = range(2005, 2016)
NATIONAL_FILES = [NATIONAL / f"gwr-national-{y}.txt" for y in NATIONAL_YEARS]
DISTRICT_FILES = [PLAN_2022, PLAN_2024, COMPLETION_2024, FIVE_YEAR, CIXI_2021]


@cache
def template() -> Path:
    """The ledger as a SQLite file (built on first use in this process)."""
    from duban.ingest import ingest
    from duban.store import Database

    folder = Path(tempfile.mkdtemp(prefix="duban-places-ledger-"))
    path = folder / "ledger.sqlite"
    db = Database(str(path))
    report = ingest([*NATIONAL_FILES, *DISTRICT_FILES], db, jobs=1)
    assert not report.failed, report.failed
    db.dispose()
    return path


def copy(folder: Path) -> Path:
    """A private copy of the ledger (for tests that correct or merge)."""
    target = folder / "ledger.sqlite"
    shutil.copyfile(template(), target)
    return target
