"""Configuration from the environment (every setting also has a command-line option)."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field

from .supervise.config import SupervisionSettings


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() not in ("0", "false", "no", "off", "")


@dataclass
class Settings:
    """DUBAN_DATABASE_URL — SQLite path/URL or postgresql://… (default ./duban.sqlite);
    DUBAN_SECRET_KEY — signs session cookies (default: random per process, so sign-ins end on restart);
    DUBAN_PUBLIC — 1: anyone may browse read-only, 0: every page needs a sign-in (default 1);
    DUBAN_MAX_BYTES — largest input file (default 20 MB);
    DUBAN_WARM — 1: compute the dashboard in the background when the server starts and after each change
    (web/warm.py; ``duban serve`` sets it; default 0);
    the supervision settings (thresholds of the lights, reminders, SMTP, DUBAN_TODAY): supervise/config.py."""

    database_url: str | None = None
    secret_key: str = field(default_factory=lambda: os.environ.get("DUBAN_SECRET_KEY") or secrets.token_urlsafe(32))
    public: bool = field(default_factory=lambda: _flag("DUBAN_PUBLIC", True))
    secure_cookies: bool = field(default_factory=lambda: _flag("DUBAN_SECURE_COOKIES", False))
    session_max_age: int = 8 * 3600
    warm: bool = field(default_factory=lambda: _flag("DUBAN_WARM", False))
    supervision: SupervisionSettings = field(default_factory=SupervisionSettings)

    @property
    def secret_is_ephemeral(self) -> bool:
        return not os.environ.get("DUBAN_SECRET_KEY")
