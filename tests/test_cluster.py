"""`duban ingest --cluster` / `duban reassess --cluster` on a 2-worker Dask LocalCluster of worker *processes*
(processes=True, one thread each, as `--cluster local:2` starts it), on SQLite and PostgreSQL: the same
runs as `duban assess`, failures reported without stopping the run, re-runs idempotent, a killed worker's
tasks done again elsewhere."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select, update

from corpus import COMPLETION_2024, NATIONAL, PLAN_2022, PLAN_2024
from duban.assess import ENGINE, assess
from duban.cluster import QUIET
from duban.ingest import ingest, reassess
from duban.read import read_document
from duban.store import Database
from duban.store.models import DocumentRow, RunRow

distributed = pytest.importorskip("distributed")

NARRATIVE = [NATIONAL / f"gwr-national-{y}.txt" for y in (2012, 2013, 2014)]


@pytest.fixture(scope="module")
def cluster():
    """One LocalCluster for the module's tests, reached by its address as a remote one would be."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, silence_logs=logging.ERROR, **QUIET) as lc:
        yield lc.scheduler_address


def _fresh_summaries(db: Database) -> dict:
    with db.session() as s:
        path = {d.id: d.path for d in s.scalars(select(DocumentRow))}
        runs = s.scalars(select(RunRow)).all()
        return {(r.plan_id, r.completion_id): (r.summary, assess(read_document(path[r.plan_id]),
                                                                  read_document(path[r.completion_id])).summary())
                for r in runs}


def test_cluster_ingest_stores_what_duban_assess_finds(db_url, cluster, tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    db = Database(db_url)
    report = ingest([PLAN_2024, COMPLETION_2024, *NARRATIVE, bad], db, cluster=cluster)
    assert report.failed == [(str(bad), "the file is empty")]  # reported; the run went on
    assert len(report.added) == 5 and report.runs_added == 3 and not report.warnings
    assert sum(w["documents"] for w in report.workers.values()) == 6  # per worker: what it did and for how long
    for stored, fresh in _fresh_summaries(db).values():
        assert stored == fresh
    again = ingest([PLAN_2024, COMPLETION_2024, *NARRATIVE], db, cluster=cluster)  # idempotent
    assert again.added == [] and len(again.unchanged) == 5 and again.runs_added == 0 and again.runs_existing == 3
    with db.session() as s:
        s.execute(update(RunRow).values(engine="duban-rules/0.1"))  # as if an earlier engine made them
    redo = reassess(db, cluster=cluster)
    assert redo.runs_added == 3 and not redo.warnings
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(RunRow).where(RunRow.engine == ENGINE)) == 3
    db.dispose()


def test_local_cluster_spec_starts_its_own_workers(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'ledger.sqlite'}")
    report = ingest([PLAN_2024, COMPLETION_2024], db, cluster="local:2")
    assert len(report.added) == 2 and report.runs_added == 1
    db.dispose()


def test_a_killed_workers_tasks_are_done_again(db_url, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in (PLAN_2022, PLAN_2024, COMPLETION_2024)]
    for n in range(24):  # distinct contents: 24 documents of work
        (folder / f"r{n:03}.txt").write_text(texts[n % 3] + f"\n（附注 {n}）\n", encoding="utf-8")
    db = Database(db_url)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, silence_logs=logging.CRITICAL, **QUIET) as lc, \
            distributed.Client(lc) as client:
        victim = next(iter(client.run(os.getpid).values()))

        class KillOnFirstResult:
            killed = False

            def phase(self, name, total):
                pass

            def advance(self):
                if not self.killed:  # tasks are queued on both workers now
                    os.kill(victim, signal.SIGKILL)
                    self.killed = True

        progress = KillOnFirstResult()
        report = ingest([folder], db, cluster=lc.scheduler_address, progress=progress)
    assert progress.killed
    # (a document the killed worker had stored before it died is found stored when its task is done again: it
    # counts as unchanged, not added — under load this happens now and then; either way it is stored once)
    assert not report.failed and len(report.added) + len(report.unchanged) == 24 and len(report.added) >= 22
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(DocumentRow)) == 24
    db.dispose()


def test_cluster_without_dask_is_one_line(tmp_path):
    code = ("import sys; sys.modules['distributed'] = None; from duban.cli import main; "
            f"sys.argv = ['duban', 'ingest', {str(PLAN_2024)!r}, '--db', {str(tmp_path / 'l.sqlite')!r}, "
            "'--cluster', 'local:2']; main()")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "duban: error: --cluster needs Dask distributed, which is not installed: pip install -e '.[cluster]'"]


class _Future:
    def __init__(self, key, outcome):
        self.key, self.outcome, self.released = key, outcome, False

    def result(self):
        if isinstance(self.outcome, BaseException):
            raise self.outcome
        return self.outcome

    def release(self):
        self.released = True


@pytest.mark.parametrize(("first", "expected"), [
    (RuntimeError("<asyncio.locks.Event> is bound to a different event loop"), "done r1"),  # run again once
    (distributed.KilledWorker("task", SimpleNamespace(address="tcp://w"), 3), "failed r1"),  # retries spent
])
def test_a_task_lost_to_the_client_is_run_again_once(first, expected):
    """A future that fails in the client while a worker dies (not the task's own error: tasks report those as
    results) is submitted once more; a task whose workers kept dying is reported failed."""
    from duban.cluster import DaskRunner

    runner = DaskRunner.__new__(DaskRunner)
    runner.window, runner._killed = 4, distributed.KilledWorker
    submitted: list[str] = []

    class Queue:
        def __init__(self):
            self.items = []

        def add(self, fut):
            self.items.append(fut)

        def __next__(self):
            return self.items.pop(0)

    runner._as_completed = Queue

    def submit(job):
        submitted.append(job)
        outcome = first if submitted.count(job) == 1 else f"done {job}"
        return _Future(f"{job}-{len(submitted)}", outcome)

    results = list(runner._run(submit, ["r1"], lambda job, problem: f"failed {job}"))
    assert results == [expected]
    assert submitted == (["r1", "r1"] if expected.startswith("done") else ["r1"])
