"""Keeping the overview ready: with 100,000 targets the dashboard (its counts, its lists with their evidence,
its page and its JSON) takes a few hundred milliseconds of CPU to compute, and the first visitor after the
server starts, or after the ledger changes, would wait for it (seconds when eight clients share two cores).

``Warmer`` computes it in a background thread of each server process when the process starts and again
whenever the data version (``store.cache.data_version``: the newest audit row) changes — asked every
``interval`` seconds, one small indexed query. What it computes goes into the same per-data-version cache the
requests read, under the same keys, so a request sees exactly what it would have computed itself; a request
that arrives while the warmer is computing waits for that computation (``store.cache.remember`` computes a
key once at a time) instead of repeating it. Results of an older data version are never served: the key
contains the version. ``duban serve`` turns it on (``Settings.warm``); the tests call ``warm_once``."""

from __future__ import annotations

import logging
import threading

from fastapi import FastAPI

from ..store import queries
from ..store.cache import data_version, remember
from ..store.dashboard import filter_key
from ..store.queries import LedgerQuery
from . import views
from .guard import SafeJSONResponse

log = logging.getLogger("duban.web")


def warm_once(app: FastAPI) -> tuple:
    """Compute what the unfiltered dashboard (``/`` and ``/api/dashboard``) and the filter lists show, for
    the current data; returns the data version it was computed for."""
    from .pages import dashboard_body

    with app.state.database.session() as db:
        version = data_version(db)
        filters = LedgerQuery()
        data = views.dashboard(db, filters)
        dashboard_body(app.state.templates.env, db, filters, data)
        remember(db, "json:dashboard", filter_key(filters), lambda: SafeJSONResponse(data).body, len)
        queries.facets(db)
    return version


class Warmer:
    """A daemon thread running ``warm_once`` at start and after every change of the data version."""

    def __init__(self, app: FastAPI, interval: float = 5.0) -> None:
        self.app = app
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="duban-warm", daemon=True)
        self.version: tuple | None = None

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _current(self) -> tuple:
        with self.app.state.database.session() as db:
            return data_version(db)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                if self.version is None or self._current() != self.version:
                    self.version = warm_once(self.app)
            except Exception:  # a failed warm-up only means the next visitor computes the page
                log.exception("warming the dashboard failed")
            self._stop.wait(self.interval)
