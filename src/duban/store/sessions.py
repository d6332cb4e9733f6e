"""Signed-in sessions kept in the database, and the sign-in throttle.

A session is a random token in the signed cookie and a ``sessions`` row keyed by the token's SHA-256
(a copy of the database gives no usable cookie). A request is signed in while its row is not revoked,
its user is active and it was seen within the idle limit; ``last_seen_at`` is written at most every
five minutes. Signing out revokes the row; a new password and a disabled account revoke every row of
the user — a cookie kept from before stops working at once, in every server process.

Failed sign-ins are audit rows (``login_failed``: actor = the client's address, subject = the account
name tried). An account with :data:`ACCOUNT_FAILURES` failures since its last success within
:data:`WINDOW`, or an address with :data:`ADDRESS_FAILURES` failures within it, must wait until the
oldest of them leaves the window. The counts live in the database, so every server process sees them.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from .models import AuditRow, SessionRow, UserRow, now

WINDOW = timedelta(minutes=15)
ACCOUNT_FAILURES = 5  # per account name, since its last successful sign-in
ADDRESS_FAILURES = 20  # per client address (an office behind one NAT address has several reviewers)
TOUCH_EVERY = timedelta(minutes=5)
KEEP_ENDED = timedelta(days=1)  # ended sessions are deleted when their user next signs in
# audit actions that record sign-ins, not ledger data: they do not change the data version (store.cache)
SESSION_ACTIONS = ("login", "login_failed", "logout", "sessions_ended")


def _key(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def _subject(username: str) -> str:
    return f"user:{username}"[:64]


def start_session(db: Session, user: UserRow, address: str | None) -> str:
    """A new session for ``user``; returns the token for the cookie."""
    token = secrets.token_urlsafe(32)
    cutoff = now() - KEEP_ENDED
    for old in db.scalars(select(SessionRow).where(SessionRow.user_id == user.id, (
            (SessionRow.revoked_at.is_not(None) & (SessionRow.revoked_at < cutoff))
            | (SessionRow.last_seen_at < cutoff)))):
        db.delete(old)
    db.add(SessionRow(id=_key(token), user_id=user.id, address=(address or "")[:64] or None))
    db.add(AuditRow(actor=user.username, action="login", subject=_subject(user.username),
                    detail={"address": address}))
    return token


def session_user(db: Session, token: object, idle: timedelta) -> UserRow | None:
    """The active user of a live session (None for an unknown, revoked or idle one)."""
    if not isinstance(token, str) or not 20 <= len(token) <= 128:
        return None
    row = db.execute(select(SessionRow, UserRow).join(UserRow, SessionRow.user_id == UserRow.id)
                     .where(SessionRow.id == _key(token))).first()
    if row is None:
        return None
    record, user = row
    moment = now()
    if record.revoked_at is not None or not user.active or record.last_seen_at < moment - idle:
        return None
    if moment - record.last_seen_at > TOUCH_EVERY:
        record.last_seen_at = moment
    return user


def end_session(db: Session, token: object, actor: str) -> None:
    """Sign one session out (its cookie, and every copy of it, stops working)."""
    if isinstance(token, str) and token:
        db.execute(update(SessionRow).where(SessionRow.id == _key(token), SessionRow.revoked_at.is_(None))
                   .values(revoked_at=now()))
        db.add(AuditRow(actor=actor, action="logout", subject=_subject(actor), detail={}))


def end_user_sessions(db: Session, user: UserRow, actor: str, reason: str) -> int:
    """Sign ``user`` out everywhere; returns how many sessions were live."""
    count = db.execute(update(SessionRow).where(SessionRow.user_id == user.id, SessionRow.revoked_at.is_(None))
                       .values(revoked_at=now())).rowcount or 0
    db.add(AuditRow(actor=actor, action="sessions_ended", subject=_subject(user.username),
                    detail={"reason": reason, "sessions": count}))
    return count


def record_failure(db: Session, username: str, address: str | None) -> None:
    db.add(AuditRow(actor=(address or "unknown")[:64], action="login_failed", subject=_subject(username),
                    detail={"address": address}))


def _wait(times: list[datetime], limit: int, moment: datetime) -> float:
    """Seconds until fewer than ``limit`` of ``times`` (newest first) are inside the window."""
    if len(times) < limit:
        return 0.0
    return max(1.0, (times[limit - 1] + WINDOW - moment).total_seconds())


def login_wait(db: Session, username: str, address: str | None) -> float:
    """How many seconds a sign-in as ``username`` from ``address`` must wait (0: it may try now)."""
    moment = now()
    since = moment - WINDOW
    subject = _subject(username)
    success = db.scalar(select(func.max(AuditRow.at)).where(AuditRow.action == "login", AuditRow.subject == subject,
                                                            AuditRow.at > since))
    recent = select(AuditRow.at).where(AuditRow.action == "login_failed", AuditRow.at > (success or since))
    account = list(db.scalars(recent.where(AuditRow.subject == subject).order_by(AuditRow.at.desc())
                              .limit(ACCOUNT_FAILURES)))
    by_address = list(db.scalars(select(AuditRow.at).where(
        AuditRow.action == "login_failed", AuditRow.at > since, AuditRow.actor == (address or "unknown")[:64])
        .order_by(AuditRow.at.desc()).limit(ADDRESS_FAILURES)))
    return max(_wait(account, ACCOUNT_FAILURES, moment), _wait(by_address, ADDRESS_FAILURES, moment))
