"""`duban ingest --cluster` / `duban reassess --cluster`: the same units of work (batch.py) on the workers of
a Dask distributed cluster — ``tcp://HOST:8786`` (a running ``dask scheduler`` with ``dask worker``s on any
number of machines) or ``local:N`` (a LocalCluster of N single-threaded worker processes on this machine).

* The client (this process) reads each file's bytes and sends them with the task, so workers need no
  shared file system; it keeps a bounded window of tasks in flight, so memory stays flat.
* Workers write to the ledger themselves, each document and each run in its own transaction, through one
  connection pool per worker process — PostgreSQL takes concurrent writers, and a writer in the client
  would be the bottleneck of a large cluster (≈ 500 rows a document) and would pull every row through
  the scheduler. Only a small summary comes back.
* A file or pair that fails is reported and the run goes on. A task whose worker dies (killed, out of
  memory, machine lost) is run again on another worker by the scheduler (up to
  ``distributed.scheduler.allowed-failures`` times, default 3; then it is reported as failed). A future that
  fails in the client for another reason while workers die (an asyncio event of another loop, seen under load)
  is submitted once more. Storing is
  idempotent (a document is its content hash; a run is unique per pair and engine), so a task run twice,
  or a whole batch run again, adds nothing twice.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable, Iterator
from contextlib import suppress
from itertools import islice
from typing import Any
from urllib.parse import urlsplit

from .batch import FileDone, PairDone, assess_pair, store_file, tune_gc
from .errors import DubanError
from .store import Database

MISSING = "--cluster needs Dask distributed, which is not installed: pip install -e '.[cluster]'"
_LOOPBACK = ("127.", "localhost", "::1", "[::1]")
# no dashboard, and the scheduler's small HTTP endpoint (health, metrics) on a free loopback port, not 8787
QUIET = {"scheduler_kwargs": {"dashboard_address": "127.0.0.1:0"}}

# ---- on the workers ------------------------------------------------------------------------------

_DATABASES: dict[str, Database] = {}
_LOCK = threading.Lock()


def _database(url: str) -> Database:
    """One engine (connection pool) per worker process and ledger, made on first use."""
    with _LOCK:
        if url not in _DATABASES:
            if not _DATABASES:
                tune_gc()  # a worker process doing duban's work (batch.py)
            _DATABASES[url] = Database(url, auto_migrate=False)
        return _DATABASES[url]


def task_store_file(url: str, actor: str, path: str, data: bytes | None) -> FileDone:
    return store_file(_database(url), actor, path, data)


def task_assess_pair(url: str, actor: str, plan_id: str | None, completion_id: str) -> PairDone:
    return assess_pair(_database(url), actor, plan_id, completion_id)


def _engine() -> str:
    """The engine version and extraction code this process runs (cached extractions and runs are keyed
    by them, so client and workers must agree)."""
    from .extraction_cache import cache_key

    return cache_key()


# ---- in the client ------------------------------------------------------------------------------

def _distributed():
    try:
        import distributed
    except ImportError:
        raise DubanError(MISSING) from None
    return distributed


def _read_bytes(path: str) -> tuple[bytes | None, str | None]:
    """The file's bytes for a worker, or the problem the reader would report (too large, unreadable)."""
    from .read import max_bytes_limit, read_document

    limit = max_bytes_limit(None)
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
        if len(data) <= limit:
            return data, None
    except OSError:
        pass
    try:  # the reader's own one-line message for what went wrong
        read_document(path)
    except DubanError as exc:
        return None, exc.problem
    except Exception as exc:
        return None, f"cannot read the file: {type(exc).__name__}: {exc}"
    return None, "cannot read the file"


class DaskRunner:
    """Runs files and pairs on a Dask cluster (see the module's description)."""

    def __init__(self, spec: str, url: str, actor: str) -> None:
        distributed = _distributed()
        self.url, self.actor, self.cluster = url, actor, None
        if spec == "local" or spec.startswith("local:"):
            n = spec.partition(":")[2]
            if (n and not n.isdigit()) or n == "0":
                raise DubanError(f"--cluster {spec}: write local:N (N worker processes), or tcp://HOST:8786")
            self.cluster = distributed.LocalCluster(
                n_workers=int(n or os.cpu_count() or 1), threads_per_worker=1, processes=True, host="127.0.0.1",
                dashboard_address=None, silence_logs=logging.CRITICAL, **QUIET)
            address = self.cluster.scheduler_address
        elif "://" in spec or ":" in spec:
            spec = spec if "://" in spec else f"tcp://{spec}"
            host = urlsplit(spec).hostname or ""
            if url.startswith("sqlite") and not host.startswith(_LOOPBACK):
                raise DubanError(f"--cluster {spec}: workers on other machines cannot share a SQLite file; "
                                 "use PostgreSQL (--db postgresql://…)")
            address = spec
        else:
            raise DubanError(f"--cluster {spec}: write tcp://HOST:8786 (a Dask scheduler) or local:N")
        try:
            self.client = distributed.Client(address, timeout="30s")
            self.client.wait_for_workers(1, timeout=120)
        except Exception as exc:
            self.close()
            raise DubanError(f"--cluster {spec}: cannot reach the cluster: {type(exc).__name__}: {exc}") from None
        try:
            engines = set(self.client.run(_engine).values())
        except Exception as exc:  # a worker without duban
            self.close()
            raise DubanError(f"--cluster {spec}: the workers cannot run duban ({type(exc).__name__}: {exc}); "
                             "install the same duban on every machine") from None
        if engines != {_engine()}:
            self.close()
            raise DubanError(f"--cluster {spec}: the workers run {', '.join(sorted(engines))}, this machine "
                             f"{_engine()}; install the same duban on every machine")
        self.window = 4 * max(1, sum(self.client.nthreads().values()))
        self._as_completed = distributed.as_completed
        self._killed = distributed.KilledWorker

    def _run(self, submit, jobs: Iterable[Any], failed) -> Iterator:
        """Submit jobs with at most ``window`` in flight; yield each result as it comes. ``submit(job)``
        gives a future, or a result at once (a file the client cannot read); a task that could not be run
        (its workers kept dying, the cluster went away) yields ``failed(job, problem)``."""
        todo = iter(jobs)
        queue = self._as_completed()
        job_of: dict[str, Any] = {}
        ready: list = []
        resubmitted: set[int] = set()

        def enqueue(job) -> None:
            fut = submit(job)
            if isinstance(fut, FileDone | PairDone):
                ready.append(fut)
            else:
                job_of[fut.key] = job
                queue.add(fut)

        def fill(n: int) -> None:
            for job in islice(todo, n):
                enqueue(job)

        fill(self.window)
        while ready or job_of:
            if ready:
                fill(1)
                yield ready.pop(0)
                continue
            fut = next(queue)
            job = job_of.pop(fut.key)
            try:
                result = fut.result()
            except Exception as exc:  # KilledWorker after the allowed retries, a lost connection …
                if not isinstance(exc, self._killed) and id(job) not in resubmitted:
                    # the client's own hiccup while a worker died (an asyncio event of another loop, a dropped
                    # future): the task is idempotent (a stored document is found by its hash), so run it again
                    fut.release()
                    resubmitted.add(id(job))
                    enqueue(job)
                    continue
                result = failed(job, f"not done on the cluster: {type(exc).__name__}: {exc}")
            fut.release()
            fill(1)
            yield result

    def _submit(self, fn, *args):
        return self.client.submit(fn, self.url, self.actor, *args, pure=False, retries=2)

    def files(self, paths: Iterable[str]) -> Iterator[FileDone]:
        def submit(path: str):
            data, problem = _read_bytes(path)
            if data is None:
                return FileDone(path, None, False, 0, problem)
            return self._submit(task_store_file, path, data)

        return self._run(submit, paths, lambda path, problem: FileDone(path, None, False, 0, problem))

    def pairs(self, pairs: Iterable[tuple[str | None, str]]) -> Iterator[PairDone]:
        return self._run(lambda pair: self._submit(task_assess_pair, *pair), pairs,
                         lambda pair, problem: PairDone(pair[0], pair[1], False, {}, problem))

    def close(self) -> None:
        # the cluster's own log lines while it shuts down (heartbeats to a closed scheduler) are not news
        logging.getLogger("distributed").setLevel(logging.CRITICAL)
        with suppress(Exception):
            client = getattr(self, "client", None)
            if client is not None:
                client.close()
        if self.cluster is not None:
            with suppress(Exception):
                self.cluster.close()

