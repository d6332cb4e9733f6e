"""Ingest at scale: a plan's extraction kept in the ledger and reused by assessment (the same result as
`duban assess` on the files), `duban reassess`, and pool workers that end with their parent. The Dask
cluster path is in test_cluster.py."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select, update

from corpus import COMPLETION_2024, NATIONAL, PLAN_2022, PLAN_2024, SAMPLES
from duban import batch
from duban.assess import ENGINE, assess
from duban.assess.inputs import prepare
from duban.extract import extract, measurements_in, quantified_sentences
from duban.extraction_cache import cache_key, decode_measurements, decode_targets, encode_targets
from duban.ingest import ingest, reassess
from duban.read import read_document
from duban.segment import segment
from duban.store import Database
from duban.store.models import DocumentRow, ExtractionRow, RunRow

NARRATIVE = [NATIONAL / f"gwr-national-{y}.txt" for y in (2012, 2013, 2014)]


def test_stored_targets_are_the_extracted_ones():
    for path in [*sorted(SAMPLES.glob("*.txt")), *sorted(NATIONAL.glob("*.txt"))[-4:]]:
        doc = read_document(path)
        targets = extract(doc).targets
        payload = encode_targets(targets, doc.text, kind=doc.kind, year=doc.year)
        assert "pickle" not in payload and payload.startswith("{")  # JSON, never code
        assert decode_targets(payload, doc.text, kind=doc.kind, year=doc.year) == targets, path.name
        # extracted under another kind or year (a corrected document): not reused
        assert decode_targets(payload, doc.text, kind=doc.kind, year=(doc.year or 0) + 1) is None


@pytest.mark.parametrize("completion", [COMPLETION_2024, *NARRATIVE], ids=lambda p: p.name)
def test_kept_measurements_read_as_measurements_in(completion):
    """A completion's measurements kept at extraction give, span by span, what reading the sentences gives."""
    doc = read_document(completion)
    ex = extract(doc)
    seg = segment(doc)
    payload = encode_targets(ex.targets, doc.text, kind=doc.kind, year=doc.year, measurements=ex.measurements)
    kept = decode_measurements(payload, doc.text, kind=doc.kind, year=doc.year)
    # with the sentences that hold a figure kept too, sentences without kept measurements need no scan
    known = decode_measurements(encode_targets(ex.targets, doc.text, kind=doc.kind, year=doc.year,
                                               measurements=ex.measurements, quantified=quantified_sentences(seg)),
                                doc.text, kind=doc.kind, year=doc.year)
    assert kept is not None and known is not None
    assert decode_measurements(payload, doc.text, kind=doc.kind, year=(doc.year or 0) + 1) is None
    spans = [st.result_span for st in prepare(None if completion == COMPLETION_2024 else read_document(
        NATIONAL / f"gwr-national-{doc.year - 1}.txt"), doc).parsed.statements]
    assert spans
    fresh = segment(doc)  # (a segmentation whose figures were never scanned)
    for span in spans:
        assert kept.measurements_in(seg, [span]) == measurements_in(seg, [span]), span
        assert known.measurements_in(fresh, [span]) == measurements_in(seg, [span]), span
    whole = [(0, len(doc.text))]
    assert known.measurements_in(fresh, whole) == measurements_in(seg, whole)
    # a payload of targets only keeps no measurements: the sentences are read
    assert decode_measurements(encode_targets(ex.targets, doc.text, kind=doc.kind, year=doc.year), doc.text,
                               kind=doc.kind, year=doc.year) is None


def _summary_without_place(summary: dict | None) -> dict | None:
    # the ledger fills a masked place (XX区) from the paired report: the one stored difference
    return {k: v for k, v in summary.items() if k != "jurisdiction"} if summary else summary


def test_ingest_assesses_as_duban_assess_does(db_url, monkeypatch):
    db = Database(db_url)
    report = ingest([PLAN_2024, COMPLETION_2024, *NARRATIVE], db, jobs=1)
    assert not report.failed and report.runs_added == 3
    with db.session() as s:
        kept = set(s.scalars(select(ExtractionRow.document_id).where(ExtractionRow.engine == cache_key())))
        runs = [(r.id, r.plan_id, r.completion_id) for r in s.scalars(select(RunRow).order_by(RunRow.id))]
        path = {d.id: d.path for d in s.scalars(select(DocumentRow))}
    assert {plan for _, plan, _ in runs} <= kept  # every plan's extraction kept by the ingest

    def no_extract(*_a, **_k):
        raise AssertionError("the plan was extracted again")

    monkeypatch.setattr(batch, "extract", no_extract)
    assert {comp for _, _, comp in runs} <= kept  # the completions' measurements are kept too, for reuse
    for run_id, plan_id, comp_id in runs:
        fresh = assess(read_document(path[plan_id]), read_document(path[comp_id])).to_json()
        stored = batch.assess_stored(db, plan_id, comp_id).to_json()
        for side in ("plan", "completion"):
            assert _summary_without_place(stored.pop(side)) == _summary_without_place(fresh.pop(side))
        assert stored == fresh
        with db.session() as s:
            run = s.get(RunRow, run_id)
            assert [item.payload for item in run.items] == fresh["items"]
            assert run.summary == fresh["summary"] and run.summary_by_tier == fresh["summary_by_tier"]
    db.dispose()


def test_other_extraction_code_extracts_again(db_url, monkeypatch):
    db = Database(db_url)
    ingest([PLAN_2024, COMPLETION_2024], db, jobs=1)
    with db.session() as s:
        plan = s.scalar(select(DocumentRow).where(DocumentRow.kind == "work_plan"))
        comp_id = s.scalar(select(RunRow.completion_id))
        plan_id = plan.id
    calls = []
    real = batch.extract
    monkeypatch.setattr(batch, "extract", lambda doc, *a: calls.append(doc.id) or real(doc, *a))
    monkeypatch.setattr(batch, "cache_key", lambda: "duban-rules/0.2+000000000000")
    first = batch.assess_stored(db, plan_id, comp_id).to_json()
    assert calls == [plan_id]  # not under this key: extracted, and kept under it
    assert batch.assess_stored(db, plan_id, comp_id).to_json() == first and calls == [plan_id]
    with db.session() as s:
        keys = set(s.scalars(select(ExtractionRow.engine).where(ExtractionRow.document_id == plan_id)))
    assert keys == {cache_key(), "duban-rules/0.2+000000000000"}
    db.dispose()


def test_reassess_runs_every_stored_pair_with_the_new_engine(db_url):
    db = Database(db_url)
    first = ingest([PLAN_2024, COMPLETION_2024, *NARRATIVE], db, jobs=1)
    with db.session() as s:  # as if the runs were made by an earlier engine
        s.execute(update(RunRow).values(engine="duban-rules/0.1"))
        summaries = {(r.plan_id, r.completion_id): r.summary for r in s.scalars(select(RunRow))}
    report = reassess(db, jobs=1)
    assert report.runs_added == first.runs_added == 3 and report.runs_existing == 0 and not report.warnings
    with db.session() as s:
        new = s.scalars(select(RunRow).where(RunRow.engine == ENGINE)).all()
        assert {(r.plan_id, r.completion_id): r.summary for r in new} == summaries
        assert s.query(RunRow).count() == 6  # the earlier engine's runs are kept
    again = reassess(db, jobs=1)
    assert again.runs_added == 0 and again.runs_existing == 3
    db.dispose()


def _pids_below(pid: int) -> set[int]:
    out, todo = set(), [pid]
    while todo:
        p = todo.pop()
        for task in Path(f"/proc/{p}/task").glob("*"):
            try:
                kids = {int(x) for x in (task / "children").read_text().split()}
            except (OSError, ValueError):
                continue
            todo += list(kids - out)
            out |= kids
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("how", [("--jobs", "2"), ("--cluster", "local:2")], ids=["jobs", "cluster"])
def test_workers_end_when_ingest_is_killed(tmp_path, how):
    if how[0] == "--cluster":
        pytest.importorskip("distributed")
    folder = tmp_path / "reports"
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in (PLAN_2022, PLAN_2024, COMPLETION_2024)]
    for n in range(60):  # distinct contents, so every file is work for a worker
        (folder / f"r{n:03}.txt").write_text(texts[n % 3] + f"\n（附注 {n}）\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "duban", "ingest", str(folder), *how, "--json",
           "--db", f"sqlite:///{tmp_path / 'ledger.sqlite'}"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
            workers = _pids_below(proc.pid)
        assert len(workers) >= 2, "the ingest started no worker processes"
        time.sleep(1.0)  # at work
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        deadline = time.monotonic() + 10
        while any(_alive(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [p for p in workers if _alive(p)], "worker processes outlived the killed ingest"
    finally:  # whatever happened, nothing this test started is left running
        for pid in [proc.pid, *workers]:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
