"""`duban ingest`: files or folders into the ledger — read, extract (in parallel across cores), store
(idempotently: the same content is one document), pair plans with the reports that answer them,
assess the pairs (in parallel) and store each run. A progress bar shows both phases; a summary ends.

Every document and every run is stored in its own transaction, so a crash leaves no half document.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import IntegrityError, OperationalError

from .assess import ENGINE, assess
from .errors import DubanError
from .extract import extract
from .link.pairing import COMPLETION_KINDS, DocInfo, pairs
from .read import FORMATS, read_document
from .store import Database
from .store.queries import dashboard, document_infos, load_document, run_exists
from .store.write import document_exists, fill_jurisdiction, save_assessment, save_extraction

SUFFIXES = tuple(FORMATS)
# In a folder, files that describe the folder rather than report on targets.
_IGNORED = re.compile(r"^(?:README|LICENSE|LICENCE|CHANGELOG|NOTICE)(?:\.|$)", re.I)


@dataclass
class IngestReport:
    files: int = 0
    added: list[str] = field(default_factory=list)  # paths of new documents
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, problem)
    runs_added: int = 0
    runs_existing: int = 0
    targets_added: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"files": self.files, "added": len(self.added), "unchanged": len(self.unchanged),
                "failed": [{"path": p, "problem": e} for p, e in self.failed], "runs_added": self.runs_added,
                "runs_existing": self.runs_existing, "targets_added": self.targets_added,
                "statuses": self.statuses, "warnings": self.warnings}


def expand(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Files as given, and the readable files inside folders (recursively, sorted)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                          and not _IGNORED.match(f.name) and not any(part.startswith(".") for part in f.parts))
        else:
            out.append(p)
    return out


# Each worker process stores its own results through its own connection: the parent only hands out
# jobs and counts. (SQLite serialises the commits; the Python work around them runs in parallel.)
_WORKER: dict[str, object] = {}


def _init_worker(url: str, actor: str) -> None:
    _WORKER["db"] = Database(url, auto_migrate=False)
    _WORKER["actor"] = actor


def _with_retries(store: Callable[[], object]) -> object:
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


def _save_extraction(db: Database, ex, actor: str):
    with db.session() as session:
        row, created = save_extraction(session, ex, actor)
        return row.id, created


def _save_assessment(db: Database, result, actor: str) -> bool:
    with db.session() as session:
        return save_assessment(session, result, actor)[1]


def _store_file(path: str) -> tuple[str, str | None, bool, int, str | None]:
    """read → extract → store one file: (path, document id, created, targets, problem)."""
    db: Database = _WORKER["db"]  # type: ignore[assignment]
    try:
        ex = extract(read_document(path))
    except DubanError as exc:
        return path, None, False, 0, exc.problem
    except Exception as exc:  # one bad file must not stop the batch
        return path, None, False, 0, f"unexpected error while reading: {type(exc).__name__}: {exc}"
    try:
        doc_id, created = _with_retries(lambda: _save_extraction(db, ex, str(_WORKER["actor"])))
    except IntegrityError:  # the same content stored by another worker a moment ago
        return path, ex.document.id, False, 0, None
    return path, doc_id, created, len(ex.targets) if created else 0, None


def _assess_and_store(plan_id: str | None, completion_id: str) -> tuple[str | None, str, bool, dict, str | None]:
    """load → assess → store one pair: (plan id, completion id, created, summary, problem)."""
    db: Database = _WORKER["db"]  # type: ignore[assignment]
    try:
        with db.session() as session:
            plan = load_document(session, plan_id) if plan_id else None
            completion = load_document(session, completion_id)
        result = assess(plan, completion)
    except DubanError as exc:
        return plan_id, completion_id, False, {}, str(exc)
    except Exception as exc:
        return plan_id, completion_id, False, {}, f"unexpected error: {type(exc).__name__}: {exc}"
    try:
        created = bool(_with_retries(lambda: _save_assessment(db, result, str(_WORKER["actor"]))))
    except IntegrityError:  # stored by another worker a moment ago
        created = False
    return plan_id, completion_id, created, result.summary() if created else {}, None


def _sha256(path: Path) -> str | None:
    try:
        h = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return None


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
    pending = {executor.submit(fn, *args) for args in itertools.islice(todo, window)}
    while pending:
        done, pending = wait(pending, return_when=FIRST_COMPLETED)
        for fut in done:
            result = fut.result()
            for args in itertools.islice(todo, 1):
                pending.add(executor.submit(fn, *args))
            yield result
        del done


def ingest(paths: Iterable[str | os.PathLike], db: Database, *, jobs: int | None = None,
           explicit: list[tuple[str, str]] | None = None, progress=None, actor: str = "ingest") -> IngestReport:
    """Ingest files/folders. ``explicit``: (plan path, completion path) pairs to assess regardless of the
    automatic pairing. ``progress``: an object with ``phase(name, total)`` and ``advance()`` (or None)."""
    files = expand(paths)
    report = IngestReport(files=len(files))
    jobs = jobs or os.cpu_count() or 1
    todo: list[str] = []
    id_of_path: dict[str, str] = {}
    with db.session() as session:
        for f in files:
            digest = _sha256(f)
            if digest is not None and (row := document_exists(session, digest)) is not None:
                report.unchanged.append(str(f))
                id_of_path[str(f.resolve())] = row.id
            else:
                todo.append(str(f))
    if jobs > 1 and len(todo) > 1:
        executor: Executor = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                                                 initargs=(db.url, actor))
    else:
        executor = _Inline()
        _WORKER.update(db=db, actor=actor)
    with executor:
        if progress:
            progress.phase("读取与抽取 extract", len(todo))
        for path, doc_id, created, n_targets, problem in _results(executor, _store_file, ((p,) for p in todo),
                                                                  4 * jobs):
            if progress:
                progress.advance()
            if doc_id is None:
                report.failed.append((path, problem or "unknown problem"))
                continue
            id_of_path[str(Path(path).resolve())] = doc_id
            (report.added if created else report.unchanged).append(path)
            report.targets_added += n_targets
        _assess_all(db, executor, report, explicit or [], id_of_path, progress, 2 * jobs)
    if report.added or report.runs_added:
        with db.session() as session:
            dashboard(session)  # computed once now, not by the first visitor after the ingest
    return report


def _assess_all(db: Database, executor: Executor, report: IngestReport, explicit: list[tuple[str, str]],
                id_of_path: dict[str, str], progress, window: int) -> None:
    with db.session() as session:
        infos = [DocInfo(*row) for row in document_infos(session)]
        wanted: list[tuple[str | None, str]] = []
        for plan_path, comp_path in explicit:
            plan_id = id_of_path.get(str(Path(plan_path).resolve()))
            comp_id = id_of_path.get(str(Path(comp_path).resolve()))
            if plan_id and comp_id:
                wanted.append((plan_id, comp_id))
            else:
                report.warnings.append(f"pair {plan_path} → {comp_path}: one of the files was not ingested")
        explicit_completions = {c for _, c in wanted}
        wanted += [p for p in pairs(infos) if p[1] not in explicit_completions]
        place = {i.id: i.jurisdiction for i in infos}
        for plan_id, comp_id in wanted:  # a masked place (XX区) is the place of the report it pairs with
            if plan_id and bool(place.get(plan_id)) != bool(place.get(comp_id)):
                known, unknown = (plan_id, comp_id) if place.get(plan_id) else (comp_id, plan_id)
                fill_jurisdiction(session, unknown, place[known], known)
                place[unknown] = place[known]
        todo = []
        for plan_id, comp_id in dict.fromkeys(wanted):
            if run_exists(session, plan_id, comp_id, ENGINE):
                report.runs_existing += 1
            else:
                todo.append((plan_id, comp_id))
    standalone = {i.id for i in infos if i.kind in COMPLETION_KINDS}
    if progress:
        progress.phase("评估 assess", len(todo))
    for plan_id, comp_id, created, summary, problem in _results(executor, _assess_and_store, todo, window):
        if progress:
            progress.advance()
        if problem is not None:
            if plan_id is not None or comp_id in standalone:
                report.warnings.append(f"assessing {comp_id} against {plan_id or '(its own rows)'}: {problem}")
            continue
        if created:
            report.runs_added += 1
            for status, n in summary.items():
                report.statuses[status] = report.statuses.get(status, 0) + n
        else:
            report.runs_existing += 1
