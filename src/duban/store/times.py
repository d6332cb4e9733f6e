"""Times as the API gives them: the store keeps naive UTC datetimes; the JSON carries ISO 8601 with the offset
of Beijing time (the time the pages show), e.g. ``2024-03-05T14:30:00+08:00``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

BEIJING = timezone(timedelta(hours=8), "北京时间")


def iso(value: datetime | None) -> str | None:
    """A stored time (naive = UTC) as ISO 8601 with offset, in Beijing time, to the second."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(BEIJING).isoformat(timespec="seconds")
