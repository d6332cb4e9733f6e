"""The work of a batch, one unit at a time, wherever it runs (this process, a process pool of ``--jobs``, a
Dask worker): store one file (read → extract → store, with the plan extraction kept for reuse), and assess
one stored pair (load → assess with the kept extraction → store the run). Each unit is one transaction and
returns a small picklable result; a problem with one file or pair is returned, never raised.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from itertools import islice

from sqlalchemy.exc import IntegrityError, OperationalError

from .errors import DubanError
from .extract import extract, quantified_sentences
from .extraction_cache import cache_key, decode_measurements, decode_targets, encode_targets
from .link.pairing import COMPLETION_KINDS, PLAN_KINDS
from .read import read_bytes, read_document
from .segment import segment
from .store import Database
from .store.batch import load_extraction, load_extractions, save_extraction_payload
from .store.queries import load_document
from .store.write import save_assessment, save_extraction


@dataclass(slots=True)
class FileDone:
    path: str
    doc_id: str | None  # None: the file failed (problem says why)
    created: bool
    targets: int
    problem: str | None
    worker: str = ""
    seconds: float = 0.0


@dataclass(slots=True)
class PairDone:
    plan_id: str | None
    completion_id: str
    created: bool
    summary: dict
    problem: str | None
    worker: str = ""
    seconds: float = 0.0


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def with_retries(store: Callable[[], object]) -> object:
    """Run one store transaction, again when SQLite reports the database busy or locked (another
    worker was writing): the failed transaction rolled back, so trying again is safe."""
    for attempt in range(10):
        try:
            return store()
        except OperationalError as exc:
            if attempt == 9 or not any(w in str(exc).lower() for w in ("locked", "busy")):
                raise
            time.sleep(0.05 * 2 ** min(attempt, 5))
    raise AssertionError("unreachable")


# CPython collects reference cycles every 700 allocations net (a full collection every 100 of those, walking
# every object of the process: the metric vocabulary, the caches, SQLAlchemy's metadata). A document's
# extraction and a pair's assessment allocate hundreds of thousands of short-lived records and rows that
# reference counting frees; at the default thresholds the collector took ≈ 15–20 % of an ingest's CPU
# (docs/benchmarks.md), at these ≈ 3 %, with the same peak memory. Set in the processes that do the work.
GC_THRESHOLDS = (5000, 10, 10)


def tune_gc() -> tuple[int, int, int]:
    """Collect cycles less often in a process that does batch work; returns the thresholds it had."""
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    return before


# kinds a pair may assess as the completion document (link/pairing.py): their measurements are kept too
_ASSESSED_KINDS = (*COMPLETION_KINDS, "work_report")


def _payload(doc, targets, measurements=None, quantified=None) -> str:
    return encode_targets(targets, doc.text, kind=doc.kind, year=doc.year, measurements=measurements,
                          quantified=quantified)


def store_file(db: Database, actor: str, path: str, data: bytes | None = None) -> FileDone:
    """read (``data``: the file's bytes, sent by a client that has the file) → extract → store one file,
    with its targets kept for reuse when it may be a plan."""
    t0 = time.perf_counter()

    def done(doc_id: str | None, created: bool = False, targets: int = 0, problem: str | None = None) -> FileDone:
        return FileDone(path, doc_id, created, targets, problem, worker_name(), time.perf_counter() - t0)

    try:
        doc = read_bytes(data, name=path) if data is not None else read_document(path)
        seg = segment(doc)
        ex = extract(doc, seg)
        payload = None
        if doc.kind in _ASSESSED_KINDS:
            payload = _payload(doc, ex.targets, ex.measurements, quantified_sentences(seg))
        elif doc.kind in PLAN_KINDS:
            payload = _payload(doc, ex.targets)
    except DubanError as exc:
        return done(None, problem=exc.problem)
    except Exception as exc:  # one bad file must not stop the batch
        return done(None, problem=f"unexpected error while reading: {type(exc).__name__}: {exc}")

    def save() -> tuple[str, bool]:
        with db.session() as session:
            kept = (cache_key(), payload) if payload is not None else None
            row, created = save_extraction(session, ex, actor, kept)  # (kept with a new document)
            if payload is not None and not created:
                save_extraction_payload(session, row.id, cache_key(), payload)
            return row.id, created

    try:
        doc_id, created = with_retries(save)  # type: ignore[misc]
    except IntegrityError:  # the same content stored by another worker a moment ago
        return done(ex.document.id)
    return done(doc_id, created, len(ex.targets) if created else 0)


_UNREAD = object()


def plan_targets(db: Database, plan, payload: object = _UNREAD) -> list:
    """The plan's targets: kept in the ledger under this engine and code, else extracted now (and kept).
    ``payload``: the plan's kept payload when the caller read it already (None: there is none)."""
    key = cache_key()
    if payload is _UNREAD:
        with db.session() as session:
            payload = load_extraction(session, plan.id, key)
    assert payload is None or isinstance(payload, str)
    targets = decode_targets(payload, plan.text, kind=plan.kind, year=plan.year) if payload else None
    if targets is None:
        targets = extract(plan).targets

        def keep() -> None:
            with db.session() as session:
                save_extraction_payload(session, plan.id, key, _payload(plan, targets))

        with contextlib.suppress(IntegrityError):  # kept by another worker a moment ago
            with_retries(keep)
    return targets


def assess_stored(db: Database, plan_id: str | None, completion_id: str):
    """Assess a stored pair as ``duban assess`` would assess the files (same texts, the plan's kept
    extraction and the completion's kept measurements instead of new ones)."""
    from .assess import assess

    key = cache_key()
    with db.session() as session:  # both documents and their kept extractions, in one transaction
        plan = load_document(session, plan_id) if plan_id else None
        completion = load_document(session, completion_id)
        kept = load_extractions(session, [d for d in (plan_id, completion_id) if d], key)
    if completion is None or (plan_id and plan is None):
        raise DubanError(f"document {completion_id if completion is None else plan_id} is not in the ledger")
    payload = kept.get(completion_id)
    measured = (decode_measurements(payload, completion.text, kind=completion.kind, year=completion.year)
                if payload else None)
    targets = plan_targets(db, plan, kept.get(plan.id)) if plan is not None else None
    return assess(plan, completion, plan_targets=targets, kept=measured)


def assess_pair(db: Database, actor: str, plan_id: str | None, completion_id: str) -> PairDone:
    """load → assess → store one pair."""
    t0 = time.perf_counter()

    def done(created: bool = False, summary: dict | None = None, problem: str | None = None) -> PairDone:
        return PairDone(plan_id, completion_id, created, summary or {}, problem, worker_name(),
                        time.perf_counter() - t0)

    try:
        result = assess_stored(db, plan_id, completion_id)
    except DubanError as exc:
        return done(problem=str(exc))
    except Exception as exc:
        return done(problem=f"unexpected error: {type(exc).__name__}: {exc}")

    def save() -> bool:
        with db.session() as session:
            return save_assessment(session, result, actor)[1]

    try:
        created = bool(with_retries(save))
    except IntegrityError:  # stored by another worker a moment ago
        created = False
    return done(created, result.summary() if created else None)


# ---- a process pool (--jobs N) or this process -------------------------------------------------

# Each worker process stores its own results through its own connection: the parent only hands out
# jobs and counts. (SQLite serialises the commits; the Python work around them runs in parallel.)
_WORKER: dict[str, object] = {}


def end_with_parent(parent: int) -> None:
    """A pool worker ends when the process that started it does, however it ends (kill -9 included):
    Linux sends it SIGTERM when its parent dies (PR_SET_PDEATHSIG), and a watchdog thread checks the
    parent every second elsewhere (and covers a parent that died before the signal was armed)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG = 1
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=watch, name="duban-parent-watchdog", daemon=True).start()


def _init_worker(url: str, actor: str, parent: int) -> None:
    end_with_parent(parent)
    tune_gc()
    _WORKER["db"] = Database(url, auto_migrate=False)
    _WORKER["actor"] = actor


def _pool_store_file(path: str) -> FileDone:
    return store_file(_WORKER["db"], str(_WORKER["actor"]), path)  # type: ignore[arg-type]


def _pool_assess_pair(plan_id: str | None, completion_id: str) -> PairDone:
    return assess_pair(_WORKER["db"], str(_WORKER["actor"]), plan_id, completion_id)  # type: ignore[arg-type]


class _Inline(Executor):
    """Runs jobs in this process (``--jobs 1``): same interface as a process pool."""

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[override]
        fut: Future = Future()
        fut.set_result(fn(*args, **kwargs))
        return fut


def _results(executor: Executor, fn: Callable, jobs: Iterable[tuple], window: int) -> Iterator:
    """Run ``fn(*args)`` for every job with at most ``window`` in flight, yielding results as they
    finish. Jobs are drawn lazily and finished futures are dropped, so memory stays flat however many
    documents there are."""
    todo = iter(jobs)
    pending = {executor.submit(fn, *args) for args in islice(todo, window)}
    while pending:
        done, pending = wait(pending, return_when=FIRST_COMPLETED)
        for fut in done:
            result = fut.result()
            for args in islice(todo, 1):
                pending.add(executor.submit(fn, *args))
            yield result
        del done


class LocalRunner:
    """``--jobs N``: N worker processes on this machine (or this process when N is 1 or there is at most
    one job), each writing to the ledger itself."""

    def __init__(self, db: Database, actor: str, jobs: int, work: int) -> None:
        self.jobs = jobs
        self._gc: tuple[int, int, int] | None = None
        if jobs > 1 and work > 1:
            self.executor: Executor = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                                                          initargs=(db.url, actor, os.getpid()))
        else:
            self.executor = _Inline()
            self._gc = tune_gc()  # (this process: as it was again at close)
            _WORKER.update(db=db, actor=actor)

    def files(self, paths: Iterable[str]) -> Iterator[FileDone]:
        return _results(self.executor, _pool_store_file, ((p,) for p in paths), 4 * self.jobs)

    def pairs(self, pairs: Iterable[tuple[str | None, str]]) -> Iterator[PairDone]:
        return _results(self.executor, _pool_assess_pair, pairs, 2 * self.jobs)

    def close(self) -> None:
        self.executor.shutdown()
        if self._gc is not None:
            gc.set_threshold(*self._gc)
