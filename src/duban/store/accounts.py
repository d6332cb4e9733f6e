"""Reviewers and their reviews. Passwords are hashed with Argon2 (argon2-cffi). A review never changes
the machine's verdict: it is added beside it, and the newest review is what the ledger shows."""

from __future__ import annotations

import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import DubanError
from ..records import STATUSES
from .models import AuditRow, ReviewRow, TargetRow, UserRow

_hasher = PasswordHasher()
USERNAME = re.compile(r"^[A-Za-z0-9_.\-\u4e00-\u9fff]{2,64}$")
REVIEW_STATUSES = tuple(s for s in STATUSES if s != "unassessed")
MIN_PASSWORD = 8


def add_user(session: Session, username: str, password: str, display_name: str | None = None) -> UserRow:
    if not USERNAME.match(username):
        raise DubanError(f"invalid user name {username!r}: 2–64 letters, digits, Chinese characters, _ . -")
    if len(password) < MIN_PASSWORD:
        raise DubanError(f"the password must have at least {MIN_PASSWORD} characters")
    if session.scalar(select(UserRow).where(UserRow.username == username)) is not None:
        raise DubanError(f"user {username!r} exists already")
    user = UserRow(username=username, password_hash=_hasher.hash(password), display_name=display_name)
    session.add(user)
    session.add(AuditRow(actor="cli", action="user_add", subject=f"user:{username}", detail={}))
    session.flush()
    return user


def set_password(session: Session, username: str, password: str) -> None:
    user = session.scalar(select(UserRow).where(UserRow.username == username))
    if user is None:
        raise DubanError(f"no user {username!r}")
    if len(password) < MIN_PASSWORD:
        raise DubanError(f"the password must have at least {MIN_PASSWORD} characters")
    user.password_hash = _hasher.hash(password)
    session.add(AuditRow(actor="cli", action="password", subject=f"user:{username}", detail={}))


def authenticate(session: Session, username: str, password: str) -> UserRow | None:
    user = session.scalar(select(UserRow).where(UserRow.username == username, UserRow.active.is_(True)))
    if user is None:
        _hasher.hash(password)  # same work either way: no user-name oracle by timing
        return None
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
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
