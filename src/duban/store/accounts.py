"""Reviewers and their reviews. Passwords are hashed with Argon2 (argon2-cffi). A review never changes
the machine's verdict: it is added beside it, and the newest review is what the ledger shows.

Each Argon2 hash takes 64 MiB for ~0.1 s, so at most :data:`HASH_CONCURRENCY` run at once in a process
(a semaphore): 40 sign-ins at the same moment queue instead of taking 2.5 GB. A new password and a
disabled account end every session of the user (:mod:`duban.store.sessions`)."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import DubanError
from ..records import STATUSES
from .models import AuditRow, ReviewRow, TargetRow, UserRow
from .sessions import end_user_sessions

_hasher = PasswordHasher()
USERNAME = re.compile(r"^[A-Za-z0-9_.\-\u4e00-\u9fff]{2,64}$")
REVIEW_STATUSES = tuple(s for s in STATUSES if s != "unassessed")
MIN_PASSWORD = 8
MAX_PASSWORD = 1024  # longer ones are refused before hashing
HASH_CONCURRENCY = 2  # Argon2 hashes at once per process
HASH_WAIT = 60.0  # seconds a hash may wait for its turn before HasherBusy
_hashing = threading.BoundedSemaphore(HASH_CONCURRENCY)


class HasherBusy(DubanError):
    """Too many password hashes waiting: try again shortly."""


@contextmanager
def _hash_slot() -> Iterator[None]:
    if not _hashing.acquire(timeout=HASH_WAIT):
        raise HasherBusy("too many sign-ins at once; try again in a minute")
    try:
        yield
    finally:
        _hashing.release()


def _hash(password: str) -> str:
    with _hash_slot():
        return _hasher.hash(password)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise DubanError(f"the password must have at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD or "\x00" in password:
        raise DubanError(f"the password must have at most {MAX_PASSWORD} characters and no NUL")


def _user(session: Session, username: str) -> UserRow:
    user = session.scalar(select(UserRow).where(UserRow.username == username))
    if user is None:
        raise DubanError(f"no user {username!r}")
    return user


def add_user(session: Session, username: str, password: str, display_name: str | None = None,
             role: str = "supervisor", units: list[str] | None = None) -> UserRow:
    """A new account. ``role``: admin, supervisor (督查室; the default) or unit (a unit reporter, bound to
    ``units`` — names or aliases of units already in the ledger): docs/supervision.md."""
    if not USERNAME.match(username):
        raise DubanError(f"invalid user name {username!r}: 2–64 letters, digits, Chinese characters, _ . -")
    _check_password(password)
    if session.scalar(select(UserRow).where(UserRow.username == username)) is not None:
        raise DubanError(f"user {username!r} exists already")
    from .models_supervision import UserUnitRow
    from .supervision import check_role

    unit_ids = check_role(session, role, list(units or []))
    user = UserRow(username=username, password_hash=_hash(password), display_name=display_name, role=role)
    session.add(user)
    session.add(AuditRow(actor="cli", action="user_add", subject=f"user:{username}",
                         detail={"role": role, "units": list(units or [])}))
    session.flush()
    for unit_id in unit_ids:
        session.add(UserUnitRow(user_id=user.id, unit_id=unit_id))
    session.flush()
    return user


def set_password(session: Session, username: str, password: str) -> int:
    """Set the password and end every session of the user; returns how many sessions were live."""
    user = _user(session, username)
    _check_password(password)
    user.password_hash = _hash(password)
    session.add(AuditRow(actor="cli", action="password", subject=f"user:{username}", detail={}))
    return end_user_sessions(session, user, "cli", "password")


def set_active(session: Session, username: str, active: bool) -> int:
    """Enable or disable an account; disabling ends its sessions (returns how many were live)."""
    user = _user(session, username)
    user.active = active
    session.add(AuditRow(actor="cli", action="user_enable" if active else "user_disable",
                         subject=f"user:{username}", detail={}))
    return 0 if active else end_user_sessions(session, user, "cli", "disabled")


def authenticate(session: Session, username: str, password: str) -> UserRow | None:
    """The active user with this name and password, else None (the same Argon2 work either way).
    :class:`HasherBusy` when too many hashes are waiting."""
    if not username or not password or len(password) > MAX_PASSWORD or len(username) > 64:
        return None
    user = session.scalar(select(UserRow).where(UserRow.username == username, UserRow.active.is_(True)))
    if user is None:
        _hash(password)  # same work either way: no user-name oracle by timing
        return None
    try:
        with _hash_slot():
            _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hash(password)
    return user


def list_users(session: Session) -> list[UserRow]:
    return list(session.scalars(select(UserRow).order_by(UserRow.username)))


def add_review(session: Session, target_id: int, user: UserRow, status: str, comment: str = "") -> ReviewRow:
    if status not in REVIEW_STATUSES:
        raise DubanError(f"unknown status {status!r} (one of {', '.join(REVIEW_STATUSES)})")
    target = session.get(TargetRow, target_id)
    if target is None:
        raise DubanError(f"no target {target_id}")
    review = ReviewRow(target_id=target_id, user_id=user.id, status=status, comment=comment.strip()[:4000],
                       machine_status=target.machine_status)
    session.add(review)
    target.review_status = status
    target.status = status
    session.add(AuditRow(actor=user.username, action="review", subject=f"target:{target_id}",
                         detail={"status": status, "machine_status": target.machine_status}))
    session.flush()
    return review


def reviews_of(session: Session, target_id: int) -> list[ReviewRow]:
    return list(session.scalars(
        select(ReviewRow).where(ReviewRow.target_id == target_id).order_by(ReviewRow.created_at.desc(),
                                                                           ReviewRow.id.desc())))
