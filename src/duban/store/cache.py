"""Results that change only when the ledger changes (the dashboard, the facets), remembered per data
version. Every change to the ledger — a document, an assessment run, a review, an account — writes an
audit row, so the newest audit row identifies the data: while it stays the same, so do these results.
The version includes the row's timestamp, so a database rebuilt under the same URL never matches.
Sign-in records (``store.sessions.SESSION_ACTIONS``) are audit rows too but not data: they are skipped,
so a stream of failed sign-ins does not empty the cache."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from .models import AuditRow
from .sessions import SESSION_ACTIONS

T = TypeVar("T")
_MAX_ENTRIES = 4096  # many small results; document pages (HTML and JSON) of a large ledger are kept too
_MAX_WEIGHT = 64 << 20  # rendered pages are remembered too: bound their size (characters) as well
_entries: OrderedDict[tuple, tuple[object, int]] = OrderedDict()
_weight = 0
_lock = threading.Lock()
_running: dict[tuple, threading.Event] = {}  # keys being computed now
_WAIT_S = 60.0  # a waiting request computes the result itself after this long


_VERSION_KEY = "duban.data_version"


def data_version(session: Session) -> tuple:
    """The newest audit row (and the database), looked up once per session until it writes: a page that
    remembers several results asks once."""
    version = session.info.get(_VERSION_KEY)
    if version is None:
        bind = session.get_bind()
        newest = session.execute(select(AuditRow.id, AuditRow.at).where(AuditRow.action.not_in(SESSION_ACTIONS))
                                 .order_by(AuditRow.id.desc()).limit(1)).first()
        version = (bind.url.render_as_string(hide_password=True), *(tuple(newest) if newest else (0, None)))
        session.info[_VERSION_KEY] = version
    return version


@event.listens_for(Session, "after_flush")
@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget_version(session: Session, *_args) -> None:
    session.info.pop(_VERSION_KEY, None)


def remember(session: Session, name: str, args: tuple, compute: Callable[[], T],
             weight: Callable[[T], int] | None = None) -> T:
    """``compute()``, or its result from an earlier call on the same data. ``weight(value)``: its size
    (e.g. the length of a rendered page) counted against the cache's size bound; 1 when not given.
    One computation per key at a time: a request that finds the same result being computed (eight clients
    opening the dashboard of a server just started, or just after a change) waits for it instead of
    computing it again; if that computation fails or its result is too big to keep, it computes its own."""
    global _weight
    key = (data_version(session), name, args)
    with _lock:
        if key in _entries:
            _entries.move_to_end(key)
            return _entries[key][0]  # type: ignore[return-value]
        running = _running.get(key)
        if running is None:
            running = _running[key] = threading.Event()
            mine = True
        else:
            mine = False
    if not mine:
        running.wait(_WAIT_S)
        with _lock:
            if key in _entries:
                _entries.move_to_end(key)
                return _entries[key][0]  # type: ignore[return-value]
        return compute()
    try:
        value = compute()
        size = max(1, weight(value)) if weight else 1
        if size <= _MAX_WEIGHT // 4:  # else too big to keep
            with _lock:
                if key in _entries:
                    _weight -= _entries.pop(key)[1]
                _entries[key] = (value, size)
                _weight += size
                while len(_entries) > _MAX_ENTRIES or _weight > _MAX_WEIGHT:
                    _weight -= _entries.popitem(last=False)[1][1]
    finally:
        with _lock:
            _running.pop(key, None)
        running.set()
    return value


def clear() -> None:
    global _weight
    with _lock:
        _entries.clear()
        _weight = 0
