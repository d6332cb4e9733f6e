"""`duban ingest`: files or folders into the ledger — read, extract (in parallel across cores, or on a Dask
cluster), store (idempotently: the same content is one document), pair plans with the reports that answer
them, assess the pairs (in parallel) and store each run. A progress bar shows both phases; a summary ends.
`duban reassess`: every stored pair again, with this engine.

Every document and every run is stored in its own transaction, so a crash leaves no half document. A plan's
extraction is kept in the ledger (duban/extraction_cache.py), so assessing its pairs does not extract it again.
The unit of work (one file, one pair) is in batch.py; where it runs is a runner: batch.LocalRunner for
``--jobs`` (this process or a process pool), cluster.DaskRunner for ``--cluster``.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .assess import ENGINE
from .batch import FileDone, LocalRunner, PairDone
from .link.pairing import COMPLETION_KINDS, DocInfo, pairs
from .read import FORMATS
from .store import Database
from .store.batch import count_assessed_pairs, pairs_without_run
from .store.queries import dashboard, document_infos, run_exists
from .store.write import documents_by_sha256, fill_jurisdiction

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
    # per worker (host:pid): documents and pairs done, and the seconds spent inside them
    workers: dict[str, dict[str, float]] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"files": self.files, "added": len(self.added), "unchanged": len(self.unchanged),
                "failed": [{"path": p, "problem": e} for p, e in self.failed], "runs_added": self.runs_added,
                "runs_existing": self.runs_existing, "targets_added": self.targets_added,
                "statuses": self.statuses, "warnings": self.warnings,
                "workers": {w: {k: round(v, 3) for k, v in s.items()} for w, s in self.workers.items()}}

    def count(self, done: FileDone | PairDone) -> None:
        w = self.workers.setdefault(done.worker, {"documents": 0, "pairs": 0, "extract_s": 0.0, "assess_s": 0.0,
                                                  "busy_s": 0.0})
        if isinstance(done, FileDone):
            w["documents"] += 1
            w["extract_s"] += done.seconds
        else:
            w["pairs"] += 1
            w["assess_s"] += done.seconds
        w["busy_s"] += done.seconds


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


def _sha256(path: Path) -> str | None:
    try:
        h = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return None


def _runner(db: Database, actor: str, jobs: int | None, cluster: str | None, work: int):
    if cluster:
        from .cluster import DaskRunner

        return DaskRunner(cluster, db.url, actor)
    return LocalRunner(db, actor, jobs or os.cpu_count() or 1, work)


def ingest(paths: Iterable[str | os.PathLike], db: Database, *, jobs: int | None = None,
           explicit: list[tuple[str, str]] | None = None, progress=None, actor: str = "ingest",
           cluster: str | None = None) -> IngestReport:
    """Ingest files/folders. ``explicit``: (plan path, completion path) pairs to assess regardless of the
    automatic pairing. ``progress``: an object with ``phase(name, total)`` and ``advance()`` (or None).
    ``cluster``: a Dask scheduler (``tcp://host:8786``) or ``local:N`` to run on instead of ``jobs``
    processes of this machine (cluster.py)."""
    files = expand(paths)
    report = IngestReport(files=len(files))
    todo: list[str] = []
    id_of_path: dict[str, str] = {}
    digests = [_sha256(f) for f in files]
    with db.session() as session:  # which files are stored already: one query per 500 files
        stored = documents_by_sha256(session, [d for d in digests if d is not None])
    for f, digest in zip(files, digests, strict=True):
        if digest is not None and digest in stored:
            report.unchanged.append(str(f))
            id_of_path[str(f.resolve())] = stored[digest]
        else:
            todo.append(str(f))
    runner = _runner(db, actor, jobs, cluster, len(todo))
    try:
        if progress:
            progress.phase("读取与抽取 extract", len(todo))
        for done in runner.files(todo):
            if progress:
                progress.advance()
            report.count(done)
            if done.doc_id is None:
                report.failed.append((done.path, done.problem or "unknown problem"))
                continue
            id_of_path[str(Path(done.path).resolve())] = done.doc_id
            (report.added if done.created else report.unchanged).append(done.path)
            report.targets_added += done.targets
        _assess_all(db, runner, report, explicit or [], id_of_path, progress)
    finally:
        runner.close()
    if report.added or report.runs_added:
        with db.session() as session:
            dashboard(session)  # computed once now, not by the first visitor after the ingest
    return report


def _assess_all(db: Database, runner, report: IngestReport, explicit: list[tuple[str, str]],
                id_of_path: dict[str, str], progress) -> None:
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
    _run_pairs(runner, report, todo, progress, standalone)


def _run_pairs(runner, report: IngestReport, todo: list[tuple[str | None, str]], progress,
               standalone: set[str] | None = None) -> None:
    if progress:
        progress.phase("评估 assess", len(todo))
    for done in runner.pairs(todo):
        if progress:
            progress.advance()
        report.count(done)
        if done.problem is not None:
            if done.plan_id is not None or standalone is None or done.completion_id in standalone:
                report.warnings.append(f"assessing {done.completion_id} against {done.plan_id or '(its own rows)'}: "
                                       f"{done.problem}")
            continue
        if done.created:
            report.runs_added += 1
            for status, n in done.summary.items():
                report.statuses[status] = report.statuses.get(status, 0) + n
        else:
            report.runs_existing += 1


def reassess(db: Database, *, jobs: int | None = None, progress=None, actor: str = "reassess",
             cluster: str | None = None) -> IngestReport:
    """Assess again, with this engine (``ENGINE``), every stored pair that has no run of it yet (after an
    engine upgrade). Earlier runs are kept; re-running adds nothing."""
    with db.session() as session:
        todo = pairs_without_run(session, ENGINE)
        report = IngestReport()
        report.runs_existing = count_assessed_pairs(session) - len(todo)
    runner = _runner(db, actor, jobs, cluster, len(todo))
    try:
        _run_pairs(runner, report, todo, progress)
    finally:
        runner.close()
    if report.runs_added:
        with db.session() as session:
            dashboard(session)
    return report

