"""When each live source can have something new, so a refresh fetches only what can have changed.

The Bank of Russia sets official rates every business day; UN Comtrade and the IMF update
monthly releases (China's customs publish around the middle of the month, and the aggregators
follow over the next weeks). A source that is not due reuses its last raw snapshot without
touching the network; `refresh --force` fetches everything regardless.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Cadence:
    min_interval: timedelta
    why: str


CADENCES: dict[str, Cadence] = {
    "cbr": Cadence(timedelta(hours=20), "official rates are set once per business day"),
    "comtrade": Cadence(timedelta(days=7), "monthly releases, added over several weeks"),
    "imf": Cadence(timedelta(days=7), "monthly updates of IMTS"),
    # The full-history file grows by a day every business day, but only monthly averages are
    # used: a weekly check keeps the current month's average recent without a new raw copy daily.
    "ecb": Cadence(timedelta(days=7), "monthly averages of daily reference rates"),
}
DEFAULT = Cadence(timedelta(days=1), "checked daily")


def next_due(source_id: str, last_checked: str | None) -> datetime | None:
    if not last_checked:
        return None
    cadence = CADENCES.get(source_id, DEFAULT)
    return datetime.fromisoformat(last_checked) + cadence.min_interval


def is_due(source_id: str, last_checked: str | None, now: datetime) -> tuple[bool, str]:
    """(due?, why) for a source last checked at `last_checked` (ISO 8601 with zone)."""
    due_at = next_due(source_id, last_checked)
    if due_at is None:
        return True, "never checked"
    cadence = CADENCES.get(source_id, DEFAULT)
    if now >= due_at:
        return True, f"last checked {last_checked}; {cadence.why}"
    return False, (f"not due until {due_at.isoformat(timespec='minutes')} ({cadence.why}); "
                   "reused its last raw snapshot")
