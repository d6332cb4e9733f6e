"""Settings of the supervision work (docs/supervision.md §Configuration), from the environment:

DUBAN_LIGHT_TOLERANCE (5) — points either side of 序时进度 that still count as on track;
DUBAN_LIGHT_YELLOW (20) — points behind up to which a task is yellow (关注); further behind it is red (预警);
DUBAN_DUE_SOON_DAYS (30) — a deadline this close is named among the reasons;
DUBAN_REMIND_DAYS (3) — reminders go out this many days before a reporting date;
DUBAN_REPLY_DAYS (5) — a notice's reply is due this many days after it is issued (changeable per notice);
DUBAN_ATTACHMENT_MAX_BYTES (10 MB) — largest attachment; DUBAN_ATTACHMENTS_PER_REPORT (5);
DUBAN_SUPERVISION_OFFICE (区政府督查室) — who issues notices; DUBAN_NOTICE_PREFIX (督办) and DUBAN_URGE_PREFIX
(催办) — the number's prefix (督办〔2024〕3号);
DUBAN_TODAY (unset) — a fixed day for the supervision calendar (training ledgers, demos, tests): never set it
in production; DUBAN_BASE_URL — the address put in e-mails;
DUBAN_SMTP_HOST (unset: no e-mail), DUBAN_SMTP_PORT (25), DUBAN_SMTP_USER, DUBAN_SMTP_PASSWORD,
DUBAN_SMTP_FROM, DUBAN_SMTP_STARTTLS (0), DUBAN_SMTP_SSL (0), DUBAN_SMTP_TIMEOUT (10 s)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date

from ..errors import DubanError
from .lights import Thresholds


def _number(name: str, default: float, low: float, high: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise DubanError(f"{name}={raw!r} 不是数字") from None
    if not low <= value <= high:
        raise DubanError(f"{name}={raw} 超出范围（{low:g}–{high:g}）")
    return value


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def _day(name: str) -> date | None:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise DubanError(f"{name}={raw!r} 不是日期（YYYY-MM-DD）") from None


@dataclass
class Smtp:
    host: str | None = field(default_factory=lambda: os.environ.get("DUBAN_SMTP_HOST") or None)
    port: int = field(default_factory=lambda: int(_number("DUBAN_SMTP_PORT", 25, 1, 65535)))
    user: str | None = field(default_factory=lambda: os.environ.get("DUBAN_SMTP_USER") or None)
    password: str | None = field(default_factory=lambda: os.environ.get("DUBAN_SMTP_PASSWORD") or None)
    sender: str = field(default_factory=lambda: os.environ.get("DUBAN_SMTP_FROM") or "duban@localhost")
    starttls: bool = field(default_factory=lambda: _flag("DUBAN_SMTP_STARTTLS"))
    ssl: bool = field(default_factory=lambda: _flag("DUBAN_SMTP_SSL"))
    timeout: float = field(default_factory=lambda: _number("DUBAN_SMTP_TIMEOUT", 10, 1, 120))


@dataclass
class SupervisionSettings:
    tolerance: float = field(default_factory=lambda: _number("DUBAN_LIGHT_TOLERANCE", 5, 0, 50))
    yellow: float = field(default_factory=lambda: _number("DUBAN_LIGHT_YELLOW", 20, 0, 100))
    due_soon_days: int = field(default_factory=lambda: int(_number("DUBAN_DUE_SOON_DAYS", 30, 0, 366)))
    remind_days: int = field(default_factory=lambda: int(_number("DUBAN_REMIND_DAYS", 3, 0, 60)))
    reply_days: int = field(default_factory=lambda: int(_number("DUBAN_REPLY_DAYS", 5, 1, 90)))
    attachment_max_bytes: int = field(default_factory=lambda: int(_number(
        "DUBAN_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024, 1024, 100 * 1024 * 1024)))
    attachments_per_report: int = field(default_factory=lambda: int(_number("DUBAN_ATTACHMENTS_PER_REPORT", 5, 0, 20)))
    office: str = field(default_factory=lambda: os.environ.get("DUBAN_SUPERVISION_OFFICE") or "区政府督查室")
    notice_prefix: str = field(default_factory=lambda: os.environ.get("DUBAN_NOTICE_PREFIX") or "督办")
    urge_prefix: str = field(default_factory=lambda: os.environ.get("DUBAN_URGE_PREFIX") or "催办")
    fixed_today: date | None = field(default_factory=lambda: _day("DUBAN_TODAY"))
    base_url: str = field(default_factory=lambda: (os.environ.get("DUBAN_BASE_URL") or "").rstrip("/"))
    smtp: Smtp = field(default_factory=Smtp)

    @property
    def thresholds(self) -> Thresholds:
        return Thresholds(self.tolerance, self.yellow, self.due_soon_days)

    def today(self) -> date:
        from .calendar import today

        return today(self.fixed_today)
